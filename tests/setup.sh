#!/bin/sh
# Installs what the test suite needs beyond the build: the sqlite3 shell, python3 for the
# test servers, openssl for their certificates, espeak-ng and lame for the radio audio, the
# real servers the deploy tests start on 127.0.0.1 (vsftpd, OpenSSH, nginx with WebDAV,
# pyftpdlib for an FTP server that refuses to rename onto a file, s3rver from npm), Chromium and Node.js for the browser tests, and the npm packages of both
# (tests/node_modules, tests/e2e/node_modules). Prints what it installs; installs nothing
# when all is present. Services are never enabled or started here: each test starts its own
# server on a loopback port and stops it.
set -eu
cd "$(dirname "$0")/.."
pkgs="sqlite3 python3 openssl espeak-ng lame chromium nodejs vsftpd openssh-server
openssh-client nginx-light libnginx-mod-http-dav-ext python3-pyftpdlib"
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
# Some Node.js builds carry npm inside (NodeSource's); Debian's comes as a package of its
# own, which conflicts with those: ask for it only when there is no npm at all.
command -v npm >/dev/null 2>&1 || missing="$missing npm"
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
if [ -n "$missing" ]; then
	echo "tests: installing:$missing"
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get update -q
	# Debian starts a daemon it installs unless policy-rc.d says no; the tests want none
	# listening on the standard ports, so say no for the time of the install.
	rcd=""
	if [ ! -e /usr/sbin/policy-rc.d ]; then
		rcd=/usr/sbin/policy-rc.d
		printf '#!/bin/sh\nexit 101\n' | $sudo tee $rcd >/dev/null
		$sudo chmod 755 $rcd
	fi
	# shellcheck disable=SC2086
	$sudo apt-get install -y -q --no-install-recommends $missing
	[ -n "$rcd" ] && $sudo rm -f "$rcd"
fi
# The FTP and SFTP tests log in as this unprivileged account (vsftpd refuses root); each
# test sets a fresh random password on it, so no fixed secret exists.
if ! id gendeploy >/dev/null 2>&1; then
	echo "tests: adding the unprivileged account gendeploy for the FTP/SFTP tests"
	$sudo useradd --system --create-home --home-dir /var/lib/gendeploy --shell /bin/sh \
		gendeploy
fi
# s3rver (an S3-compatible server; the test puts a signature-checking proxy in front of it)
if [ ! -x tests/node_modules/.bin/s3rver ]; then
	echo "tests: installing s3rver from npm into tests/node_modules"
	(cd tests && npm install --no-audit --no-fund --loglevel=error >/dev/null)
fi
# The browser tests' exact versions of package-lock.json, again whenever the lock file
# changes. Install scripts are off: nothing may download a browser, the tests use Debian's
# chromium.
lock=tests/e2e/package-lock.json stamp=tests/e2e/node_modules/.gen-lock-sha256
want=$(sha256sum "$lock" | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
	echo "tests: installing the browser tests' npm packages (npm ci in tests/e2e)"
	(cd tests/e2e && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
	echo "$want" > "$stamp"
fi
