#!/usr/bin/env bash
# Front-end assets for the web app (internal/web), embedded in the binary.
#   Installs the npm packages pinned in package-lock.json with `npm ci`
#   (skipped when node_modules already matches the lockfile), bundles
#   internal/web/bundle/echarts.js (ECharts' modular core with only the
#   charts and components the pages draw) with esbuild, and puts what the
#   pages load into internal/web/static/vendor/, which is .gitignored and
#   embedded with go:embed:
#     echarts.js, echarts-LICENSE.txt, echarts-NOTICE.txt
# Without npm the step is skipped with a warning: the binary still builds
# and its pages show tables instead of charts. PLANWATCH_REQUIRE_ASSETS=1
# makes that an error (release builds).
set -euo pipefail
cd "$(dirname "$0")/.."

vendor=internal/web/static/vendor
stamp=node_modules/.planwatch-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)

if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ] || [ ! -f node_modules/echarts/package.json ] ||
  [ ! -x node_modules/.bin/esbuild ]; then
  if ! command -v npm >/dev/null; then
    if [ "${PLANWATCH_REQUIRE_ASSETS:-}" = 1 ]; then
      echo "assets: npm not found (PLANWATCH_REQUIRE_ASSETS=1)" >&2
      exit 1
    fi
    echo "assets: npm not found: building without ECharts (charts degrade to tables)" >&2
    exit 0
  fi
  # --ignore-scripts: no package runs code at install time (esbuild finds
  # its binary in its platform package without its install script).
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
  echo "$want" >"$stamp"
fi

copy() { # copy SRC DST: only when changed, so that go build caches hold
  cmp -s "$1" "$2" 2>/dev/null || install -m 0644 "$1" "$2"
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# NODE_ENV=production drops ECharts' development checks and warnings.
node_modules/.bin/esbuild internal/web/bundle/echarts.js --bundle --minify --format=iife --target=es2017 \
  --define:process.env.NODE_ENV='"production"' --legal-comments=none --log-level=warning \
  --outfile="$tmp/echarts.js"
copy "$tmp/echarts.js" "$vendor/echarts.js"
copy node_modules/echarts/LICENSE "$vendor/echarts-LICENSE.txt"
copy node_modules/echarts/NOTICE "$vendor/echarts-NOTICE.txt"
# The full build that earlier versions copied: embedded, it would only
# make the binary larger.
rm -f "$vendor/echarts.min.js"
echo "assets: echarts $(node -p 'require("./node_modules/echarts/package.json").version' 2>/dev/null || echo '?') bundled in $vendor/echarts.js ($(wc -c <"$vendor/echarts.js") bytes)"
