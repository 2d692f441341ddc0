#!/bin/sh
# Drives vita-admin as a coordinator would, passphrases on standard input.
# TAP output for meson.
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

echo "coordinator pass 1" | "$ADMIN" create --fast-kdf --store "$S" --site "Test" --user maria >"$DIR/out" 2>&1
check "create" "grep -q 'Created' '$DIR/out'"
printf 'coordinator pass 1\nvolunteer pass 1\n' | "$ADMIN" add-user --fast-kdf --store "$S" --user maria --target joe --role volunteer >"$DIR/out" 2>&1
status=$?
check "add-user" "[ $status -eq 0 ]"
echo "coordinator pass 1" | "$ADMIN" generate --store "$S" --user maria --count 250 >"$DIR/out" 2>&1
check "generate 250" "grep -q 'Added 250' '$DIR/out'"
echo "coordinator pass 1" | "$ADMIN" list-users --store "$S" --user maria >"$DIR/out" 2>&1
check "list-users shows both" "grep -q '^joe .*volunteer' '$DIR/out' && grep -q '^maria .*coordinator' '$DIR/out'"
echo "volunteer pass 1" | "$ADMIN" list-users --store "$S" --user joe >"$DIR/out" 2>&1
check "volunteer refused list-users" "grep -q 'role does not allow' '$DIR/out'"
echo "wrong" | "$ADMIN" verify --store "$S" --user maria >"$DIR/out" 2>&1
status=$?
check "wrong passphrase exits 1 with a clear message" "[ $status -eq 1 ] && grep -q 'passphrase is not right' '$DIR/out'"
echo "coordinator pass 1" | "$ADMIN" verify --store "$S" --user maria >"$DIR/out" 2>&1
check "verify" "grep -q '^OK' '$DIR/out'"
echo "coordinator pass 1" | "$ADMIN" backup --store "$S" --user maria --to "$DIR/b.vita" >"$DIR/out" 2>&1
check "backup" "[ -f '$DIR/b.vita' ] && [ -f '$DIR/b.vita.keys' ]"
check "backup has no plaintext header" "! grep -q 'SQLite format 3' '$DIR/b.vita'"
echo "coordinator pass 1" | "$ADMIN" rekey --store "$S" --user maria >"$DIR/out" 2>&1
check "rekey" "grep -q 'new master key' '$DIR/out'"
echo "volunteer pass 1" | "$ADMIN" verify --store "$S" --user joe >"$DIR/out" 2>&1
check "volunteer still opens after rekey" "grep -q '^OK' '$DIR/out'"
printf 'coordinator pass 1\n' | "$ADMIN" remove-user --store "$S" --user maria --target joe >"$DIR/out" 2>&1
echo "volunteer pass 1" | "$ADMIN" verify --store "$S" --user joe >"$DIR/out" 2>&1
check "removed user cannot open" "grep -q 'passphrase is not right' '$DIR/out'"
printf '\001' | dd of="$S" bs=1 seek=5000 conv=notrunc 2>/dev/null
echo "coordinator pass 1" | "$ADMIN" verify --store "$S" --user maria >"$DIR/out" 2>&1
check "flipped byte reported as damage" "grep -q 'damaged' '$DIR/out'"
echo "1..$n"
exit $fail
