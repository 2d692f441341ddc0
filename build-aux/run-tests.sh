#!/bin/sh
# Sets up (first run), builds and runs the whole test suite headless:
# Xvfb for the GTK tests, a private D-Bus session for libnotify.
# Ends with a line "N passed, N failed" and exits non-zero on any failure.
set -u
cd "$(dirname "$0")/.."

sh build-aux/install-deps.sh || { echo "0 passed, 1 failed"; exit 1; }

BUILD=${VITA_BUILD_DIR:-_build}
if [ ! -f "$BUILD/build.ninja" ]; then
	meson setup "$BUILD" -Dwerror=true || { echo "0 passed, 1 failed"; exit 1; }
fi
meson compile -C "$BUILD" || { echo "0 passed, 1 failed"; exit 1; }

LOG=$(mktemp)
trap 'rm -f "$LOG"' EXIT

xvfb-run -a -s "-screen 0 1280x900x24" dbus-run-session -- \
	meson test -C "$BUILD" --print-errorlogs --num-processes 2 "$@" 2>&1 | tee "$LOG"

count() { sed -n "s/^$1: *\([0-9][0-9]*\).*/\1/p" "$LOG" | tail -n 1; }
ok=$(count "Ok"); xfail=$(count "Expected Fail"); fail=$(count "Fail")
xpass=$(count "Unexpected Pass"); timeout=$(count "Timeout")
passed=$(( ${ok:-0} + ${xfail:-0} ))
failed=$(( ${fail:-0} + ${xpass:-0} + ${timeout:-0} ))
if [ -z "$ok" ]; then
	# meson printed no summary: it did not run at all.
	failed=$(( failed + 1 ))
fi

# Every catalog must be complete and valid: 0 untranslated, 0 fuzzy.
for po in po/*.po; do
	stats=$(msgfmt --check --statistics -o /dev/null "$po" 2>&1)
	case "$stats" in
	*fuzzy*|*untranslated*|*rror*) echo "FAIL $po: $stats"; failed=$((failed + 1));;
	*) echo "ok   $po: $stats"; passed=$((passed + 1));;
	esac
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
