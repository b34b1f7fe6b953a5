# Helpers to start the deploy tests' servers on 127.0.0.1 (ports 21000-21999), unprivileged
# where the server allows it, stopped by lib.sh's trap through PIDS.
DUSER=gendeploy
need_root() { # the FTP and SFTP servers authenticate system accounts: root starts them
	if [ "$(id -u)" -ne 0 ] || ! id "$DUSER" >/dev/null 2>&1; then
		ok "# SKIP $1: needs root and the gendeploy account (tests/setup.sh)"
		exit 0
	fi
}
# A fresh random password for the test account, and a remote directory it owns.
prepare_account() {
	# one test at a time owns the account's password
	exec 9>"${TMPDIR:-/tmp}/gendeploy-test.lock"
	flock 9
	DPASS=$(od -An -tx1 -N12 /dev/urandom | tr -d ' \n')
	echo "$DUSER:$DPASS" | chpasswd
	chmod 755 "$T"
	mkdir -p "$T/remote"
	chown "$DUSER:" "$T/remote"
}
# Servers run without the lock's descriptor (9>&-), so one left behind cannot block the next
# test, and are started directly (not through a function) so that $! is the server itself.
AS_USER="setpriv --reuid=$DUSER --regid=$DUSER --init-groups"
# wait_port PORT: until something listens on 127.0.0.1:PORT (10 s at most)
wait_port() {
	wait_for python3 -c "import socket; socket.create_connection(('127.0.0.1', $1), 1)" \
		2>/dev/null
}
# A test CA and a server certificate for 127.0.0.1 / localhost, in $T/ca.pem, $T/server.*
make_ca() {
	openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=gen test CA" \
		-keyout "$T/ca.key" -out "$T/ca.pem" >/dev/null 2>&1
	openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout "$T/server.key" \
		-out "$T/server.csr" >/dev/null 2>&1
	printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n' \
		>"$T/ext.cnf"
	openssl x509 -req -in "$T/server.csr" -CA "$T/ca.pem" -CAkey "$T/ca.key" \
		-CAcreateserial -days 2 -extfile "$T/ext.cnf" -out "$T/server.pem" >/dev/null 2>&1
	chmod 644 "$T/server.key"
}
