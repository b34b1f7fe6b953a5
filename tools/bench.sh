#!/bin/sh
# make bench: gen measured at three scales and against Hugo on the same Markdown, results in
# bench/RESULTS.md. Never part of make test. Generated data lives in a scratch directory
# (BENCH_DIR, default /tmp/gen-bench, on the disk here, not tmpfs) and is never committed.
#
#   BENCH_RUNS     runs per measurement (default 5; the table shows median, min and max)
#   BENCH_SCALES   which scales (default "p1 n34 n34x36")
#   BENCH_GUIDES   guide counts for the Hugo comparison (default "1000 10000")
#   BENCH_OUT      the results file (default bench/RESULTS.md)
#   BENCH_DEPLOY_GEN  a gen to run the deploys with (default build/gen), to try a deploy
#                  built on another branch
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
GEN=$ROOT/build/gen
DGEN=${BENCH_DEPLOY_GEN:-$GEN}
RUNS=${BENCH_RUNS:-5}
SCALES=${BENCH_SCALES-"p1 n34 n34x36"}
GUIDES=${BENCH_GUIDES-"1000 10000"}
OUT=${BENCH_OUT:-$ROOT/bench/RESULTS.md}
W=${BENCH_DIR:-/tmp/gen-bench}
RAW=$W/raw.tsv
SSHD_PID=""

need() {
	missing=""
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
			missing="$missing $p"
	done
	[ -z "$missing" ] && return 0
	echo "bench: installing:$missing"
	if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends \
		$missing >/dev/null
}

cleanup() {
	[ -n "$SSHD_PID" ] && kill "$SSHD_PID" 2>/dev/null
	return 0
}
trap cleanup EXIT INT TERM

say() { printf 'bench: %s\n' "$*" >&2; }

# discard PATH...: moves the paths out of the way, to be deleted at the very end. On this
# file system (ext4 without a journal) the inodes of files deleted in the last minutes are
# skipped, one by one, when new files are made: a deletion of a scale's gigabytes in the
# middle of the bench slowed every build after it, gen's and Hugo's alike.
discard() {
	mkdir -p "$W/discard"
	for p in "$@"; do
		[ -e "$p" ] && mv "$p" "$W/discard/$(date +%s%N)-$(basename "$p")"
	done
	return 0
}

# measure SCALE METRIC EXTRA CMD...: runs CMD once, appends "scale metric wall_us rss_kb extra
# cpu_us sys_us" to $RAW (the wall time from the shell's clock; the peak RSS, the CPU time,
# user and system, and the system time alone from /usr/bin/time).
measure() {
	scale=$1 metric=$2 extra=$3
	shift 3
	t0=$(date +%s%N)
	if ! /usr/bin/time -f '%M %U %S' -o "$W/rss" "$@" >"$W/out" 2>&1; then
		cat "$W/out" >&2
		say "$scale $metric failed: $*"
		[ -z "${SOFT:-}" ] && exit 1
		printf '%s\t%s\t-\t-\tfailed: %s\n' "$scale" "$metric" \
			"$(grep -m 1 . "$W/out" | tr '\t|' '  ')" >>"$RAW"
		return 0
	fi
	t1=$(date +%s%N)
	set -- $(tail -n 1 "$W/rss")
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$scale" "$metric" "$(( (t1 - t0) / 1000 ))" \
		"$1" "$extra" "$(echo "$2 $3" | awk '{ printf "%d", ($1 + $2) * 1000000 }')" \
		"$(echo "$3" | awk '{ printf "%d", $1 * 1000000 }')" >>"$RAW"
}

# annotate TEXT: puts TEXT in the extra field of the last measurement.
annotate() {
	sed -i '$ s/^\([^\t]*\t[^\t]*\t[^\t]*\t[^\t]*\t\)/\1'"$1"'/' "$RAW"
}

# From gen build's last line ("build: 2581 pages; 2756 files written, ..." or, with charts,
# "build: 2581 pages, 40 charts drawn, 0 unchanged; 2756 files written, ..."): the pages,
# the files written and the charts drawn (empty without charts).
pages_of() { sed -n 's/^build: \([0-9]*\) pages[;,].*/\1/p' "$W/out"; }
written_of() { sed -n 's/^build: .* \([0-9]*\) files written.*/\1/p' "$W/out"; }
charts_of() { sed -n 's/^build: .* \([0-9]*\) charts drawn.*/\1/p' "$W/out"; }

# site_ini DIR: the configuration of one scale, reading DIR/in/ through file: URLs.
site_ini() {
	cat >"$1/site.ini" <<EOF
[site]
title = Bench
base_url = http://127.0.0.1:8000/
province = tỉnh Bench
province_code = H99
sample = true
[source.diem]
kind = scores
format = csv
url = file:${2:-in}/diem/{yyyy-mm}.csv
[source.quoc-gia]
kind = national
format = csv
url = file:${2:-in}/quoc-gia/{yyyy-mm}.csv
[source.thu-tuc]
kind = procedures
format = csv
url = file:${2:-in}/thu-tuc/{yyyy-mm}.csv
[source.tre-han]
kind = delays
format = csv
url = file:${2:-in}/tre-han/{yyyy-mm}.csv
[store]
path = data/gen.db
backups = 0
[build]
out = public
templates = $ROOT/templates
content = ${3:-$ROOT/content}
[deploy]
url = ${4:-file://$1/remote}
EOF
	[ -n "${5:-}" ] && printf '%s\n' "$5" >>"$1/site.ini"
	return 0
}

have_deploy() { "$DGEN" deploy --help >/dev/null 2>&1; }

# start_sshd: OpenSSH on 127.0.0.1 (a port in 22000-22999) for the SFTP no-op deploy, root
# logging in with a key made for the bench.
start_sshd() {
	[ -n "$SSHD_PID" ] && return 0
	S=$W/ssh
	discard "$S" && mkdir -p "$S" /run/sshd
	ssh-keygen -q -t ed25519 -N '' -f "$S/host_key"
	ssh-keygen -q -t ed25519 -N '' -f "$S/id_ed25519"
	cp "$S/id_ed25519.pub" "$S/authorized_keys"
	SSH_PORT=$((22000 + $$ % 1000))
	cat >"$S/sshd_config" <<EOF
Port $SSH_PORT
ListenAddress 127.0.0.1
HostKey $S/host_key
PidFile $S/sshd.pid
AuthorizedKeysFile $S/authorized_keys
StrictModes no
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
Subsystem sftp internal-sftp
EOF
	/usr/sbin/sshd -D -e -f "$S/sshd_config" 2>"$S/sshd.log" &
	SSHD_PID=$!
	i=0
	while ! ssh-keyscan -p "$SSH_PORT" 127.0.0.1 >/dev/null 2>&1; do
		i=$((i + 1))
		[ $i -gt 50 ] && { cat "$S/sshd.log" >&2; say "sshd did not start"; exit 1; }
		sleep 0.1
	done
	echo "[127.0.0.1]:$SSH_PORT $(cut -d' ' -f1,2 "$S/host_key.pub")" >"$S/known_hosts"
}

# scale NAME PROVINCES MONTHS
scale() {
	name=$1 d=$W/$1
	say "$name: generating data ($2 province(s), $3 months)"
	discard "$d" && mkdir -p "$d"
	python3 "$ROOT/tools/mkbench.py" data "$d/in" "$2" "$3" >&2
	site_ini "$d"
	months=$(ls "$d/in/diem" | sed 's/\.csv$//')
	first=$(echo "$months" | head -n 1)
	prev=$(echo "$months" | tail -n 2 | head -n 1)
	last=$(echo "$months" | tail -n 1)
	cd "$d"
	say "$name: importing $first..$prev"
	measure "$name" initial "$(( $3 - 1 )) months" "$GEN" -q pull --month "$first:$prev"
	cp data/gen.db prev.db
	# The site and build cache as the month before left them, copied as links: the build
	# shares files between them (charts and open data), and never changes a file in place.
	"$GEN" -q build && cp -al public public.prev
	cp -al data/cache cache.prev
	say "$name: import of $last, $RUNS runs"
	for r in $(seq "$RUNS"); do
		cp prev.db data/gen.db
		measure "$name" import "" "$GEN" -q pull --month "$last"
	done
	# Each full build goes to a new directory: deleting thousands of files just before
	# makes creating them again slow on this file system (ext4 without a journal checks
	# new inodes against recently deleted ones), which would measure the deletion.
	# From nothing: no output and no build cache, so every chart is drawn (once: the next
	# builds find the charts in the cache, as every build after the first does).
	# Moved aside, not deleted: deletions just before would slow the build (see below).
	say "$name: full build from nothing (empty public/ and build cache), once"
	mkdir -p trash && mv public public.gen-stamp data/cache trash/
	measure "$name" cold "" "$GEN" build --out "$d/cold"
	annotate "$(pages_of) $(charts_of)"
	mv cold cold.gen-stamp trash/
	say "$name: full build, $RUNS runs"
	for r in $(seq "$RUNS"); do
		measure "$name" full "" "$GEN" build --out "$d/full$r"
		annotate "$(pages_of) $(charts_of)"
	done
	mv "full$RUNS" public && mv "full$RUNS.gen-stamp" public.gen-stamp
	find public -name '*.png' | wc -l >charts
	find public -type f | wc -l >files
	du -sk public | cut -f1 >kb
	printf '%s\t%s\t%s\t%s\t%s\n' "$name" size 0 0 \
		"$(cat files) files, $(cat kb) KB, $(cat charts) PNG, store $(( $(stat -c %s data/gen.db) / 1048576 )) MB" >>"$RAW"
	say "$name: rebuild with nothing changed, $RUNS runs"
	for r in $(seq "$RUNS"); do
		measure "$name" noop "" "$GEN" build
		annotate "$(written_of) written"
	done
	# Every page rendered again, the data unchanged (a touched file voids the stamp): the
	# difference from a full build is mostly the charts, which are kept, not redrawn.
	say "$name: rebuild of every page with the data unchanged, $RUNS runs"
	for r in $(seq "$RUNS"); do
		touch public/index.html
		measure "$name" rerender "" "$GEN" build
		annotate "$(written_of) written $(charts_of)"
	done
	deploys "$name"
	# Each run updates its own copy of the previous month's site, made beforehand: here too
	# a deletion just before would slow the run's file creations.
	# The build cache too is the month before's, or the new month's charts, drawn by the
	# first run, would be found in it by the next.
	say "$name: rebuild after one new month, $RUNS runs"
	for r in $(seq "$RUNS"); do
		cp -al public.prev "upd$r"
		cp -al cache.prev "cache$r"
	done
	for r in $(seq "$RUNS"); do
		cp prev.db data/gen.db
		"$GEN" -q pull --month "$last"
		sed "s|^\[build\]\$|[build]\ncache = $d/cache$r|" site.ini >update.ini
		measure "$name" update "" "$GEN" -c update.ini build --out "$d/upd$r"
		annotate "$(written_of) written $(charts_of)"
	done
	discard public.prev prev.db remote full* upd* cache.prev cache[0-9]* update.ini trash
	cd "$ROOT"
}

deploys() {
	if ! have_deploy; then
		printf '%s\tdeploy-file\t-\t-\tnot available in this build\n' "$1" >>"$RAW"
		printf '%s\tdeploy-sftp\t-\t-\tnot available in this build\n' "$1" >>"$RAW"
		return 0
	fi
	say "$1: deploy with nothing changed (file: and sftp:), $RUNS runs each"
	discard "$d/remote" && mkdir -p "$d/remote"
	"$DGEN" -q deploy --max-deletes 1000000 >&2
	for r in $(seq "$RUNS"); do
		SOFT=1 measure "$1" deploy-file "" "$DGEN" -q deploy
	done
	start_sshd
	discard "$d/remote-sftp" && mkdir -p "$d/remote-sftp"
	cp site.ini site-file.ini
	site_ini "$d" in "$ROOT/content" "sftp://root@127.0.0.1:$SSH_PORT$d/remote-sftp" \
		"known_hosts = $S/known_hosts
ssh_key = $S/id_ed25519"
	if "$DGEN" -q deploy --max-deletes 1000000 >"$W/out" 2>&1; then
		for r in $(seq "$RUNS"); do
			SOFT=1 measure "$1" deploy-sftp "" "$DGEN" -q deploy
		done
	else
		printf '%s\tdeploy-sftp\t-\t-\tfailed: %s\n' "$1" \
			"$(head -n 1 "$W/out" | tr '\t' ' ')" >>"$RAW"
	fi
	SOFT=""
	mv site-file.ini site.ini
	discard "$d/remote-sftp"
}

# The Hugo comparison: N guides built by gen (against a tiny store: one month of the demo's
# sample data) and by Hugo with an equivalent minimal layout.
hugo_site() {
	h=$W/hugo
	discard "$h" && mkdir -p "$h/layouts/_default" "$h/layouts/partials"
	cat >"$h/config.toml" <<'EOF'
baseURL = "http://127.0.0.1:8000/"
languageCode = "vi"
title = "Bench"
disableKinds = ["taxonomy", "term", "RSS"]
[markup.goldmark.renderer]
unsafe = false
EOF
	# The same weight as gen's layout: a header with the site's navigation and a footer
	# with the licence, hotline and update time.
	cat >"$h/layouts/_default/baseof.html" <<'EOF'
<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ .Site.Title }}</title><link rel="stylesheet" href="/assets/style.css"><link rel="canonical" href="{{ .Permalink }}"></head>
<body><a class="skip" href="#main">Bỏ qua, đến nội dung chính</a>
<header><a href="/">{{ .Site.Title }}</a><nav aria-label="Chính"><ul>
<li><a href="/xep-hang/">Xếp hạng</a></li><li><a href="/co-quan/">Cơ quan</a></li><li><a href="/tre-han/">Trễ hạn</a></li>
<li><a href="/thu-tuc/">Thủ tục</a></li><li><a href="/huong-dan/"{{ if eq .Section "huong-dan" }} aria-current="page"{{ end }}>Hướng dẫn</a></li><li><a href="/bao-chi/">Báo chí</a></li>
<li><a href="/du-lieu/">Dữ liệu</a></li><li><a href="/tim-kiem/">Tìm kiếm</a></li></ul></nav></header>
<main id="main">{{ block "main" . }}{{ end }}</main>
<footer><p>Nguồn: Cổng Dịch vụ công quốc gia. Giấy phép CC BY 4.0. Đường dây nóng 1022.</p>
<p>Cập nhật {{ now.Format "02/01/2006" }}. <a href="/phuong-phap/">Phương pháp</a> · <a href="/tiep-can/">Tiếp cận</a></p></footer>
</body></html>
EOF
	cat >"$h/layouts/_default/single.html" <<'EOF'
{{ define "main" }}<article><h1>{{ .Title }}</h1>{{ with .Params.updated }}<p>Cập nhật {{ . }}</p>{{ end }}
{{ .Content }}</article><p><a href="/huong-dan/">Tất cả hướng dẫn</a></p>{{ end }}
EOF
	cat >"$h/layouts/_default/list.html" <<'EOF'
{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}<ul>{{ range .Pages.ByWeight }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a><p>{{ .Summary }}</p></li>{{ end }}</ul>{{ end }}
EOF
	cp "$h/layouts/_default/list.html" "$h/layouts/index.html"
	mkdir -p "$h/content"
	printf -- '---\ntitle: Bench\n---\n' >"$h/content/_index.md"
}

# compare_hugo: gen and Hugo on the same N guides, for each N in $GUIDES. gen's guide time is
# its build with the guides minus its build of the same site without them, both in the same
# round: the three builds of a round run back to back, so a slower minute of the machine
# slows all three, not one. A first round, not measured, reads the content into the page
# cache and lets each tool make its caches.
# Each build goes to a new directory, and the bench deletes nothing before its end: on this
# file system (ext4 without a journal) inodes freed in the last minutes are skipped, one by
# one, each time a file is made, which would measure the deletion (perf: recently_deleted
# and its block lookups took two fifths of a build's samples five minutes after one). The
# guides run before the scales, because gen frees inodes too: a build into an existing site
# removes its staging directories (9,350 for a new title at national scale), and gen's
# builds of 1,000 guides right after the national scale took 0.25-0.35 s, not 0.16-0.19.
compare_hugo() {
	hugo_site
	g=$W/guides
	discard "$g" && mkdir -p "$g"
	site_ini "$g" "$ROOT/content/sample" "$g/content0"
	mkdir -p "$g/content0/huong-dan"
	mv "$g/site.ini" "$g/site0.ini"
	(cd "$g" && "$GEN" -q -c site0.ini pull --month 2026-10)
	for n in $GUIDES; do
		python3 "$ROOT/tools/mkbench.py" guides "$g/content$n" "$n" >&2
		mkdir -p "$h/content$n"
		cp "$h/content/_index.md" "$h/content$n/"
		cp -r "$g/content$n/huong-dan" "$h/content$n/huong-dan"
		sed "s|^content = .*|content = $g/content$n|" "$g/site0.ini" >"$g/site$n.ini"
		say "guides: $n guides, gen without and with them and Hugo, $RUNS rounds"
		for r in w $(seq "$RUNS"); do
			guide_round "$n" "$r"
		done
	done
	discard "$g" "$h"
}

# guide_round N R: one round of compare_hugo; R "w" is the round that is not measured. A sync
# before each build: gen syncs its output before moving it into place, and the file system's
# sync (syncfs) would also write out what the build before left unwritten, charging it to gen.
guide_round() {
	if [ "$2" = w ]; then
		(cd "$g" && "$GEN" -q -c site0.ini build --out "$g/base$1-w" &&
			"$GEN" -q -c "site$1.ini" build --out "$g/out$1-w")
		hugo --quiet -s "$h" --contentDir "$h/content$1" -d "$h/out$1-w"
		return 0
	fi
	sync
	(cd "$g" && measure guides "base-$1" "" "$GEN" -c site0.ini build --out "$g/base$1-$2")
	sync
	(cd "$g" && measure guides "gen-$1" "" "$GEN" -c "site$1.ini" build --out "$g/out$1-$2")
	sync
	measure guides "hugo-$1" "" hugo --quiet -s "$h" --contentDir "$h/content$1" -d "$h/out$1-$2"
}

[ -x "$GEN" ] || { say "build/gen is missing: run make build/gen"; exit 1; }
need hugo time openssh-server openssh-client
mkdir -p "$W" "$(dirname "$OUT")"
: >"$RAW"
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
say "results in $OUT, scratch data in $W, $RUNS runs per measurement"
# A sitting just after another would measure the last one's deletion of its scratch data:
# ext4 keeps inodes freed in the last 60 s, or 360 s while their block is unwritten, from
# being reused, and skips them one by one at each file it makes.
if [ -f "$W/deleted" ]; then
	wait=$(( $(cat "$W/deleted") + 360 - $(date +%s) ))
	if [ "$wait" -gt 0 ]; then
		say "waiting $wait s: the last sitting deleted its scratch data less than 6 minutes ago"
		sleep "$wait"
	fi
fi
# The guides first, on a disk that no run of the bench has yet filled or emptied.
[ -n "$GUIDES" ] && compare_hugo
for s in $SCALES; do
	case $s in
	p1) scale p1 1 12 ;;
	n34) scale n34 34 12 ;;
	n34x36) scale n34x36 34 36 ;;
	*) say "unknown scale $s"; exit 2 ;;
	esac
done
# Other work on the machine shows in every figure: say how busy it was.
BENCH_NOTE="${BENCH_NOTE:+$BENCH_NOTE }Load average (1, 5, 15 min) at the start: $LOAD0; at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
export BENCH_NOTE
python3 "$ROOT/tools/benchreport.py" "$RAW" "$RUNS" "$(hugo version | cut -d' ' -f2)" \
	"$("$GEN" --version)" >"$OUT.tmp"
mv "$OUT.tmp" "$OUT"
cat "$OUT"
say "deleting the scratch data"
rm -rf "$W/discard" "$W/p1" "$W/n34" "$W/n34x36"
date +%s >"$W/deleted"
