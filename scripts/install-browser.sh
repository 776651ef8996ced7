#!/usr/bin/env bash
# Install what tests/test_browser.py needs, idempotently:
#   - Debian's Chromium (/usr/bin/chromium), driven by Python Playwright through executable_path
#     (Playwright never downloads a browser of its own here);
#   - axe-core and vnu-jar (the Nu Html Checker, run with Java from scripts/install-system-deps.sh)
#     from the npm registry into tests/js/node_modules, at the versions pinned by the committed
#     tests/js/package-lock.json.
# Run as root (CI runs as root). Safe to run again: it does nothing when both are present.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "install-browser.sh: /usr/bin/chromium is missing and this is not root; run: sudo apt-get install -y chromium" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi

if [ ! -f tests/js/node_modules/axe-core/axe.min.js ] || [ ! -f tests/js/node_modules/vnu-jar/build/dist/vnu.jar ]; then
  # npm ci installs exactly what package-lock.json records; no post-install download happens.
  npm ci --prefix tests/js --no-audit --no-fund --ignore-scripts
fi

/usr/bin/chromium --version 2>/dev/null
node -e "console.log('axe-core ' + require('./tests/js/node_modules/axe-core/package.json').version)"
