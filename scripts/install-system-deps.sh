#!/usr/bin/env bash
# Install the Debian packages honlea-kg needs: its tests and optional back ends (default), or only
# what `make run` needs to create its virtualenv (`python`).
#
#   scripts/install-system-deps.sh            # the test packages (what `make test` runs)
#   scripts/install-system-deps.sh python     # python3-venv, for `make run` on a bare Debian
#   scripts/install-system-deps.sh --check    # only say what is missing (exit 1 if anything is)
#
# Who may run it: root installs directly (a container, CI); another user is asked for the sudo
# password once (sudo must be installed); without root or sudo it says what to run and exits 1.
# Idempotent: packages already present are not fetched again, and `apt-get update` runs only
# when something is missing.  A package counts as present when dpkg has it installed or when its
# command is on PATH (Node.js from NodeSource brings its own npm, which Debian's npm would conflict with).
#
# Another apt/dpkg run (unattended upgrades on a fresh cloud machine, a second terminal) holds
# the dpkg/apt locks: the script waits for them (wait_for_lock, below), printing who holds them,
# up to HONLEA_APT_LOCK_TIMEOUT seconds (default 600), and passes the same timeout to apt-get
# (DPkg::Lock::Timeout) for the moment between its check and apt's.
#
# Add a package by appending "package:command" to TEST_PACKAGES (command may be empty; one per
# line, with a comment saying why).  The functions can be sourced (`source
# scripts/install-system-deps.sh`) without running anything: the tests use wait_for_lock so.
set -euo pipefail

TEST_PACKAGES=(
  "virtuoso-opensource:virtuoso-t"  # SPARQL store for tests/test_store.py, tests/test_remote.py (scripts/virtuoso.sh)
  "libapache-jena-java:"            # Apache Jena SHACL, the independent validator (scripts/jena-shacl.sh, --validator jena)
  "default-jre-headless:java"       # Java runtime for Jena
  "nginx:nginx"                     # the generated nginx.conf is tested on a real nginx (tests/test_server_configs.py)
  "apache2:apache2"                 # the generated .htaccess is tested on a real Apache httpd
  "chromium:chromium"               # the browser test (tests/test_browser.py); Playwright drives /usr/bin/chromium
  "nodejs:node"                     # npm packages of tests/js (axe-core for the browser test): scripts/install-browser.sh
  "npm:npm"
)
PYTHON_PACKAGES=(
  "python3-venv:"                   # `python3 -m venv` (make run); Debian splits ensurepip out of python3
)

APT_LOCK_TIMEOUT=${HONLEA_APT_LOCK_TIMEOUT:-600}
#: The locks apt-get and dpkg take (apt's frontend lock first, as apt takes them).
APT_LOCKS=(/var/lib/dpkg/lock-frontend /var/lib/dpkg/lock /var/lib/apt/lists/lock /var/cache/apt/archives/lock)

say() { echo "install-system-deps: $*" >&2; }

# lock_holder PATH: print the PID of a process holding a lock on PATH, or nothing when none does
# (or PATH does not exist).  Reads /proc/locks, which lists flock(2) locks (the `flock` command),
# POSIX fcntl locks (dpkg, apt) and open file description locks (PID -1) alike, so no root is
# needed and neither fuser nor lsof.  A lock is matched by the file's inode number (/proc/locks
# names the device of the underlying file system, which overlayfs in containers hides from stat).
lock_holder() {
  local path=$1 ino
  [ -e "$path" ] || return 0
  ino=$(stat -L -c '%i' "$path" 2>/dev/null) || return 0
  awk -v ino="$ino" '
    $2 == "->" { next }                       # a process waiting for the lock, not holding it
    { n = split($6, id, ":"); if (n == 3 && id[3] == ino) { print $5; exit } }
  ' /proc/locks 2>/dev/null || true
}

# describe_pid PID: "process 1234 (unattended-upgr)" for a message.
describe_pid() {
  local pid=$1 name
  if [ "$pid" -gt 0 ] 2>/dev/null; then
    name=$(ps -o comm= -p "$pid" 2>/dev/null || true)
    echo "process $pid${name:+ ($name)}"
  else
    echo "another process"
  fi
}

# wait_for_lock PATH [TIMEOUT_SECONDS]: wait until no process holds a lock on PATH, saying so
# on stderr when it has to wait (then every 30 s).  Returns 0 when PATH is free (or absent), 1
# after TIMEOUT_SECONDS (default HONLEA_APT_LOCK_TIMEOUT, 600) with a message saying who holds it.
# Polls every HONLEA_LOCK_POLL_SECONDS (default 2) seconds.
wait_for_lock() {
  local path=$1 timeout=${2:-$APT_LOCK_TIMEOUT} step=${HONLEA_LOCK_POLL_SECONDS:-2} waited=0 holder
  while holder=$(lock_holder "$path") && [ -n "$holder" ]; do
    if [ "$waited" -ge "$timeout" ]; then
      say "$path is still locked by $(describe_pid "$holder") after ${timeout} s; giving up." \
          "Let that package installation finish (or stop it), then run this again" \
          "(HONLEA_APT_LOCK_TIMEOUT sets the wait in seconds)."
      return 1
    fi
    if [ $((waited % 30)) -lt "$step" ]; then
      say "waiting for $path, locked by $(describe_pid "$holder") (another package installation," \
          "e.g. unattended upgrades): ${waited} s of at most ${timeout} s"
    fi
    sleep "$step"
    waited=$((waited + step))
  done
  return 0
}

# apt_get ARGS...: apt-get once every apt/dpkg lock is free, with apt's own lock timeout as well.
apt_get() {
  local lock
  for lock in "${APT_LOCKS[@]}"; do
    wait_for_lock "$lock" || return 1
  done
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout="$APT_LOCK_TIMEOUT" "$@"
}

# missing_packages ENTRY...: print the packages of "package:command" entries that are absent.
missing_packages() {
  local entry pkg cmd
  for entry in "$@"; do
    pkg=${entry%%:*}
    cmd=${entry#*:}
    if [ -n "$cmd" ] && command -v "$cmd" >/dev/null 2>&1; then
      continue
    fi
    if dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
      continue
    fi
    echo "$pkg"
  done
}

main() {
  local check=0 group=test arg
  for arg in "$@"; do
    case "$arg" in
      --check) check=1 ;;
      python|test) group=$arg ;;
      -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; return 0 ;;
      *) say "unknown argument '$arg' (expected: [--check] [test|python])"; return 2 ;;
    esac
  done
  local entries
  if [ "$group" = python ]; then entries=("${PYTHON_PACKAGES[@]}"); else entries=("${TEST_PACKAGES[@]}"); fi
  local missing=()
  mapfile -t missing < <(missing_packages "${entries[@]}")
  if [ "${#missing[@]}" -eq 0 ]; then
    say "all present: ${entries[*]%%:*}"
    return 0
  fi
  local how="scripts/install-system-deps.sh"
  if [ "$group" = python ]; then how+=" python"; fi
  if [ "$check" -eq 1 ]; then
    say "missing Debian packages: ${missing[*]}; install them with: sudo $how (or as root: $how)"
    return 1
  fi
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      say "installing ${missing[*]} with sudo (it may ask for your password)"
      if sudo env HONLEA_APT_LOCK_TIMEOUT="$APT_LOCK_TIMEOUT" bash "$0" "$group"; then
        return 0
      fi
      say "sudo did not install them; run as root: $how"
      return 1
    fi
    say "missing Debian packages: ${missing[*]}; this is not root and sudo is not installed: run as root: $how"
    return 1
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    say "missing ${missing[*]} and this is not a Debian-like system (no apt-get): install their equivalents"
    return 1
  fi
  say "installing ${missing[*]}"
  apt_get update -q
  apt_get install -y -q --no-install-recommends "${missing[@]}"
  local still=()
  mapfile -t still < <(missing_packages "${entries[@]}")
  if [ "${#still[@]}" -ne 0 ]; then
    say "apt-get finished but ${still[*]} are still missing"
    return 1
  fi
  say "installed ${missing[*]}"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  main "$@"
fi
