#!/bin/sh
# gen deploy to ftp:// (plain), ftp:// with tls = required (explicit TLS, AUTH TLS) and
# ftps:// (implicit TLS): three vsftpd servers on 127.0.0.1, a test CA for the TLS ones.
. "$TESTS/lib.sh"
. "$TESTS/deploy_lib.sh"
. "$TESTS/deploy_servers.sh"
need_root ftp
prepare_account
make_ca
mkdir -p /var/run/vsftpd/empty

vsftpd_start() { # name port pasv_lo extra-lines...
	name=$1 port=$2 lo=$3; shift 3
	{
		cat <<EOS
listen=YES
listen_ipv6=NO
listen_address=127.0.0.1
listen_port=$port
background=NO
anonymous_enable=NO
local_enable=YES
write_enable=YES
local_umask=022
pam_service_name=vsftpd
seccomp_sandbox=NO
pasv_enable=YES
pasv_address=127.0.0.1
pasv_min_port=$lo
pasv_max_port=$((lo + 99))
secure_chroot_dir=/var/run/vsftpd/empty
xferlog_enable=NO
vsftpd_log_file=$T/$name.log
dual_log_enable=NO
EOS
		for l in "$@"; do echo "$l"; done
	} >"$T/$name.conf"
	/usr/sbin/vsftpd "$T/$name.conf" >"$T/$name.out" 2>&1 9>&- &
	PIDS="$PIDS $!"
	wait_port "$port" || { notok "$name: vsftpd started"; cat "$T/$name.out"; exit 1; }
}
TLS="ssl_enable=YES
rsa_cert_file=$T/server.pem
rsa_private_key_file=$T/server.key
force_local_logins_ssl=YES
force_local_data_ssl=YES
require_ssl_reuse=NO
ssl_tlsv1=NO
ssl_sslv2=NO
ssl_sslv3=NO"
IFS='
'
# shellcheck disable=SC2086
vsftpd_start ftp 21021 21100
# shellcheck disable=SC2086
vsftpd_start ftpes 21031 21200 $TLS
# shellcheck disable=SC2086
vsftpd_start ftps 21041 21300 $TLS "implicit_ssl=YES"
unset IFS

REMOTE=$T/remote
export GEN_DEPLOY_USER=$DUSER GEN_DEPLOY_PASSWORD=$DPASS
snapshot() { echo "$REMOTE"; }
count_big() { ls "$REMOTE/du-lieu/lon" 2>/dev/null | grep -vc '^\.gen-tmp\.'; }
bad_login() { GEN_DEPLOY_PASSWORD=wrong-secret "$GEN" -c "$DCONF" deploy; }
fresh() { rm -rf "$REMOTE" && mkdir -p "$REMOTE" && chown "$DUSER:" "$REMOTE"; }

DURL="ftp://127.0.0.1:21021/%2F$REMOTE"
DEXTRA=""
dconf "$DURL"
run_scenarios ftp

fresh
DURL="ftp://127.0.0.1:21031/%2F$REMOTE"
DEXTRA="tls = required
ca_file = $T/ca.pem"
dconf "$DURL" "$DEXTRA"
run_scenarios "ftp explicit TLS"

fresh
DURL="ftps://127.0.0.1:21041/%2F$REMOTE"
DEXTRA="ca_file = $T/ca.pem"
dconf "$DURL" "$DEXTRA"
run_scenarios "ftps implicit TLS"

# Trust and refusals.
echo "ca" >>"$PUB/css/site.css"
dconf "ftps://127.0.0.1:21041/%2F$REMOTE"
expect_fail "ftps: a certificate from an unknown CA does not verify" \
	"certificate does not verify" "$GEN" -c "$DCONF" deploy
expect_ok "ftps: CURL_CA_BUNDLE is honoured" env CURL_CA_BUNDLE="$T/ca.pem" \
	"$GEN" -c "$DCONF" deploy
echo "ca2" >>"$PUB/css/site.css"
expect_ok "ftps: SSL_CERT_FILE is honoured" env -u CURL_CA_BUNDLE SSL_CERT_FILE="$T/ca.pem" \
	"$GEN" -c "$DCONF" deploy
check_remote "ftps: CA from the environment"
dconf "ftp://127.0.0.1:21031/%2F$REMOTE" "ca_file = $T/ca.pem"
expect_fail "ftp: a server that demands TLS refuses a plain login" "." "$GEN" -c "$DCONF" deploy
dconf "ftp://127.0.0.1:21021/%2F$REMOTE" "tls = required"
expect_fail "ftp: tls = required against a server without TLS fails clearly" "does not offer TLS" \
	"$GEN" -c "$DCONF" deploy
rm -rf "$T/before" && cp -r "$REMOTE" "$T/before"
chmod 555 "$REMOTE/css"
echo "perm" >>"$PUB/css/site.css"
dconf "ftp://127.0.0.1:21021/%2F$REMOTE"
expect_fail "ftp: a directory the account may not write is a clear error" "permission refused" \
	"$GEN" -c "$DCONF" deploy
chmod 755 "$REMOTE/css"
check "ftp: the refused deploy left the old file whole" python3 "$TESTS/deploy_check.py" whole \
	"$REMOTE" "$T/before" "$T/before"

# A full disk on the server: a 512 KiB file system under the remote root.
mkdir -p "$T/full"
if mount -t tmpfs -o "size=512k,uid=$(id -u $DUSER),gid=$(id -g $DUSER),mode=755" tmpfs \
	"$T/full" 2>/dev/null; then
	gen_site --big 4
	dconf "ftp://127.0.0.1:21021/%2F$T/full"
	expect_fail "ftp: a full disk on the server is a clear error" "disk or quota" \
		"$GEN" -c "$DCONF" deploy
	check "ftp: after the full disk, every live file is whole" python3 \
		"$TESTS/deploy_check.py" whole "$T/full" "$PUB" "$PUB"
	check "ftp: after the full disk, no manifest claims the upload" test ! -e "$T/full/.gen-manifest"
	umount "$T/full"
else
	ok "# SKIP ftp: full disk (cannot mount a small tmpfs here)"
fi

# Deletions that fail part-way (a directory the account may not change) leave a manifest
# that still lists the files to delete, so the rerun finishes them.
gen_site
dconf "ftp://127.0.0.1:21021/%2F$REMOTE"
expect_ok "ftp: deploy before the failing deletions" "$GEN" -c "$DCONF" deploy
gen_site --update
chmod 555 "$REMOTE/tin-cu"
expect_fail "ftp: a deletion the server refuses fails the deploy" "permission refused" \
	"$GEN" -c "$DCONF" deploy
check "ftp: the remote manifest still lists the files to delete" \
	grep -q ' tin-cu/bai-1.html$' "$REMOTE/.gen-manifest"
chmod 755 "$REMOTE/tin-cu"
expect_ok "ftp: the rerun finishes the deletions" "$GEN" -c "$DCONF" -v deploy
check "ftp: the rerun uploads nothing but the manifests" sh -c \
	"test \"\$(sed -n 's/^put \\([^ ]*\\) .*/\\1/p' '$T/err' | sort -u)\" = .gen-manifest"
check_remote "ftp: after the deletions failed and were rerun"
