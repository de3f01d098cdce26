#!/usr/bin/env bash
# Runs every Go fuzz target in the repository for FUZZTIME each (default
# 10s). Targets are found by their declaration, so new ones join on their own.
# A failing input is saved under the package's testdata/fuzz/ for `go test`.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime=${FUZZTIME:-10s}

targets=$(grep -rn --include='*_test.go' --exclude-dir=node_modules --exclude-dir=.git '^func Fuzz' . |
  sed -E 's#^(.*)/[^/]+:[0-9]+:func (Fuzz[A-Za-z0-9_]*)\(.*#\1 \2#' | sort)
if [ -z "$targets" ]; then
  echo "no fuzz targets"
  exit 0
fi
while read -r pkg name; do
  echo "-- $name in $pkg for $fuzztime"
  go test -run '^$' -fuzz "^${name}\$" -fuzztime "$fuzztime" "$pkg"
done <<<"$targets"
