#!/bin/sh
# Installs what the test suite needs beyond the build: the sqlite3 shell, python3 for the
# test servers, openssl for their certificates, espeak-ng and lame for the radio audio,
# Chromium and Node.js for the browser tests, and the browser tests' npm packages
# (tests/e2e/node_modules). Prints what it installs; installs nothing when all is present.
set -eu
cd "$(dirname "$0")/.."
pkgs="sqlite3 python3 openssl espeak-ng lame chromium nodejs"
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
# Some Node.js builds carry npm inside (NodeSource's); Debian's comes as a package of its
# own, which conflicts with those: ask for it only when there is no npm at all.
command -v npm >/dev/null 2>&1 || missing="$missing npm"
if [ -n "$missing" ]; then
	echo "tests: installing:$missing"
	if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get update -q
	# shellcheck disable=SC2086
	$sudo apt-get install -y -q --no-install-recommends $missing
fi
# The exact versions of package-lock.json, again whenever the lock file changes. Install
# scripts are off: nothing may download a browser, the tests use Debian's chromium.
lock=tests/e2e/package-lock.json stamp=tests/e2e/node_modules/.gen-lock-sha256
want=$(sha256sum "$lock" | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
	echo "tests: installing the browser tests' npm packages (npm ci in tests/e2e)"
	(cd tests/e2e && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
	echo "$want" > "$stamp"
fi
