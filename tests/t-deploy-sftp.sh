#!/bin/sh
# gen deploy to sftp://: OpenSSH's sshd on 127.0.0.1:21022, key and password logins, the
# host key checked against known_hosts.
. "$TESTS/lib.sh"
. "$TESTS/deploy_lib.sh"
. "$TESTS/deploy_servers.sh"
need_root sftp
prepare_account
PORT=21022
ssh-keygen -q -t ed25519 -N '' -f "$T/host_key"
ssh-keygen -q -t ed25519 -N '' -f "$T/id_ed25519"
cp "$T/id_ed25519.pub" "$T/authorized_keys"
chmod 644 "$T/authorized_keys"
cat >"$T/sshd_config" <<EOS
Port $PORT
ListenAddress 127.0.0.1
HostKey $T/host_key
PidFile $T/sshd.pid
AuthorizedKeysFile $T/authorized_keys
StrictModes no
UsePAM no
PasswordAuthentication yes
KbdInteractiveAuthentication no
PermitRootLogin no
AllowUsers $DUSER
Subsystem sftp internal-sftp
ForceCommand internal-sftp
EOS
mkdir -p /run/sshd
/usr/sbin/sshd -D -e -f "$T/sshd_config" 2>"$T/sshd.log" 9>&- &
PIDS="$PIDS $!"
wait_port $PORT || { notok "sftp: sshd started"; cat "$T/sshd.log"; exit 1; }
echo "[127.0.0.1]:$PORT $(cut -d' ' -f1,2 "$T/host_key.pub")" >"$T/known_hosts"

REMOTE=$T/remote
DURL="sftp://$DUSER@127.0.0.1:$PORT$REMOTE"
DEXTRA="known_hosts = $T/known_hosts
ssh_key = $T/id_ed25519"
snapshot() { echo "$REMOTE"; }
count_big() { ls "$REMOTE/du-lieu/lon" 2>/dev/null | grep -vc '^\.gen-tmp\.'; }
bad_login() {
	dconf "sftp://$DUSER@127.0.0.1:$PORT$REMOTE" "known_hosts = $T/known_hosts" \
		"ssh_key = $T/nokey"
	HOME=$T GEN_DEPLOY_PASSWORD=wrong-secret "$GEN" -c "$DCONF" deploy
	rc=$?
	dconf "$DURL" "known_hosts = $T/known_hosts" "ssh_key = $T/id_ed25519"
	return $rc
}
dconf "$DURL" "known_hosts = $T/known_hosts" "ssh_key = $T/id_ed25519"
run_scenarios sftp

# Password login (no key), and the host key check.
echo "password" >>"$PUB/css/site.css"
dconf "$DURL" "known_hosts = $T/known_hosts" "ssh_key = $T/nokey"
expect_ok "sftp: password login" env GEN_DEPLOY_PASSWORD="$DPASS" "$GEN" -c "$DCONF" deploy
check_remote "sftp: password login"
printf 'machine 127.0.0.1 login %s password %s\n' "$DUSER" "$DPASS" >"$T/.netrc"
chmod 600 "$T/.netrc"
echo "netrc" >>"$PUB/css/site.css"
expect_ok "sftp: password from ~/.netrc" env -u GEN_DEPLOY_PASSWORD HOME="$T" \
	"$GEN" -c "$DCONF" deploy
check_remote "sftp: password from ~/.netrc"
ssh-keygen -q -t ed25519 -N '' -f "$T/other_key"
echo "[127.0.0.1]:$PORT $(cut -d' ' -f1,2 "$T/other_key.pub")" >"$T/known_hosts"
dconf "$DURL" "known_hosts = $T/known_hosts" "ssh_key = $T/id_ed25519"
expect_fail "sftp: a host key that does not match known_hosts is refused" "host key" \
	"$GEN" -c "$DCONF" deploy
: >"$T/known_hosts"
expect_fail "sftp: a host missing from known_hosts is refused" "host key" \
	"$GEN" -c "$DCONF" deploy
dconf "sftp://$DUSER@127.0.0.1:21029$REMOTE" "known_hosts = $T/known_hosts"
expect_fail "sftp: nothing listening is a clear error" "cannot connect" "$GEN" -c "$DCONF" deploy
dconf "sftp://$DUSER@no-such-host.invalid$REMOTE" "known_hosts = $T/known_hosts"
expect_fail "sftp: an unknown host is a clear error" "unknown host" "$GEN" -c "$DCONF" deploy
