#!/bin/sh
# Render zoufang's documents (docx, xlsx) to PDF and PNG pages to look at them, as a bureau's
# clerk would see them in Word/WPS/Excel. Needs LibreOffice and poppler on this machine only
# (never in CI):
#   apt-get install -y libreoffice-writer libreoffice-calc poppler-utils fonts-noto-cjk
# Usage: docs/render.sh FILE.docx|FILE.xlsx ... ; FILE.docx gives FILE.docx.pdf and its pages
# FILE.docx-N.png beside it (a docx and an xlsx of the same name do not overwrite each other).
# RES=100 docs/render.sh … for sharper pages (default 60 dpi).
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for f in "$@"; do
    soffice --headless --convert-to pdf --outdir "$tmp" "$f" >/dev/null 2>&1
    base=$(basename "$f")
    pdf="$f.pdf"
    mv "$tmp/${base%.*}.pdf" "$pdf"
    echo "$pdf: $(pdfinfo "$pdf" | sed -n 's/^Pages: *//p') pages"
    pdftoppm -png -r "${RES:-60}" "$pdf" "$f"
done
