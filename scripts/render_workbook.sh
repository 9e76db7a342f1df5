#!/bin/sh
# Render the executive workbook the way an executive sees it: export an assessment to
# .xlsx (English and Danish), convert each to PDF with LibreOffice (headless) and each
# PDF page to a PNG, so the printed pages can be looked at before a change is merged.
#
#   scripts/render_workbook.sh [ASSESSMENT.toml] [OUT_DIR]
#
# Defaults: examples/nordlys-energi.toml, render/ (gitignored). Needs LibreOffice Calc and
# poppler:  apt-get install -y libreoffice-calc-nogui poppler-utils
# (fonts-crosextra-carlito gives Calibri's metrics, so widths match Excel's).
# Rows of wrapped text look taller than their text here: their heights are set for Excel,
# whose columns are narrower for the same width (7 px a unit; LibreOffice takes Carlito's
# digit, about 6% wider) and whose lines are further apart (about 1.3 em; LibreOffice
# lays Carlito out at 1.0 em). Rows that fitted LibreOffice would clip text in Excel.
# Not run in CI. Set CXASSESS to the command to use (default: the repo's .venv, else PATH).
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
assessment=${1:-"$root/examples/nordlys-energi.toml"}
out=${2:-"$root/render"}
mkdir -p "$out"
out=$(cd "$out" && pwd)  # absolute: LibreOffice's profile is given as a file:// URL
dpi=${DPI:-60}

if [ -z "${CXASSESS:-}" ]; then
    if [ -x "$root/.venv/bin/cxassess" ]; then CXASSESS="$root/.venv/bin/cxassess"; else CXASSESS=cxassess; fi
fi
for tool in soffice pdftoppm; do
    command -v "$tool" >/dev/null 2>&1 || {
        echo "render_workbook: $tool not found (apt-get install -y libreoffice-calc-nogui poppler-utils)" >&2
        exit 1
    }
done
# Without Carlito (Calibri's metrics) LibreOffice falls back to a wider or narrower font:
# text wraps and pages break where Excel's would not, and the render misleads.
if ! fc-list 2>/dev/null | grep -qi carlito; then
    echo "render_workbook: warning: the Carlito font is not installed, so the render does not" \
         "show what Excel shows (apt-get install -y fonts-crosextra-carlito)" >&2
fi

name=$(basename "$assessment" .toml)
# a private LibreOffice profile, so a running LibreOffice does not swallow the conversion
profile="$out/.lo-profile"

for lang in en da; do
    base="$out/$name-$lang"
    rm -f "$base".xlsx "$base".pdf "$base"-*.png
    "$CXASSESS" export "$assessment" -o "$base.xlsx" --lang "$lang"
    soffice -env:UserInstallation="file://$profile" --headless --convert-to pdf \
        --outdir "$out" "$base.xlsx" >/dev/null 2>&1
    pdftoppm -png -r "$dpi" "$base.pdf" "$base"
    pages=$(ls "$base"-*.png | wc -l)
    echo "$base.pdf: $pages page(s); PNGs: $base-*.png"
done
