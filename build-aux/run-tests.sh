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

passed=0
failed=0
# Adds the counts from the summary meson printed into $LOG.
tally() {
	count() { sed -n "s/^$1: *\([0-9][0-9]*\).*/\1/p" "$LOG" | tail -n 1; }
	ok=$(count "Ok"); xfail=$(count "Expected Fail"); fail=$(count "Fail")
	xpass=$(count "Unexpected Pass"); timeout=$(count "Timeout")
	passed=$(( passed + ${ok:-0} + ${xfail:-0} ))
	failed=$(( failed + ${fail:-0} + ${xpass:-0} + ${timeout:-0} ))
	if [ -z "$ok" ]; then
		# meson printed no summary: it did not run at all.
		failed=$(( failed + 1 ))
	fi
}

xvfb-run -a -s "-screen 0 1280x900x24" dbus-run-session -- \
	meson test -C "$BUILD" --print-errorlogs --num-processes 2 "$@" 2>&1 | tee "$LOG"
tally

# The unit and reliability suites once more, built with AddressSanitizer and
# UndefinedBehaviorSanitizer: a key left in freed memory, a use after free
# or an overflow fails here even where the normal build hides it.
# b_lundef=false: the sanitizer runtimes resolve symbols at load time.
# Leaks are detected; only the font caches of fontconfig and cairo, which
# those libraries keep for the process's life, are suppressed.  The 20-run
# KDF calibration test skips itself here (VITA_SANITIZER_RUN): it times
# libsodium, which is not instrumented.  Adds about 4-5 minutes.
ASAN_BUILD=${VITA_ASAN_BUILD_DIR:-_build-asan}
if [ -z "${VITA_SKIP_SANITIZERS:-}" ]; then
	if [ ! -f "$ASAN_BUILD/build.ninja" ]; then
		meson setup "$ASAN_BUILD" -Dwerror=true -Db_sanitize=address,undefined -Db_lundef=false \
			|| failed=$(( failed + 1 ))
	fi
	if meson compile -C "$ASAN_BUILD"; then
		ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
		LSAN_OPTIONS=suppressions="$PWD/build-aux/lsan-suppressions.txt":print_suppressions=0 \
		UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
		VITA_SANITIZER_RUN=1 \
			meson test -C "$ASAN_BUILD" --print-errorlogs --num-processes 2 \
			--suite unit --suite reliability 2>&1 | tee "$LOG"
		tally
	else
		failed=$(( failed + 1 ))
	fi
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
