#!/bin/sh
# gen deploy to sftp://: OpenSSH's sshd on 127.0.0.1:21022, key and password logins, the
# host key checked against known_hosts, files replaced by posix-rename while a visitor
# reads them, a full disk.
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
# sftp-server with its request log (-l INFO: one line per open, rename, remove...) in a
# file: internal-sftp would log to syslog, which a test machine may not have. While
# $T/drop/once exists, sftp_filter.py sits in front of it and drops one connection in the
# middle of a batch of renames; while $T/drop/plain exists, it hides posix-rename.
: >"$T/sftp.log"
mkdir -p "$T/drop"
chown "$DUSER:" "$T/sftp.log" "$T/drop"
cp "$TESTS/sftp_filter.py" "$T/sftp_filter.py"
cat >"$T/sftp-server" <<EOS
#!/bin/sh
server="/usr/lib/openssh/sftp-server -e -l INFO"
filter="python3 $T/sftp_filter.py"
[ -e $T/drop/once ] && exec \$filter drop $T/drop/once 120 \$server 2>>$T/sftp.log
[ -e $T/drop/plain ] && exec \$filter plain $T/drop/plain 0 \$server 2>>$T/sftp.log
exec \$server 2>>$T/sftp.log
EOS
chmod 755 "$T/sftp-server"
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
Subsystem sftp $T/sftp-server
ForceCommand $T/sftp-server
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

# Replacing files is atomic: a visitor reading 300 files over and over while a deploy
# replaces every one of them never finds one missing or partial, and the server saw
# posix-rename requests, no removal of a live file and no plain rename.
mkfiles() { python3 -c 'import sys
for i in range(300):
    open(f"{sys.argv[1]}/tep-{i:03d}.txt", "w").write(f"{sys.argv[2]} {i} " * 3000)' "$@"; }
mkdir -p "$PUB/du-lieu/nhieu"
mkfiles "$PUB/du-lieu/nhieu" v1
expect_ok "sftp: 300 files to replace next" "$GEN" -c "$DCONF" deploy
rm -rf "$T/old" && cp -r "$PUB" "$T/old"
mkfiles "$PUB/du-lieu/nhieu" v2
rm -f "$T/stop"
log0=$(wc -l <"$T/sftp.log")
python3 "$TESTS/deploy_check.py" watch "$REMOTE" "$PUB" "$T/old" "$T/stop" 120 >"$T/watch" 2>&1 &
wpid=$!
sleep 0.5
expect_ok "sftp: a deploy replacing 300 files while a visitor reads them" \
	"$GEN" -c "$DCONF" -v deploy
touch "$T/stop"
if wait "$wpid"; then ok "sftp: the visitor never found a file missing or partial ($(tail -1 "$T/watch"))"
else notok "sftp: the visitor never found a file missing or partial"; sed 's/^/#   /' "$T/watch" | tail -5; fi
tail -n +"$((log0 + 1))" "$T/sftp.log" >"$T/seg"
check "sftp: every replaced file went through posix-rename" \
	test "$(grep -c 'posix-rename old ".*/\.gen-tmp\.' "$T/seg")" -ge 301
check "sftp: no live file removed and no plain rename during the deploy" \
	sh -c "! grep -E '^(remove name|rename old)' '$T/seg'"
check_remote "sftp: 300 files replaced"

# The rename connection drops in the middle of a batch, after the server renamed files
# whose answers never arrived: gen reconnects, resends what was unanswered, and takes
# "no such file" for a rename already done when the destination has the upload's size.
mkfiles "$PUB/du-lieu/nhieu" v3
touch "$T/drop/once"
chown "$DUSER:" "$T/drop/once"
log0=$(wc -l <"$T/sftp.log")
expect_ok "sftp: a deploy whose rename connection drops mid-batch" "$GEN" -c "$DCONF" deploy
check "sftp: the connection did drop" test ! -e "$T/drop/once"
tail -n +"$((log0 + 1))" "$T/sftp.log" | grep -o 'posix-rename old "[^"]*"' | sort | uniq -d \
	>"$T/twice"
check "sftp: renames done before the drop were sent again ($(wc -l <"$T/twice"))" test -s "$T/twice"
check_remote "sftp: after the dropped connection"

# A rename the server refuses (a directory took the file's place) names the file, the SFTP
# status and what to do, and the other files stay whole.
rm -rf "$T/old" && cp -r "$PUB" "$T/old"
rm "$REMOTE/du-lieu/nhieu/tep-007.txt"
mkdir -p "$REMOTE/du-lieu/nhieu/tep-007.txt/chan"
mkfiles "$PUB/du-lieu/nhieu" v4
expect_fail "sftp: a refused rename is a clear error" \
	"nhieu/tep-007.txt: renaming the upload into place .*SFTP status 4, failure" \
	"$GEN" -c "$DCONF" deploy
check "sftp: after the refused rename, every live file is whole" python3 \
	"$TESTS/deploy_check.py" whole "$REMOTE" "$PUB" "$T/old"
rm -rf "$REMOTE/du-lieu/nhieu/tep-007.txt"
expect_ok "sftp: the rerun after the refused rename" "$GEN" -c "$DCONF" deploy
check_remote "sftp: after the refused rename"

# A server without posix-rename: gen says so and falls back to remove, then rename.
mkfiles "$PUB/du-lieu/nhieu" v5
touch "$T/drop/plain"
log0=$(wc -l <"$T/sftp.log")
expect_ok "sftp: a server without posix-rename" "$GEN" -c "$DCONF" deploy
rm -f "$T/drop/plain"
check "sftp: gen says the server lacks posix-rename" grep -q "does not offer posix-rename" \
	"$T/err"
tail -n +"$((log0 + 1))" "$T/sftp.log" >"$T/seg"
check "sftp: without posix-rename, replaced files are removed then renamed" sh -c "
	test \$(grep -c '^remove name \".*/nhieu/tep-' '$T/seg') -eq 300 &&
	test \$(grep -c '^rename old \".*/nhieu/\.gen-tmp\.tep-' '$T/seg') -eq 300 &&
	! grep -q posix-rename '$T/seg'"
check_remote "sftp: without posix-rename"

# gen's own rename connection checks the host key too: a relay sends libcurl's three
# connections (listing, manifest, uploads with parallel = 1) to the real server and the
# fourth, gen's own, to an sshd with another host key. The renames are refused and no live
# file changes.
ssh-keygen -q -t ed25519 -N '' -f "$T/host_key_b"
sed -e "s/^Port $PORT/Port 21024/" -e "s#^HostKey .*#HostKey $T/host_key_b#" \
	-e "s#^PidFile .*#PidFile $T/sshd_b.pid#" "$T/sshd_config" >"$T/sshd_config_b"
/usr/sbin/sshd -D -e -f "$T/sshd_config_b" 2>"$T/sshd_b.log" 9>&- &
PIDS="$PIDS $!"
python3 "$TESTS/tcp_switch.py" 21023 "$PORT" 21024 3 9>&- &
PIDS="$PIDS $!"
if wait_port 21024 && wait_port 21023; then
	echo "[127.0.0.1]:21023 $(cut -d' ' -f1,2 "$T/host_key.pub")" >>"$T/known_hosts"
	rm -rf "$T/old" && cp -r "$PUB" "$T/old"
	echo "switched" >>"$PUB/css/site.css"
	dconf "sftp://$DUSER@127.0.0.1:21023$REMOTE" "known_hosts = $T/known_hosts" \
		"ssh_key = $T/id_ed25519" "parallel = 1"
	expect_fail "sftp: the rename connection refuses a different host key" \
		"host key is different from the one in" "$GEN" -c "$DCONF" deploy
	check "sftp: after the refused host key, no live file changed" \
		cmp -s "$REMOTE/css/site.css" "$T/old/css/site.css"
	dconf "$DURL" "known_hosts = $T/known_hosts" "ssh_key = $T/id_ed25519"
else
	notok "sftp: the relay and the second sshd started"
fi

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

# A full disk on the server: a 512 KiB file system under the remote root.
echo "[127.0.0.1]:$PORT $(cut -d' ' -f1,2 "$T/host_key.pub")" >"$T/known_hosts"
dconf "$DURL" "known_hosts = $T/known_hosts" "ssh_key = $T/id_ed25519"
mkdir -p "$T/full"
if mount -t tmpfs -o "size=512k,uid=$(id -u $DUSER),gid=$(id -g $DUSER),mode=755" tmpfs \
	"$T/full" 2>/dev/null; then
	rm -rf "$PUB" && gen_site
	dconf "sftp://$DUSER@127.0.0.1:$PORT$T/full" "known_hosts = $T/known_hosts" \
		"ssh_key = $T/id_ed25519"
	expect_ok "sftp: a first deploy that fits the small disk" "$GEN" -c "$DCONF" deploy
	rm -rf "$T/old" && cp -r "$PUB" "$T/old"
	gen_site --update --big 4
	expect_fail "sftp: a full disk on the server is a clear error" "disk or quota" \
		"$GEN" -c "$DCONF" deploy
	check "sftp: the error names the file" grep -q 'du-lieu/lon/tep-' "$T/err"
	check "sftp: after the full disk, every live file is whole" python3 \
		"$TESTS/deploy_check.py" whole "$T/full" "$PUB" "$T/old"
	check "sftp: after the full disk, the manifest is still the old one" \
		cmp -s "$T/full/.gen-manifest" "$T/old/.gen-manifest"
	umount "$T/full"
else
	ok "# SKIP sftp: full disk (cannot mount a small tmpfs here)"
fi
