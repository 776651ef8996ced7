#!/usr/bin/env bash
# Install the Debian packages honlea-kg's tests and optional back ends need.
#
# Idempotent: packages already installed are not fetched again, and `apt-get update` runs at most
# once per invocation (only when something is missing).  Needs root (CI and developer machines run
# as root); without root it only reports what is missing and exits 1.
#
# Add a package by appending it to SYSTEM_PACKAGES (one per line, with a comment saying why).
set -euo pipefail

SYSTEM_PACKAGES=(
  virtuoso-opensource   # SPARQL store for tests/test_store.py, tests/test_remote.py (scripts/virtuoso.sh)
  libapache-jena-java   # Apache Jena SHACL, the independent validator (scripts/jena-shacl.sh)
  default-jre-headless  # Java runtime for Jena
  nginx                 # the generated nginx.conf is tested on a real nginx (tests/test_server_configs.py)
  apache2               # the generated .htaccess is tested on a real Apache httpd
  chromium              # the browser test (tests/test_browser.py); Playwright drives /usr/bin/chromium
)

missing=()
for pkg in "${SYSTEM_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-system-deps: all present: ${SYSTEM_PACKAGES[*]}"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install-system-deps: missing ${missing[*]}; run this script as root to install them" >&2
  exit 1
fi

echo "install-system-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
