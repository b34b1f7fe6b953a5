#!/bin/sh
# Builds the demo site: pulls every month of the bundled sample province into the store
# (already-imported months are reported unchanged) and renders public/.
set -eu
gen=$1 config=$2
"$gen" -c "$config" -q pull --month 2025-10:2026-10
"$gen" -c "$config" build
