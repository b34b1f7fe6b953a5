#!/bin/sh
# Serves a built site on 127.0.0.1 for preview (python3's http.server; Ctrl-C stops it).
set -eu
dir=$1 port=$2
command -v python3 >/dev/null || { echo "serve: python3 is needed (apt-get install python3)" >&2; exit 1; }
echo "Preview: http://127.0.0.1:$port/ (Ctrl-C to stop)"
exec python3 -m http.server --bind 127.0.0.1 --directory "$dir" "$port"
