#!/bin/sh
# Installs the Debian packages gen needs to build and run, printing what it installs.
# Packages already present are left alone; nothing is installed when all are there.
set -eu
pkgs="gcc make pkg-config libcmark-dev libcurl4-openssl-dev libsqlite3-dev libgd-dev
libjansson-dev libcsv-dev libutf8proc-dev libqrencode-dev libssl-dev libssh2-1-dev
libmimalloc-dev tzdata
fonts-noto-core ca-certificates"
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "gen: installing build dependencies:$missing"
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
# shellcheck disable=SC2086
$sudo apt-get install -y -q --no-install-recommends $missing
