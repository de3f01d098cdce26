#!/usr/bin/env bash
# Runs every Go fuzz target in the repository for FUZZTIME each (default
# 10s). Targets are found by their declaration, so new ones join on their own.
# A failing input is saved under the package's testdata/fuzz/ for `go test`.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime=${FUZZTIME:-10s}
# Each input that reaches new code is first minimized, by default for up to a
# minute of runs: with 10 s per target that spent the whole budget shrinking
# the first find (FuzzDOCX ran 8 inputs in 10 s). A bounded count of runs
# keeps the time for new inputs (about 20,000 in 10 s).
minimize=${FUZZMINIMIZE:-200x}

targets=$(grep -rn --include='*_test.go' --exclude-dir=node_modules --exclude-dir=.git '^func Fuzz' . |
  sed -E 's#^(.*)/[^/]+:[0-9]+:func (Fuzz[A-Za-z0-9_]*)\(.*#\1 \2#' | sort)
if [ -z "$targets" ]; then
  echo "no fuzz targets"
  exit 0
fi
# Go's fuzzing coordinator can fail a target with a bare "context deadline
# exceeded" when -fuzztime runs out, having found nothing (golang/go#75804,
# fixed in Go 1.27). A real finding always writes its input first, so only
# that signature, without a written input, is run again (twice at most).
log=$(mktemp)
trap 'rm -f "$log"' EXIT
while read -r pkg name; do
  for try in 1 2 3; do
    echo "-- $name in $pkg for $fuzztime"
    if go test -run '^$' -fuzz "^${name}\$" -fuzztime "$fuzztime" -fuzzminimizetime "$minimize" "$pkg" 2>&1 | tee "$log"; then
      break
    fi
    if [ "$try" -lt 3 ] && grep -q 'context deadline exceeded' "$log" && ! grep -q 'Failing input written to' "$log"; then
      echo "-- $name: the coordinator's deadline race, nothing found; once more"
      continue
    fi
    exit 1
  done
done <<<"$targets"
