#!/bin/sh
# App start to unlock screen: time from exec until the app's window is
# mapped on the X server, five runs, on a store made by vita-admin.
# Run under X or Xvfb:
#   xvfb-run -a sh bench/measure-startup.sh _build
set -eu
BUILD=${1:-_build}
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
echo "startup pass 123456" | "$BUILD/app/cli/vita-admin" create --fast-kdf \
	--store "$DIR/site.vita" --site Bench --user bench >/dev/null
for i in 1 2 3 4 5; do
	t0=$(date +%s.%N)
	VITA_STORE_PATH="$DIR/site.vita" GSETTINGS_BACKEND=memory \
		GSETTINGS_SCHEMA_DIR="$BUILD/data" "$BUILD/app/gui/vita-intake" >/dev/null 2>&1 &
	pid=$!
	until xwininfo -root -tree 2>/dev/null | grep -q 'VITA Intake Assistant\|vita-intake'; do
		sleep 0.01
	done
	t1=$(date +%s.%N)
	echo "start to unlock screen: $(echo "$t1 - $t0" | bc) s"
	kill "$pid"
	wait "$pid" 2>/dev/null || true
done
