#!/bin/sh
# Builds the demo site from the bundled sample province (placeholder until pull/build land).
echo "demo: nothing to build yet"
