#!/bin/sh
# Installs what the test suite needs beyond the build: the sqlite3 shell, python3 for the
# test servers, openssl for their certificates. Prints what it installs; installs nothing
# when all is present.
set -eu
pkgs="sqlite3 python3 openssl espeak-ng lame"
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "tests: installing:$missing"
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
# shellcheck disable=SC2086
$sudo apt-get install -y -q --no-install-recommends $missing
