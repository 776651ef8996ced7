#!/usr/bin/env bash
# Install what the browser tests need, idempotently:
#   - Debian's Chromium (/usr/bin/chromium), driven by Python Playwright through executable_path
#     (Playwright never downloads a browser of its own here), and Node.js with npm: from
#     scripts/install-system-deps.sh (root, or sudo), which waits for other apt runs;
#   - the npm packages of tests/js (axe-core; vnu-jar, the Nu Html Checker, run with the Java of
#     scripts/install-system-deps.sh; whatever else tests/js/package.json lists) from
#     the npm registry, exactly as the committed tests/js/package-lock.json records them
#     (`npm ci`).  They are installed again whenever package-lock.json changes (its SHA-256 is
#     kept in tests/js/node_modules/.honlea-kg-lock.sha256), so a package another branch adds
#     arrives with a plain `make test`.
# Safe to run again: it does nothing when everything is present.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ] || ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  bash scripts/install-system-deps.sh
fi

LOCK=tests/js/package-lock.json
STAMP=tests/js/node_modules/.honlea-kg-lock.sha256
want=$(sha256sum "$LOCK" | cut -d' ' -f1)
if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$want" ]; then
  # npm ci installs exactly what package-lock.json records (removing node_modules first); no
  # install scripts run.
  npm ci --prefix tests/js --no-audit --no-fund --ignore-scripts
  echo "$want" > "$STAMP"
fi

/usr/bin/chromium --version 2>/dev/null
node -e "console.log('axe-core ' + require('./tests/js/node_modules/axe-core/package.json').version)"
