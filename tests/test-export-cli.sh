#!/bin/sh
# vita-admin export as a coordinator would run it (issue 17): the file and
# its risk report appear 0600, never over an existing file; a refusal
# (wrong role, impossible k, existing file) exits non-zero and writes
# nothing.  TAP output for meson.
set -u
ADMIN="$1"
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
S="$DIR/site.vita"
n=0
fail=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); fail=1; echo "not ok $n - $1"; }
check() { if eval "$2"; then ok "$1"; else not_ok "$1"; fi; }
mode() { stat -c %a "$1"; }
count_files() { ls -A "$DIR/out" | wc -l; }

mkdir "$DIR/out"
echo "coordinator pass 1" | "$ADMIN" create --fast-kdf --store "$S" --site "Test" --user maria >"$DIR/log" 2>&1
printf 'coordinator pass 1\nvolunteer pass 1\n' | "$ADMIN" add-user --fast-kdf --store "$S" --user maria --target joe --role volunteer >"$DIR/log" 2>&1
echo "coordinator pass 1" | "$ADMIN" generate --store "$S" --user maria --count 300 >"$DIR/log" 2>&1
check "setup" "grep -q 'Added 300' '$DIR/log'"

# The default purpose: the funders' tables.
echo "coordinator pass 1" | "$ADMIN" export --store "$S" --user maria --format csv --out "$DIR/out/stats.csv" >"$DIR/log" 2>&1
status=$?
check "aggregate export succeeds" "[ $status -eq 0 ] && head -1 '$DIR/out/stats.csv' | grep -q '^table,category,label,count'"
check "export file is 0600" "[ \"\$(mode '$DIR/out/stats.csv')\" = 600 ]"
check "risk report beside it, 0600" "[ \"\$(mode '$DIR/out/stats.csv.risk.json')\" = 600 ] && grep -q '\"purpose\": \"aggregate\"' '$DIR/out/stats.csv.risk.json'"
check "report shown before writing" "grep -q 'Statistics for 300 households' '$DIR/log'"

# A row-level extract of a named purpose, as JSON.
echo "coordinator pass 1" | "$ADMIN" export --store "$S" --user maria --purpose extract --columns income-types --k 5 --format json --out "$DIR/out/rows.json" >"$DIR/log" 2>&1
status=$?
check "extract succeeds" "[ $status -eq 0 ] && grep -q '\"format\": \"vita-deidentified-households\"' '$DIR/out/rows.json'"
check "extract risk report" "grep -q '\"smallest_group\"' '$DIR/out/rows.json.risk.json' && grep -q '\"max_prosecutor_risk\"' '$DIR/out/rows.json.risk.json'"
check "extract is 0600" "[ \"\$(mode '$DIR/out/rows.json')\" = 600 ] && [ \"\$(mode '$DIR/out/rows.json.risk.json')\" = 600 ]"
check "extract carries the purpose's columns only" "grep -q 'inc.wages.jobs' '$DIR/out/rows.json' && ! grep -q 'address.zip' '$DIR/out/rows.json'"

# Refusals: nothing written, non-zero exit.
before=$(count_files)
echo "volunteer pass 1" | "$ADMIN" export --store "$S" --user joe --format csv --out "$DIR/out/vol.csv" >"$DIR/log" 2>&1
status=$?
check "volunteer refused, nothing written" "[ $status -ne 0 ] && [ ! -e '$DIR/out/vol.csv' ] && [ ! -e '$DIR/out/vol.csv.risk.json' ] && grep -q 'site coordinator' '$DIR/log'"
echo "coordinator pass 1" | "$ADMIN" export --store "$S" --user maria --purpose extract --k 51 --format csv --out "$DIR/out/k.csv" >"$DIR/log" 2>&1
status=$?
check "impossible k refused, nothing written" "[ $status -ne 0 ] && [ ! -e '$DIR/out/k.csv' ] && grep -q 'from 2 to 50' '$DIR/log'"
S2="$DIR/small.vita"
echo "coordinator pass 1" | "$ADMIN" create --fast-kdf --store "$S2" --site "Small" --user maria >"$DIR/log" 2>&1
echo "coordinator pass 1" | "$ADMIN" generate --store "$S2" --user maria --count 20 >"$DIR/log" 2>&1
echo "coordinator pass 1" | "$ADMIN" export --store "$S2" --user maria --purpose site-volume --k 30 --format csv --out "$DIR/out/small.csv" >"$DIR/log" 2>&1
status=$?
check "k above the households refused, nothing written" "[ $status -ne 0 ] && [ ! -e '$DIR/out/small.csv' ] && grep -q 'only 20 households' '$DIR/log'"
echo "coordinator pass 1" | "$ADMIN" export --store "$S" --user maria --purpose extract --columns first_name --format csv --out "$DIR/out/name.csv" >"$DIR/log" 2>&1
status=$?
check "identifying column refused" "[ $status -ne 0 ] && [ ! -e '$DIR/out/name.csv' ]"
cp "$DIR/out/stats.csv" "$DIR/keep"
echo "coordinator pass 1" | "$ADMIN" export --store "$S" --user maria --format csv --out "$DIR/out/stats.csv" >"$DIR/log" 2>&1
status=$?
check "existing file never overwritten" "[ $status -ne 0 ] && cmp -s '$DIR/keep' '$DIR/out/stats.csv' && grep -q 'already exists' '$DIR/log'"
check "no stray files after refusals" "[ $(count_files) -eq $before ]"
echo "1..$n"
exit $fail
