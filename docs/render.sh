#!/bin/sh
# Render zoufang's documents (docx, xlsx) to PDF and PNG pages to look at them, as a bureau's
# clerk would see them in Word/WPS/Excel. Needs LibreOffice and poppler on this machine only
# (never in CI):
#   apt-get install -y libreoffice-writer libreoffice-calc poppler-utils fonts-noto-cjk
# Usage: docs/render.sh FILE.docx|FILE.xlsx ... ; pages go to FILE-N.png next to the PDF.
set -eu
for f in "$@"; do
    dir=$(dirname "$f")
    soffice --headless --convert-to pdf --outdir "$dir" "$f" >/dev/null
    pdf="${f%.*}.pdf"
    echo "$pdf: $(pdfinfo "$pdf" | sed -n 's/^Pages: *//p') pages"
    pdftoppm -png -r 60 "$pdf" "${f%.*}"
done
