#!/bin/sh
# gen deploy to an FTP server that refuses RNTO onto an existing file (550), as IIS and
# some hosts' servers do: pyftpdlib on 127.0.0.1:21050 with such a file system. gen falls
# back to deleting the old file, then renaming; every scenario must still hold. Debian's
# python3-pyftpdlib, hence /usr/bin/python3 rather than whichever python3 comes first.
. "$TESTS/lib.sh"
. "$TESTS/deploy_lib.sh"
if ! /usr/bin/python3 -c "import pyftpdlib" 2>/dev/null; then
	notok "ftp-norename: python3-pyftpdlib is installed (run tests/setup.sh)"
	exit 1
fi
REMOTE=$T/remote
mkdir -p "$REMOTE"
PASS=$(od -An -tx1 -N12 /dev/urandom | tr -d ' \n')
: >"$T/refused.log"
/usr/bin/python3 "$TESTS/ftp_norename.py" 21050 "$REMOTE" gen "$PASS" "$T/refused.log" \
	>"$T/pyftpdlib.log" 2>&1 &
PIDS="$PIDS $!"
wait_for python3 -c "import socket; socket.create_connection(('127.0.0.1', 21050), 1)" 2>/dev/null
export GEN_DEPLOY_USER=gen GEN_DEPLOY_PASSWORD=$PASS
snapshot() { echo "$REMOTE"; }
count_big() { ls "$REMOTE/du-lieu/lon" 2>/dev/null | grep -vc '^\.gen-tmp\.'; }
bad_login() { GEN_DEPLOY_PASSWORD=wrong-secret "$GEN" -c "$DCONF" deploy; }
DURL="ftp://127.0.0.1:21050/"
dconf "$DURL"
run_scenarios ftp-norename
check "ftp-norename: the server did refuse renames onto existing files" \
	grep -q '^refused RNTO onto existing /index.html$' "$T/refused.log"
check "ftp-norename: no temporary upload left behind" sh -c \
	"! find '$REMOTE' -name '.gen-tmp.*' | grep -q ."
