#!/usr/bin/env bash
# zoufang's benchmarks, side by side with the sqlite3 shell doing the same work on the same file,
# in one run. Each figure is a ratio (zoufang ÷ sqlite3) with min/median/max over several runs.
#
#   bench/run.sh                         # province scale (SPEC §7), 5 runs
#   bench/run.sh --scale county --runs 1 # small and quick (what CI runs, through the test suite)
#
# ZOUFANG_BIN and GEN_BIN point at prebuilt binaries (else they are built in release mode).
set -euo pipefail
cd "$(dirname "$0")/.."

scale=province
runs=5
while [ $# -gt 0 ]; do
    case "$1" in
        --scale) scale=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        *) echo "usage: bench/run.sh [--scale county|city|province] [--runs N]" >&2; exit 2 ;;
    esac
done
command -v sqlite3 >/dev/null || { echo "bench: the sqlite3 shell is needed (apt-get install sqlite3)" >&2; exit 1; }

if [ -z "${ZOUFANG_BIN:-}" ]; then
    cargo build --release --quiet --bin zoufang --example gen_enterprises
    ZOUFANG_BIN=target/release/zoufang
    GEN_BIN=target/release/examples/gen_enterprises
fi
Z=$(realpath "$ZOUFANG_BIN")
GEN=$(realpath "${GEN_BIN:-target/release/examples/gen_enterprises}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export ZOUFANG_USER=bench ZOUFANG_TODAY=2012-04-15

case "$scale" in
    county) org=330523; n_enterprises=3000 ;;
    city) org=3305; n_enterprises=5500 ;;
    province) org=33; n_enterprises=100000 ;;
    *) echo "bench: --scale county|city|province" >&2; exit 2 ;;
esac

# Microseconds a command takes, its output thrown away. A command that fails stops the bench: a
# figure measured against a failed command would mean nothing.
usec() {
    local s e
    s=$(date +%s%N)
    "$@" >/dev/null 2>"$work/err" || { echo "bench: failed: $*" >&2; cat "$work/err" >&2; return 1; }
    e=$(date +%s%N)
    echo $(((e - s) / 1000))
}

# min median max of numbers on stdin
stats() { sort -g | awk '{a[NR]=$1} END {printf "%s %s %s", a[1], a[int((NR+1)/2)], a[NR]}'; }

# report NAME: reads "zoufang_usec sqlite_usec" lines and prints the figure
report() {
    local name=$1 data
    data=$(cat)
    local z s r
    z=$(echo "$data" | awk '{print $1/1000}' | stats)
    s=$(echo "$data" | awk '{print $2/1000}' | stats)
    r=$(echo "$data" | awk '{printf "%.2f\n", $1/$2}' | stats)
    printf '%-34s zoufang ms %-22s sqlite3 ms %-22s ratio %s\n' "$name" "$z" "$s" "$r"
}

echo "zoufang bench: scale $scale, $runs runs, $(nproc) cores, $(uname -m), sqlite3 $(sqlite3 --version | cut -d' ' -f1)"

# The data set: the demo campaign of this scale.
db="$work/demo.db"
t0=$(date +%s%N)
"$Z" --db "$db" demo --scale "$scale" --seed 1 >/dev/null
echo "demo --scale $scale built in $(( ($(date +%s%N) - t0) / 1000000 )) ms: $(du -h "$db" | cut -f1)," \
    "$(sqlite3 "$db" 'select count(*) from visits') visits, $(sqlite3 "$db" 'select count(*) from findings') findings"

# 1. enterprise import with every check vs .import into a bare table
"$GEN" "$n_enterprises" "$org" >"$work/e.csv"
"$Z" --db "$work/base.db" init --org "$org" --year 2012 2>/dev/null
for _ in $(seq "$runs"); do
    cp "$work/base.db" "$work/i.db"; rm -f "$work/bare.db"
    a=$(usec "$Z" --db "$work/i.db" enterprise import "$work/e.csv")
    b=$(usec sqlite3 "$work/bare.db" ".mode csv" ".import $work/e.csv enterprises")
    echo "$a $b"
done | report "enterprise import ($n_enterprises rows)"
# The floor under any import into zoufang's table: the shell loading the same rows into it (its key,
# county index and foreign keys, with zoufang's journal and sync settings) by one INSERT … SELECT
# from a bare table, sorted like zoufang writes them — no check, no audit, no change capture.
for _ in $(seq "$runs"); do
    cp "$work/base.db" "$work/i.db"; rm -f "$work/i.db-wal" "$work/i.db-shm" "$work/floor.db"
    a=$(usec "$Z" --db "$work/i.db" enterprise import "$work/e.csv")
    cp "$work/base.db" "$work/floor.db"
    b=$(usec sqlite3 "$work/floor.db" "PRAGMA journal_mode = WAL" "PRAGMA synchronous = FULL" \
        "PRAGMA foreign_keys = ON" ".import --csv --schema temp $work/e.csv raw" \
        "INSERT INTO enterprises(uscc, name, county, industry, tags, contact, phone) SELECT * FROM temp.raw ORDER BY 1")
    [ "$(sqlite3 "$work/floor.db" 'select count(*) from enterprises')" = "$n_enterprises" ] ||
        { echo "bench: the shell's load into the enterprises table lost rows" >&2; exit 1; }
    echo "$a $b"
done | report "  vs the shell into its table"

# 2. reports vs hand-written aggregate SQL over the same tables: progress as of its deadline, final
# as of its own (every visit and finding of the season counted)
for spec in "progress 2012-03-25 2012-02-26" "final 2012-06-25 2012-03-26"; do
    read -r kind asof start <<<"$spec"
    for _ in $(seq "$runs"); do
        a=$(usec "$Z" --db "$db" report "$kind" --as-of "$asof" --format json)
        b=$(usec sqlite3 "$db" ".parameter set @asof \"'$asof'\"" ".parameter set @start \"'$start'\"" \
            ".read bench/sql/report.sql")
        echo "$a $b"
    done | report "report $kind --format json"
done

# 3. a small command vs the shell's smallest query
cdb="$work/county.db"
"$Z" --db "$cdb" demo --scale county --seed 1 >/dev/null
for _ in $(seq "$runs"); do
    a=$(usec "$Z" --db "$cdb" status)
    b=$(usec sqlite3 "$cdb" 'select 1')
    echo "$a $b"
done | report "status (county db)"

# 4. export of every finding: time and peak memory
q="SELECT f.id, f.created_on, f.visit_id, v.county, f.category, f.description, f.severity, f.route, f.division,
          f.refer_to, f.due, f.status, f.on_site FROM findings f JOIN visits v ON v.id = f.visit_id ORDER BY f.created_on, f.id"
for _ in $(seq "$runs"); do
    a=$(usec "$Z" --db "$db" export findings --format csv)
    b=$(usec sqlite3 -csv "$db" "$q")
    echo "$a $b"
done | report "export findings (csv)"
if [ -x /usr/bin/time ]; then
    /usr/bin/time -f '%M' -o "$work/mem" "$Z" --db "$db" export findings --format csv >/dev/null
    /usr/bin/time -f '%M' -o "$work/mem2" sqlite3 -csv "$db" "$q" >/dev/null
    echo "export findings peak memory:       zoufang $(($(tail -1 "$work/mem") / 1024)) MB, sqlite3 $(($(tail -1 "$work/mem2") / 1024)) MB (target < 64 MB)"
fi

# 5. a table of every enterprise (the import's file): peak memory piped (full width: the rows are
# spooled to a temporary file while measured) and on an 80-column terminal (the `script` command's
# pseudo-terminal: widths from the first 1,000 rows, then streamed), against the csv of the same rows
if [ -x /usr/bin/time ]; then
    /usr/bin/time -f '%M' -o "$work/mem" "$Z" --db "$work/i.db" enterprise list >/dev/null
    /usr/bin/time -f '%M' -o "$work/mem2" "$Z" --db "$work/i.db" enterprise list --format csv >/dev/null
    line="enterprise list peak memory:       table $(($(tail -1 "$work/mem") / 1024)) MB piped"
    if command -v script >/dev/null; then
        /usr/bin/time -f '%M' -o "$work/mem3" script -qc "stty cols 80; '$Z' --db '$work/i.db' enterprise list --no-pager" /dev/null >/dev/null </dev/null
        line="$line, $(($(tail -1 "$work/mem3") / 1024)) MB on an 80-column terminal"
    fi
    echo "$line, csv $(($(tail -1 "$work/mem2") / 1024)) MB ($n_enterprises rows)"
fi

# 6. sync: a laptop's bundle (see bench/sync.sh for the 2,000-visit laptop)
if [ -z "${BENCH_SKIP_SYNC:-}" ] && [ -x bench/sync.sh ]; then
    ZOUFANG_BIN="$Z" bash bench/sync.sh "$scale" || echo "sync bench failed"
fi
