#!/bin/sh
# App start to the main window on screen: time from exec until the window
# titled "VITA Intake Assistant" (the unlock screen) is mapped and viewable
# on the X server, five runs, on a store made by vita-admin.  GDK also
# makes a hidden 1x1 helper window carrying the application's name, long
# before the real window: it is skipped (its size and map state give it
# away).  Run under X or Xvfb:
#   xvfb-run -a -s "-screen 0 1280x900x24" sh bench/measure-startup.sh _build-release [RUNS]
set -eu
BUILD=${1:-_build}
RUNS=${2:-5}
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
echo "startup pass 123456" | "$BUILD/app/cli/vita-admin" create --fast-kdf \
	--store "$DIR/site.vita" --site Bench --user bench >/dev/null

# Prints the id of a viewable window bigger than 1x1 titled like the app.
main_window () {
	xwininfo -root -tree 2>/dev/null \
		| awk '/"VITA Intake Assistant"/ && $0 !~ / 1x1\+/ { print $1 }' \
		| while read -r id; do
			if xwininfo -id "$id" 2>/dev/null | grep -q 'Map State: IsViewable'; then
				echo "$id"
				break
			fi
		done
}

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
i=0
while [ "$i" -lt "$RUNS" ]; do
	i=$((i + 1))
	t0=$(date +%s.%N)
	LC_ALL=C.UTF-8 LANGUAGE=en VITA_STORE_PATH="$DIR/site.vita" GSETTINGS_BACKEND=memory \
		GSETTINGS_SCHEMA_DIR="$BUILD/data" "$BUILD/app/gui/vita-intake" >/dev/null 2>&1 &
	pid=$!
	until [ -n "$(main_window)" ]; do
		if ! kill -0 "$pid" 2>/dev/null; then
			echo "start to main window: failed (the app exited)"
			exit 1
		fi
	done
	t1=$(date +%s.%N)
	# The app's own CPU time by then (user + system, in clock ticks): on
	# a machine shared with other jobs it moves less than the wall clock.
	ticks=$(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0)
	echo "start to main window mapped: $(echo "$t1 - $t0" | bc) s" \
		"(app CPU time $(echo "scale=2; $ticks / $(getconf CLK_TCK)" | bc) s)"
	kill "$pid"
	wait "$pid" 2>/dev/null || true
done
