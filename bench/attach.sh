#!/bin/sh
# Evidence benchmark (issue 16): N camera-like photos of ~3 MB (4000×3000 JPEG, grain 16, quality
# 85; made deterministically by examples/gen_photos, each different, each with an EXIF date and GPS
# position) attached on a laptop copy of the county demo, then the laptop's bundle exported and
# imported at the bureau, then the bureau's final report written as a Word document with every
# hazard pair placed. Time and peak memory (/usr/bin/time -v, maximum resident set size) of each
# step, and the sizes; release build.
#
#   bench/attach.sh [N] [PER_COMMAND]   # default 500 photos, 10 per `attach add` (one visit each),
#                                       # then one `attach add` of 100 photos at once
# Needs ~2.5 GB of free disk in $TMPDIR (the photos, the laptop, the bundle, the bureau).
set -eu
cd "$(dirname "$0")/.."
N=${1:-500}
PER=${2:-10}
T=${CARGO_TARGET_DIR:-target}
cargo build -q --release --bin zoufang --example gen_photos
Z="$T/release/zoufang"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export ZOUFANG_USER=bench ZOUFANG_TODAY=2012-04-15 NO_COLOR=1

# run LABEL CMD…: run CMD under /usr/bin/time -v; print "LABEL: S s, M MB".
run() {
    label=$1
    shift
    /usr/bin/time -v "$@" >"$work/out" 2>"$work/time" || { cat "$work/time" >&2; exit 1; }
    s=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time" |
        awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }')
    kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time")
    echo "$label: ${s} s, $((kb / 1024)) MB peak"
}
mb() { echo "$(($(stat -c %s "$1") / 1048576)) MB"; }

echo "photos: generating $N of 4000×3000 (grain 16, quality 85)…"
"$T/release/examples/gen_photos" "$work/photos" "$N" 4000 3000 16 85 2>&1 | sed 's/^/photos: /'

"$Z" --db "$work/bureau.db" demo >/dev/null 2>&1
"$Z" --db "$work/bureau.db" sync clone -o "$work/laptop.db" >/dev/null 2>&1
echo "laptop: $(mb "$work/laptop.db") before"

# N photos, PER to a visit, one command per visit (as a group files its day's photos).
visits=$(sqlite3 "$work/laptop.db" "SELECT substr(id, 1, 8) FROM visits ORDER BY date, id")
ls "$work/photos"/*.jpg >"$work/list"
start=$(date +%s.%N)
max=0
i=0
for v in $visits; do
    [ "$i" -ge "$N" ] && break
    files=$(sed -n "$((i + 1)),$((i + PER))p" "$work/list")
    # shellcheck disable=SC2086
    /usr/bin/time -v "$Z" --db "$work/laptop.db" attach add --visit "$v" $files >/dev/null 2>"$work/time" ||
        { cat "$work/time" >&2; exit 1; }
    kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time")
    [ "$kb" -gt "$max" ] && max=$kb
    i=$((i + PER))
done
end=$(date +%s.%N)
echo "attach add: $N photos, $PER a command: $(echo "$end - $start" | bc) s in all, $((max / 1024)) MB peak (largest command)"
echo "laptop: $(mb "$work/laptop.db") after; stored: $(sqlite3 "$work/laptop.db" \
    "SELECT count(*) || ' blobs, ' || (sum(size) / 1048576) || ' MB, ' || (sum(size) / count(*) / 1024) || ' KB a photo' FROM blobs")"

run "sync export (laptop → bureau)" "$Z" --db "$work/laptop.db" sync export -o "$work/laptop.zfb"
echo "bundle: $(mb "$work/laptop.zfb")"
run "sync import (at the bureau)" "$Z" --db "$work/bureau.db" sync import "$work/laptop.zfb"
run "sync import again (changes nothing)" "$Z" --db "$work/bureau.db" sync import "$work/laptop.zfb"
run "sync export (bureau → city, --to 3305)" "$Z" --db "$work/bureau.db" sync export --to 3305 -o "$work/county.zfb"
echo "bundle to the city: $(mb "$work/county.zfb")"

# The same photos again, 100 in one command, on a fresh laptop copy: does one command's memory
# grow with its files?
"$Z" --db "$work/bureau.db" sync clone -o "$work/laptop2.db" >/dev/null 2>&1
v=$(echo "$visits" | head -1)
# shellcheck disable=SC2046
run "attach add: 100 photos in one command" "$Z" --db "$work/laptop2.db" attach add --visit "$v" \
    $(head -100 "$work/list")

# The final report with every hazard's pair: each of 50 hazards gets a before and an after photo.
sqlite3 "$work/bureau.db" "SELECT substr(f.id, 1, 8) FROM findings f JOIN visits v ON v.id = f.visit_id
    WHERE v.item = 5 ORDER BY f.id LIMIT 50" >"$work/hazards"
i=0
while read -r f; do
    b=$(sed -n "$((i + 1))p" "$work/list")
    a=$(sed -n "$((i + 2))p" "$work/list")
    "$Z" --db "$work/bureau.db" attach add --finding "$f" --kind before "$b" >/dev/null 2>&1
    "$Z" --db "$work/bureau.db" attach add --finding "$f" --kind after "$a" >/dev/null 2>&1
    i=$((i + 2))
done <"$work/hazards"
run "report final --format docx ($(wc -l <"$work/hazards") hazard pairs)" \
    "$Z" --db "$work/bureau.db" report final --as-of 2012-06-25 --format docx -o "$work/final.docx"
echo "final.docx: $(mb "$work/final.docx") ($(unzip -l "$work/final.docx" | grep -c 'word/media/') pictures)"
