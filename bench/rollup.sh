#!/usr/bin/env bash
# Roll-up benchmark (issue 15): what a province's database goes through as its cities' bundles
# come in, each figure side by side with the sqlite3 shell doing the same work in the same run.
#
#   bench/rollup.sh                           # Huzhou's bundle 3 times, then every city of the province
#   bench/rollup.sh --runs 5 --cities "3305 3301 3302"
#   bench/rollup.sh --runs 1 --cities "3305 3301" --quick   # sections 1-4 only
#
# 1. A city's bundle (`demo --scale city`, exported --to 33) imported into a new province
#    database, N runs: time and peak memory, against the shell inserting the same rows into the
#    same schema (INSERT … SELECT from the attached city file, triggers included, foreign keys
#    deferred as the session extension defers them, WAL, synchronous FULL).
# 2. Roll-up: one bundle per city (`demo --scale city --city CODE`, 湖州市's sizes with each
#    city's own counties), imported one after the other into one province database, as the
#    province receives them: per bundle and in total, each against the shell doing the same
#    inserts into a copy of the database as it stood before that bundle; N runs of the whole.
# 3. The weekly bundle: after the roll-up, a week's work at 湖州市 (500 findings moved on, one
#    `finding update` each), exported --to 33 again: its size and time against the first
#    bundle's, and its import at the province.
# 4. Peak memory at two scales (growing input, bounded memory), each asserted against its bound
#    (128 MB for sync, 64 MB for enterprise import): `sync import` of a county's bundle
#    and of a city's; `sync export` of a county's database and of the province's after the
#    roll-up (everything it received); `enterprise import` of 100,000 and 400,000 rows.
# 5. `enterprise import` of the province's 100,000 rows, N runs, against the shell's `.import`
#    into a bare table and against the floor (the shell loading the rows into zoufang's own table).
# 6. `demo --scale province`, N runs: wall time and peak memory (target: under a minute).
#
# ZOUFANG_BIN and GEN_BIN point at prebuilt binaries (else they are built in release mode).
set -euo pipefail
cd "$(dirname "$0")/.."

runs=3
quick=
cities="3305 3301 3302 3303 3304 3306 3307 3308 3309 3310 3311"
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs=$2; shift 2 ;;
        --cities) cities=$2; shift 2 ;;
        --quick) quick=1; shift ;;
        *) echo "usage: bench/rollup.sh [--runs N] [--cities \"3305 3301 …\"] [--quick]" >&2; exit 2 ;;
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
# with zoufang's settings: the same rows `sync import` of $2's bundle inserts. `shell_sql SRC`
# writes the script (not timed); `shell_insert DB SRC` is what is timed: the shell running it.
shell_sql() {
    local src=$1 t
    {
        echo "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;"
        echo "ATTACH '$src' AS src; BEGIN; PRAGMA defer_foreign_keys = ON;"
        for t in $(sqlite3 "$src" "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
                AND name NOT IN ('meta', 'audit', 'sync_log', 'sync_peers', 'sync_acks', 'sync_conflicts', 'sync_lines',
                                 'finding_spans') ORDER BY name"); do
            echo "INSERT OR IGNORE INTO main.\"$t\" SELECT * FROM src.\"$t\";"
        done
        echo "COMMIT;"
    } >"$src.sql"
}
shell_insert() { run sqlite3 "$1" ".read $2.sql"; }

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
    shell_sql "$work/city-$1.db"
    echo "city $1: demo built in $((($(date +%s%N) - t0) / 1000000)) ms," \
        "$(sqlite3 "$work/city-$1.db" 'select count(*) from visits') visits," \
        "$(sqlite3 "$work/city-$1.db" 'select count(*) from findings') findings"
}
city 3305
for _ in $(seq "$runs"); do
    rm -f "$work/c.zfb"
    a=$(run "$Z" --db "$work/city-3305.db" sync export --to 33 --full -o "$work/c.zfb")
    # the shell writing the same bytes out: the city's change log, each entry into a file
    rm -f "$work/x.bin"
    b=$(run sqlite3 "$work/city-3305.db" "SELECT sum(writefile('$work/x.bin', changeset)) FROM sync_log")
    echo "$a $b"
done | report "sync export, a city (湖州市)"
cp "$work/c.zfb" "$work/city-3305.zfb"
echo "  the bundle: $(du -k "$work/city-3305.zfb" | cut -f1) KB"
for _ in $(seq "$runs"); do
    cp "$work/p0.db" "$work/p.db"; cp "$work/p0.db" "$work/s.db"
    a=$(run "$Z" --db "$work/p.db" sync import "$work/city-3305.zfb")
    b=$(shell_insert "$work/s.db" "$work/city-3305.db")
    echo "$a $b"
done | report "sync import, a city's bundle (湖州市)"
"$Z" --db "$work/p.db" check >/dev/null 2>&1 || { echo "bench: check fails after the import" >&2; exit 1; }

# 2. Roll-up: every city's bundle into one province database, in turn, N times
for c in $cities; do
    [ -f "$work/city-$c.db" ] || city "$c"
    [ -f "$work/city-$c.zfb" ] || "$Z" --db "$work/city-$c.db" sync export --to 33 -o "$work/city-$c.zfb" >/dev/null 2>&1
done
: >"$work/totals"
for r in $(seq "$runs"); do
    cp "$work/p0.db" "$work/p.db"
    : >"$work/rollup"
    for c in $cities; do
        cp "$work/p.db" "$work/s.db"; rm -f "$work/s.db-wal" "$work/s.db-shm"
        a=$(run "$Z" --db "$work/p.db" sync import "$work/city-$c.zfb")
        b=$(shell_insert "$work/s.db" "$work/city-$c.db")
        echo "$a $b" >>"$work/rollup"
        echo "$a $b" >>"$work/bundle-$c"
    done
    awk '{z+=$1; s+=$3; if ($2>zm) zm=$2; if ($4>sm) sm=$4} END {print z, zm, s, sm}' "$work/rollup" >>"$work/totals"
    echo "  run $r: $(awk '{printf "zoufang %.1f s, shell %.1f s, ratio %.2f; peak MB zoufang %d, shell %d\n", $1/1e6, $3/1e6, $1/$3, $2/1024, $4/1024}' <"$work/totals" | tail -1)"
done
for c in $cities; do
    report "  bundle of $c ($(du -m "$work/city-$c.zfb" | cut -f1) MB)" <"$work/bundle-$c"
done
cat "$work"/bundle-* | report "roll-up, every bundle of every run"
report "roll-up, total ($(echo $cities | wc -w) bundles)" <"$work/totals"
echo "  province after the roll-up: $(sqlite3 "$work/p.db" 'select count(*) from visits') visits," \
    "$(sqlite3 "$work/p.db" 'select count(*) from findings') findings, $(du -m "$work/p.db" | cut -f1) MB"
"$Z" --db "$work/p.db" check >/dev/null 2>&1 || { echo "bench: check fails after the roll-up" >&2; exit 1; }

# 3. The weekly bundle: a week's work at 湖州市 after everything above was received
if [ -f "$work/city-3305.db" ]; then
    # the city's bookkeeping as after the roll-up: the province holds everything sent so far
    sqlite3 "$work/city-3305.db" "SELECT id, status FROM findings WHERE status IN ('open', 'in-progress') ORDER BY id LIMIT 500" |
        while IFS='|' read -r id st; do
            next=in-progress; [ "$st" = in-progress ] && next=resolved
            "$Z" --db "$work/city-3305.db" finding update "$id" --status "$next" --note "本周整改进展" >/dev/null 2>&1 ||
                { echo "bench: finding update failed" >&2; exit 1; }
        done
    # What the city remembers having sent the province, put back before each run (each run is
    # the same weekly export; the bundle file is what the province receives).
    restore=$(sqlite3 "$work/city-3305.db" "SELECT group_concat(printf('UPDATE sync_acks SET sent = %d WHERE peer = %Q AND origin = %Q;', sent, peer, origin), ' ') FROM sync_acks WHERE peer = 'upper:33'")
    [ -n "$restore" ] || { echo "bench: the city does not remember its bundles to the province" >&2; exit 1; }
    for _ in $(seq "$runs"); do
        sqlite3 "$work/city-3305.db" "$restore"; rm -f "$work/w.zfb"
        a=$(run "$Z" --db "$work/city-3305.db" sync export --to 33 -o "$work/w.zfb")
        cp "$work/p.db" "$work/pw.db"; rm -f "$work/pw.db-wal" "$work/pw.db-shm"
        b=$(run "$Z" --db "$work/pw.db" sync import "$work/w.zfb")
        echo "$a $b"
    done >"$work/weekly"
    echo "weekly bundle (500 findings moved on at 湖州市): $(du -k "$work/w.zfb" | cut -f1) KB," \
        "$(sqlite3 "$work/city-3305.db" "select count(*) from sync_log") changes in the city's log;" \
        "the first bundle was $(du -k "$work/city-3305.zfb" | cut -f1) KB"
    echo "  export ms $(awk '{print int($1/1000)}' "$work/weekly" | stats) (peak MB $(awk '{print int($2/1024)}' "$work/weekly" | stats))," \
        "import at the province ms $(awk '{print int($3/1000)}' "$work/weekly" | stats) (peak MB $(awk '{print int($4/1024)}' "$work/weekly" | stats))"
    "$Z" --db "$work/pw.db" check >/dev/null 2>&1 || { echo "bench: check fails after the weekly bundle" >&2; exit 1; }
fi

# 4. Peak memory at two scales
"$Z" --db "$work/county.db" demo --scale county --seed 1 >/dev/null 2>&1
"$Z" --db "$work/county.db" sync export -o "$work/county.zfb" >/dev/null 2>&1
"$Z" --db "$work/ci.db" init --org 3305 --year 2012 >/dev/null 2>&1
# mem LIMIT_MB CMD…: runs CMD, prints its peak memory and time; a peak over LIMIT_MB (the bound
# issue 15 sets) is noted, and fails the bench once every figure of this section is printed.
mem() {
    local limit=$1 r
    shift
    r=$(run "$@")
    echo "$r" | awk -v l="$limit" '{printf "%d MB (%.1f s, bound %d MB)", $2/1024, $1/1e6, l}'
    echo "$r" | awk -v l="$limit" '$2/1024 > l {exit 1}' || echo "$* peaked over $limit MB" >>"$work/over"
}
: >"$work/over"
echo "peak memory, sync import:  county bundle ($(du -k "$work/county.zfb" | cut -f1) KB) $(mem 128 "$Z" --db "$work/ci.db" sync import "$work/county.zfb");" \
    "city bundle ($(du -k "$work/city-3305.zfb" | cut -f1) KB) $(cp "$work/p0.db" "$work/m.db"; mem 128 "$Z" --db "$work/m.db" sync import "$work/city-3305.zfb")"
rm -f "$work/all.zfb"
echo "peak memory, sync export:  county database $(mem 128 "$Z" --db "$work/county.db" sync export -o "$work/cx.zfb");" \
    "province after the roll-up, --full $(mem 128 "$Z" --db "$work/p.db" sync export --full -o "$work/all.zfb") ($(du -m "$work/all.zfb" | cut -f1) MB)"
"$Z" --db "$work/e0.db" init --org 33 --year 2012 >/dev/null 2>&1
line="peak memory, enterprise import:"
for n in 100000 400000; do
    "$GEN" "$n" 33 >"$work/e.csv"
    cp "$work/e0.db" "$work/e.db"
    line="$line $n rows ($(du -m "$work/e.csv" | cut -f1) MB) $(mem 64 "$Z" --db "$work/e.db" enterprise import "$work/e.csv");"
done
echo "$line"
if [ -s "$work/over" ]; then
    echo "bench: over a memory bound:" >&2
    cat "$work/over" >&2
    exit 1
fi

[ -z "$quick" ] || exit 0
# 5. enterprise import against the bare .import and against the floor
"$GEN" 100000 33 >"$work/e.csv"
for _ in $(seq "$runs"); do
    cp "$work/e0.db" "$work/i.db"; rm -f "$work/i.db-wal" "$work/i.db-shm" "$work/bare.db"
    a=$(run "$Z" --db "$work/i.db" enterprise import "$work/e.csv")
    b=$(run sqlite3 "$work/bare.db" ".mode csv" ".import $work/e.csv enterprises")
    echo "$a $b"
done | report "enterprise import (100,000) vs .import"
for _ in $(seq "$runs"); do
    cp "$work/e0.db" "$work/i.db"; rm -f "$work/i.db-wal" "$work/i.db-shm"
    a=$(run "$Z" --db "$work/i.db" enterprise import "$work/e.csv")
    cp "$work/e0.db" "$work/floor.db"; rm -f "$work/floor.db-wal" "$work/floor.db-shm"
    b=$(run sqlite3 "$work/floor.db" "PRAGMA journal_mode = WAL" "PRAGMA synchronous = FULL" \
        "PRAGMA foreign_keys = ON" ".import --csv --schema temp $work/e.csv raw" \
        "INSERT INTO enterprises(uscc, name, county, industry, tags, contact, phone) SELECT * FROM temp.raw ORDER BY 1")
    [ "$(sqlite3 "$work/floor.db" 'select count(*) from enterprises')" = 100000 ] ||
        { echo "bench: the shell's load into the enterprises table lost rows" >&2; exit 1; }
    echo "$a $b"
done | report "enterprise import (100,000) vs the floor"

# 6. demo --scale province
rm -rf "$work"/city-* "$work"/p.db* "$work"/s.db* "$work"/pw.db* "$work"/m.db*
for _ in $(seq "$runs"); do
    rm -f "$work/prov.db"*
    run "$Z" --db "$work/prov.db" demo --scale province --seed 1
done | awk '{print $1/1e6, $2/1024}' >"$work/demo"
echo "demo --scale province: s $(awk '{print $1}' "$work/demo" | stats), peak MB $(awk '{print int($2)}' "$work/demo" | stats);" \
    "$(sqlite3 "$work/prov.db" 'select count(*) from visits') visits, $(sqlite3 "$work/prov.db" 'select count(*) from findings') findings, $(du -m "$work/prov.db" | cut -f1) MB"
