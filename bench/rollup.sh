#!/usr/bin/env bash
# Roll-up benchmark (issue 15): what a province's database goes through as its cities' bundles
# come in, each figure side by side with the sqlite3 shell doing the same work in the same run.
#
#   bench/rollup.sh                           # Huzhou's bundle 3 times, then every city of the province
#   bench/rollup.sh --runs 5 --cities "3305 3301 3302"
#
# 1. A city's bundle (`demo --scale city`, exported --to 33) imported into a new province
#    database, N runs: time and peak memory, against the shell inserting the same rows into the
#    same schema (INSERT … SELECT from the attached city file, triggers included, foreign keys
#    deferred as the session extension defers them, WAL, synchronous FULL).
# 2. Roll-up: one bundle per city, imported one after the other into one province database, as
#    the province receives them: per bundle and in total, each against the shell doing the same
#    inserts into a copy of the database as it stood before that bundle.
# 3. Peak memory at two scales (growing input, flat memory): `sync import` of a county's bundle
#    and of a city's; `sync export` of a county's database and of the province's after the
#    roll-up (everything it received); `enterprise import` of 100,000 and 400,000 rows.
#
# ZOUFANG_BIN and GEN_BIN point at prebuilt binaries (else they are built in release mode).
set -euo pipefail
cd "$(dirname "$0")/.."

runs=3
cities="3305 3301 3302 3303 3304 3306 3307 3308 3309 3310 3311"
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs=$2; shift 2 ;;
        --cities) cities=$2; shift 2 ;;
        *) echo "usage: bench/rollup.sh [--runs N] [--cities \"3305 3301 …\"]" >&2; exit 2 ;;
    esac
done
command -v sqlite3 >/dev/null || { echo "bench: the sqlite3 shell is needed (apt-get install sqlite3)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time is needed for peak memory (apt-get install time)" >&2; exit 1; }
if [ -z "${ZOUFANG_BIN:-}" ]; then
    cargo build --release --quiet --bin zoufang --example gen_enterprises
    ZOUFANG_BIN=${CARGO_TARGET_DIR:-target}/release/zoufang
    GEN_BIN=${CARGO_TARGET_DIR:-target}/release/examples/gen_enterprises
fi
Z=$(realpath "$ZOUFANG_BIN")
GEN=$(realpath "${GEN_BIN:-target/release/examples/gen_enterprises}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export ZOUFANG_USER=bench ZOUFANG_TODAY=2012-04-15

# run NAME CMD…: runs CMD, its output thrown away; prints "usec peak_kb". A failing command stops
# the bench: a figure measured against a failed command would mean nothing.
run() {
    local s e
    s=$(date +%s%N)
    /usr/bin/time -f '%M' -o "$work/mem" "$@" >/dev/null 2>"$work/err" ||
        { echo "bench: failed: $*" >&2; cat "$work/err" >&2; exit 1; }
    e=$(date +%s%N)
    echo "$(((e - s) / 1000)) $(tail -1 "$work/mem")"
}
stats() { sort -g | awk '{a[NR]=$1} END {printf "%s / %s / %s", a[1], a[int((NR+1)/2)], a[NR]}'; }
# report NAME: reads "z_usec z_kb s_usec s_kb" lines; prints time and memory, min / median / max
report() {
    local name=$1 data
    data=$(cat)
    printf '%-44s zoufang ms %-26s shell ms %-26s ratio %-20s peak MB zoufang %s, shell %s\n' "$name" \
        "$(echo "$data" | awk '{print int($1/1000)}' | stats)" \
        "$(echo "$data" | awk '{print int($3/1000)}' | stats)" \
        "$(echo "$data" | awk '{printf "%.2f\n", $1/$3}' | stats)" \
        "$(echo "$data" | awk '{print int($2/1024)}' | stats)" \
        "$(echo "$data" | awk '{print int($4/1024)}' | stats)"
}

# The shell inserting the rows of every exchanged table of $2 that $1 lacks, in one transaction
# with zoufang's settings: the same rows `sync import` of $2's bundle inserts.
shell_insert() {
    local db=$1 src=$2 sql t
    sql="PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;
         ATTACH '$src' AS src; BEGIN; PRAGMA defer_foreign_keys = ON;"
    for t in $(sqlite3 "$src" "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
            AND name NOT IN ('meta', 'audit', 'sync_log', 'sync_peers', 'sync_acks', 'sync_conflicts', 'sync_lines',
                             'finding_spans') ORDER BY name"); do
        sql="$sql INSERT OR IGNORE INTO main.\"$t\" SELECT * FROM src.\"$t\";"
    done
    sqlite3 "$db" "$sql COMMIT;"
}

echo "zoufang roll-up bench: $runs runs, $(nproc) cores, $(uname -m), sqlite3 $(sqlite3 --version | cut -d' ' -f1), load $(cut -d' ' -f1-3 /proc/loadavg)"
"$Z" --db "$work/p0.db" init --org 33 --year 2012 >/dev/null 2>&1

# 1. A city's bundle into a new province database
city() { # city CODE: builds city-CODE.db and its bundle city-CODE.zfb
    local t0
    t0=$(date +%s%N)
    if [ "$1" = 3305 ]; then
        "$Z" --db "$work/city-$1.db" demo --scale city --seed 1 >/dev/null 2>&1
    else
        "$Z" --db "$work/city-$1.db" demo --scale city --city "$1" --seed 1 >/dev/null 2>&1
    fi
    echo "city $1: demo built in $((($(date +%s%N) - t0) / 1000000)) ms," \
        "$(sqlite3 "$work/city-$1.db" 'select count(*) from visits') visits," \
        "$(sqlite3 "$work/city-$1.db" 'select count(*) from findings') findings"
}
city 3305
for _ in $(seq "$runs"); do
    rm -f "$work/c.zfb"
    a=$(run "$Z" --db "$work/city-3305.db" sync export --to 33 -o "$work/c.zfb")
    # the shell copying the same rows out: into a new file of the same schema
    cp "$work/p0.db" "$work/x.db"
    b=$(run sqlite3 "$work/x.db" "ATTACH '$work/city-3305.db' AS src; SELECT sum(length(changeset)) FROM src.sync_log")
    echo "$a $b"
done | report "sync export, a city (湖州市)"
cp "$work/c.zfb" "$work/city-3305.zfb"
echo "  the bundle: $(du -k "$work/city-3305.zfb" | cut -f1) KB"
for _ in $(seq "$runs"); do
    cp "$work/p0.db" "$work/p.db"; cp "$work/p0.db" "$work/s.db"
    a=$(run "$Z" --db "$work/p.db" sync import "$work/city-3305.zfb")
    b=$(run shell_insert "$work/s.db" "$work/city-3305.db")
    echo "$a $b"
done | report "sync import, a city's bundle (湖州市)"
"$Z" --db "$work/p.db" check >/dev/null 2>&1 || { echo "bench: check fails after the import" >&2; exit 1; }

# 2. Roll-up: every city's bundle into one province database, in turn
cp "$work/p0.db" "$work/p.db"
: >"$work/rollup"
for c in $cities; do
    [ -f "$work/city-$c.db" ] || city "$c"
    [ -f "$work/city-$c.zfb" ] || "$Z" --db "$work/city-$c.db" sync export --to 33 -o "$work/city-$c.zfb" >/dev/null 2>&1
    cp "$work/p.db" "$work/s.db"
    a=$(run "$Z" --db "$work/p.db" sync import "$work/city-$c.zfb")
    b=$(run shell_insert "$work/s.db" "$work/city-$c.db")
    echo "$a $b" | tee -a "$work/rollup" | report "  bundle of $c ($(du -m "$work/city-$c.zfb" | cut -f1) MB)"
done
report "roll-up, per bundle ($(echo $cities | wc -w) bundles)" <"$work/rollup"
awk '{z+=$1; s+=$3; if ($2>zm) zm=$2; if ($4>sm) sm=$4} END {printf "roll-up, total: zoufang %.1f s, shell %.1f s, ratio %.2f; peak MB zoufang %d, shell %d\n", z/1e6, s/1e6, z/s, zm/1024, sm/1024}' "$work/rollup"
echo "  province after the roll-up: $(sqlite3 "$work/p.db" 'select count(*) from visits') visits," \
    "$(sqlite3 "$work/p.db" 'select count(*) from findings') findings, $(du -m "$work/p.db" | cut -f1) MB"
"$Z" --db "$work/p.db" check >/dev/null 2>&1 || { echo "bench: check fails after the roll-up" >&2; exit 1; }

# 3. Peak memory at two scales
"$Z" --db "$work/county.db" demo --scale county --seed 1 >/dev/null 2>&1
"$Z" --db "$work/county.db" sync export -o "$work/county.zfb" >/dev/null 2>&1
"$Z" --db "$work/ci.db" init --org 3305 --year 2012 >/dev/null 2>&1
mem() { run "$@" | awk '{printf "%d MB (%.1f s)", $2/1024, $1/1e6}'; }
echo "peak memory, sync import:  county bundle ($(du -k "$work/county.zfb" | cut -f1) KB) $(mem "$Z" --db "$work/ci.db" sync import "$work/county.zfb");" \
    "city bundle ($(du -k "$work/city-3305.zfb" | cut -f1) KB) $(cp "$work/p0.db" "$work/m.db"; mem "$Z" --db "$work/m.db" sync import "$work/city-3305.zfb")"
rm -f "$work/all.zfb"
echo "peak memory, sync export:  county database $(mem "$Z" --db "$work/county.db" sync export -o "$work/cx.zfb");" \
    "province after the roll-up, --full $(mem "$Z" --db "$work/p.db" sync export --full -o "$work/all.zfb") ($(du -m "$work/all.zfb" | cut -f1) MB)"
"$Z" --db "$work/e0.db" init --org 33 --year 2012 >/dev/null 2>&1
line="peak memory, enterprise import:"
for n in 100000 400000; do
    "$GEN" "$n" 33 >"$work/e.csv"
    cp "$work/e0.db" "$work/e.db"
    line="$line $n rows ($(du -m "$work/e.csv" | cut -f1) MB) $(mem "$Z" --db "$work/e.db" enterprise import "$work/e.csv");"
done
echo "$line"
