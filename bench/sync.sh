#!/bin/sh
# Sync benchmark (issue 5): a laptop with 2,000 visits and 10,000 findings, each written by its own
# captured Store::write (as 12,000 commands would), then `sync export` and `sync import` timed
# through the release binary, side by side with the sqlite3 shell copying the same rows.
#
#   bench/sync.sh            # prints the figures; results are noted in bench/README.md
set -eu
cd "$(dirname "$0")/.."
# (the scale argument bench/run.sh passes is not used: the laptop is the same at every scale)
cargo test --release --test sync -- --ignored --nocapture bench_laptop_with_2000_visits_and_10000_findings 2>&1 |
    grep -E '^(laptop|change log|sync|sqlite3)|test result'
