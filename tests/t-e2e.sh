# The built demo site in a real browser: builds its own copy of the demo into $T, serves it
# on 127.0.0.1, and drives Debian's headless Chromium over it (tests/e2e/run.mjs: clicks,
# search, print to A4, console, axe, layout at 360 and 1280 px, no JavaScript), then
# Lighthouse (tests/e2e/lighthouse.mjs). Screenshots, the printed PDF and the Lighthouse
# reports are kept in tests/out/e2e/. Needs tests/setup.sh (make test runs it first).
. "$TESTS/lib.sh"
ROOT=$(cd "$TESTS/.." && pwd)
E2E="$TESTS/e2e"
OUT="$TESTS/out/e2e"
start=$(date +%s)

for need in node /usr/bin/chromium python3; do
	command -v "$need" >/dev/null 2>&1 || { notok "$need is installed (run tests/setup.sh)"; exit 1; }
done
[ -d "$E2E/node_modules/playwright-core" ] && [ -d "$E2E/node_modules/lighthouse" ] ||
	{ notok "the browser tests' npm packages are installed (run tests/setup.sh)"; exit 1; }

# The server first, on a free port, so the site can be built for its address (canonical
# links, the sitemap and the QR codes carry it). It serves whatever public/ holds at each
# request.
mkdir -p "$T/public"
python3 -u -m http.server --bind 127.0.0.1 --directory "$T/public" 0 >"$T/server.log" 2>&1 &
PIDS="$PIDS $!"
port=""
for _ in $(seq 50); do
	port=$(sed -n 's/.* port \([0-9][0-9]*\) .*/\1/p' "$T/server.log" | head -1)
	[ -n "$port" ] && break
	sleep 0.1
done
[ -n "$port" ] || { notok "the static server starts on 127.0.0.1"; cat "$T/server.log"; exit 1; }
ok "static server on 127.0.0.1:$port"

# The demo configuration with the store, output and address moved into $T; relative paths
# in a config resolve against its own directory, so the sources and templates become
# absolute.
sed -e "s|^base_url = .*|base_url = http://127.0.0.1:$port/|" \
	-e "s|^url = file:content/|url = file:$ROOT/content/|" \
	-e "s|^path = data/gen.db\$|path = $T/data/gen.db|" \
	-e "s|^backup_dir = .*|backup_dir = $T/data/backups|" \
	-e "s|^out = public\$|out = $T/public|" \
	-e "s|^templates = templates\$|templates = $ROOT/templates|" \
	-e "s|^content = content\$|content = $ROOT/content|" \
	-e "s|^url = file:///tmp/gen-demo-site\$|url = file://$T/deployed|" \
	"$ROOT/site.ini" >"$T/site.ini"
moved=$(grep -c "$T\|$ROOT\|127.0.0.1:$port" "$T/site.ini")
check "the test config moves all 11 paths and the address ($moved)" [ "$moved" -eq 11 ]
expect_ok "pull the sample months 2025-10 to 2026-10" "$GEN" -c "$T/site.ini" -q pull --month 2025-10:2026-10
expect_ok "build the demo site" "$GEN" -c "$T/site.ini" build
[ -f "$T/public/index.html" ] || { notok "the build wrote $T/public/index.html"; exit 1; }

# The weight limits the pages promise: no web fonts, little JavaScript, light HTML.
js=$(find "$T/public" -name '*.js' -exec cat {} + | wc -c)
check "JavaScript under 15 KB in total ($js bytes)" [ "$js" -lt 15360 ]
big=$(find "$T/public" -name '*.html' -size +60k)
check "every HTML page under 60 KB" [ -z "$big" ]
[ -n "$big" ] && echo "$big" | head -5 | sed 's/^/#   /'
fonts=$(find "$T/public" \( -name '*.woff*' -o -name '*.ttf' -o -name '*.otf' \) | wc -l)
check "no web fonts (no font files, no @font-face)" \
	sh -c "[ $fonts -eq 0 ] && ! grep -q '@font-face' '$T/public/assets/style.css'"

# The procedure guide with the most text, to print besides the one the tests name.
longest=$(python3 - "$T/public/thu-tuc" <<'PY'
import glob, re, sys
def size(f):
    s = open(f, encoding="utf-8").read()
    m = re.search(r'<article class="guide">(.*)</article>', s, re.S)
    return len(re.sub(r"<svg.*?</svg>|<[^>]+>", "", m.group(1), flags=re.S)) if m else 0
files = glob.glob(sys.argv[1] + "/*/index.html")
print(max(files, key=size).split("/")[-2] if files else "")
PY
)
check "the site has procedure guides (longest: $longest)" [ -n "$longest" ]
rm -rf "$OUT" && mkdir -p "$OUT"
export E2E_BASE="http://127.0.0.1:$port" E2E_OUT="$OUT" E2E_LONGEST="/thu-tuc/$longest/"
# The browsers must not inherit the sanitizer settings meant for gen.
unset ASAN_OPTIONS UBSAN_OPTIONS
cd "$E2E" || exit 1
timeout -k 10 330 node run.mjs || echo "# run.mjs exited with status $?"
E2E_PIDFILE="$T/lighthouse-chromium.pid" timeout -k 10 450 node lighthouse.mjs ||
	echo "# lighthouse.mjs exited with status $?"
# Only if the script was killed before it stopped its chromium (a group of its own).
lh=$(cat "$T/lighthouse-chromium.pid" 2>/dev/null)
if [ -n "$lh" ] && grep -q chromium "/proc/$lh/comm" 2>/dev/null &&
	! grep -q '^State:.*Z' "/proc/$lh/status" 2>/dev/null; then
	echo "# stopping lighthouse's chromium, left running"
	kill -- "-$lh" 2>/dev/null
fi
echo "# t-e2e took $(($(date +%s) - start)) s; screenshots and reports in tests/out/e2e/"
