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
echo "coordinator pass 1" | LANGUAGE= LC_ALL=C "$ADMIN" export --store "$S" --user maria --format csv --out "$DIR/out/stats.csv" >"$DIR/log" 2>&1
status=$?
check "aggregate export succeeds" "[ $status -eq 0 ] && head -1 '$DIR/out/stats.csv' | grep -q '^Table,Category,Label,Count'"
check "statistics dictionary beside it, 0600" "[ \"\$(mode '$DIR/out/stats.csv.dictionary.csv')\" = 600 ] && grep -q '^Count,count,' '$DIR/out/stats.csv.dictionary.csv'"
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

# Readable headers (issue 15) in the coordinator's language or --language,
# and the data dictionary beside the file, one line per column.
echo "coordinator pass 1" | LANGUAGE= LC_ALL=C "$ADMIN" export --store "$S" --user maria --purpose extract --columns household_size,inc.wages,taxpayer.dob@age_band --format csv --out "$DIR/out/en.csv" >"$DIR/log" 2>&1
status=$?
check "extract headers are readable" "[ $status -eq 0 ] && head -1 '$DIR/out/en.csv' | grep -q '^Row,Household size,Taxpayer: Date of birth (age band),'"
check "no column id in the headers" "! head -1 '$DIR/out/en.csv' | grep -q 'household_size\|@age_band'"
check "dictionary beside it, 0600" "[ \"\$(mode '$DIR/out/en.csv.dictionary.csv')\" = 600 ]"
check "dictionary lists every column" "[ \$(wc -l < '$DIR/out/en.csv.dictionary.csv') -eq 5 ] && grep -q '^Household size,household_size,' '$DIR/out/en.csv.dictionary.csv' && grep -q '^Taxpayer: Date of birth (age band),taxpayer.dob@age_band,Date of birth,Age band,' '$DIR/out/en.csv.dictionary.csv' && grep -q '^Row,row,' '$DIR/out/en.csv.dictionary.csv'"
check "report and message name the dictionary" "grep -q 'en.csv.dictionary.csv' '$DIR/log' && grep -q 'Columns: Household size; ' '$DIR/log'"
echo "coordinator pass 1" | "$ADMIN" export --store "$S" --user maria --purpose extract --columns household_size,inc.wages --language es --format csv --out "$DIR/out/es.csv" >"$DIR/log" 2>&1
status=$?
check "--language es: Spanish headers and dictionary" "[ $status -eq 0 ] && head -1 '$DIR/out/es.csv' | grep -q '^Fila,Tamaño del hogar,' && head -1 '$DIR/out/es.csv.dictionary.csv' | grep -q '^Columna,' && grep -q ',household_size,' '$DIR/out/es.csv.dictionary.csv'"
echo "coordinator pass 1" | "$ADMIN" export --store "$S" --user maria --purpose extract --columns household_size,inc.wages --id-headers --format csv --out "$DIR/out/ids.csv" >"$DIR/log" 2>&1
status=$?
check "--id-headers keeps the ids for scripts" "[ $status -eq 0 ] && head -1 '$DIR/out/ids.csv' | grep -q '^row,household_size,inc.wages'"
echo "coordinator pass 1" | "$ADMIN" export --store "$S" --user maria --purpose extract --columns household_size --language xx --format csv --out "$DIR/out/xx.csv" >"$DIR/log" 2>&1
status=$?
check "unknown language refused, nothing written" "[ $status -ne 0 ] && [ ! -e '$DIR/out/xx.csv' ] && grep -q 'no translation' '$DIR/log'"
check "--list-columns gives id and header" "LANGUAGE= LC_ALL=C '$ADMIN' export --list-columns | grep -q '^taxpayer.dob@age_band	Taxpayer: Date of birth (age band)\$'"

# The noise setting (issue 17): coordinators set it; the store checks it.
echo "coordinator pass 1" | "$ADMIN" settings set export-noise-epsilon 0.5 --store "$S" --user maria >"$DIR/log" 2>&1
status=$?
check "coordinator sets the noise level" "[ $status -eq 0 ] && [ \"\$(echo 'coordinator pass 1' | '$ADMIN' settings get export-noise-epsilon --store '$S' --user maria 2>/dev/null)\" = 0.5 ]"
echo "coordinator pass 1" | "$ADMIN" settings set export-noise-epsilon abc --store "$S" --user maria >"$DIR/log" 2>&1
status=$?
check "junk noise level refused with the range" "[ $status -ne 0 ] && grep -q '0.05 to 10' '$DIR/log' && [ \"\$(echo 'coordinator pass 1' | '$ADMIN' settings get export-noise-epsilon --store '$S' --user maria 2>/dev/null)\" = 0.5 ]"
echo "coordinator pass 1" | "$ADMIN" settings set export-noise-epsilon 11 --store "$S" --user maria >"$DIR/log" 2>&1
status=$?
check "noise level above the bound refused" "[ $status -ne 0 ]"
echo "volunteer pass 1" | "$ADMIN" settings set export-noise-epsilon 2 --store "$S" --user joe >"$DIR/log" 2>&1
status=$?
check "volunteer may not set it" "[ $status -ne 0 ] && grep -q 'coordinator' '$DIR/log'"
echo "coordinator pass 1" | "$ADMIN" settings set retention one-year --store "$S" --user maria >"$DIR/log" 2>&1
status=$?
check "only the listed settings" "[ $status -ne 0 ]"
echo "coordinator pass 1" | "$ADMIN" export --store "$S" --user maria --format json --out "$DIR/out/noisy.json" >"$DIR/log" 2>&1
status=$?
check "statistics use the site's noise and say so" "[ $status -eq 0 ] && grep -q '\"epsilon\": 0.5' '$DIR/out/noisy.json.risk.json' && grep -q 'epsilon = 0.50' '$DIR/log'"
echo "coordinator pass 1" | "$ADMIN" export --store "$S" --user maria --epsilon off --format csv --out "$DIR/out/exact.csv" >"$DIR/log" 2>&1
status=$?
check "--epsilon off for one export" "[ $status -eq 0 ] && grep -q '\"noise\": \"none\"' '$DIR/out/exact.csv.risk.json'"
echo "coordinator pass 1" | "$ADMIN" export --store "$S" --user maria --epsilon 20 --format csv --out "$DIR/out/e20.csv" >"$DIR/log" 2>&1
status=$?
check "--epsilon out of bounds refused, nothing written" "[ $status -ne 0 ] && [ ! -e '$DIR/out/e20.csv' ]"
echo "coordinator pass 1" | "$ADMIN" settings set export-noise-epsilon off --store "$S" --user maria >"$DIR/log" 2>&1
status=$?
check "noise turned off" "[ $status -eq 0 ] && [ \"\$(echo 'coordinator pass 1' | '$ADMIN' settings get export-noise-epsilon --store '$S' --user maria 2>/dev/null)\" = off ]"

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
