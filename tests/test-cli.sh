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
echo "coordinator pass 1" | "$ADMIN" verify --store "$S" --user maria >"$DIR/out" 2>&1
check "verify shows the keyslot's Argon2id setting" "grep -q 'Argon2id, 1 passes, 64 MiB' '$DIR/out'"
check "store and keys are private" "[ \"\$(stat -c %a '$S' '$S.keys' | sort -u)\" = 600 ]"
check "backup is private" "[ \"\$(stat -c %a '$DIR/b.vita' '$DIR/b.vita.keys' | sort -u)\" = 600 ]"

# No passphrase, a weak one, an over-long one: refused, nothing made.
"$ADMIN" create --fast-kdf --store "$DIR/s2.vita" --site "Test" --user ann </dev/null >"$DIR/out" 2>&1
status=$?
check "create with no input is refused" "[ $status -eq 1 ] && grep -q 'No passphrase' '$DIR/out' && [ ! -e '$DIR/s2.vita' ]"
echo "ann12345" | "$ADMIN" create --fast-kdf --store "$DIR/s2.vita" --site "Test" --user ann >"$DIR/out" 2>&1
status=$?
check "create with a weak passphrase is refused" "[ $status -eq 1 ] && [ ! -e '$DIR/s2.vita' ]"
LONG=$(head -c 1100 /dev/zero | tr '\0' 'a')
echo "$LONG" | "$ADMIN" create --fast-kdf --store "$DIR/s2.vita" --site "Test" --user ann >"$DIR/out" 2>&1
status=$?
check "create with an over-long passphrase is refused, not cut" "[ $status -eq 1 ] && grep -q 'too long' '$DIR/out' && [ ! -e '$DIR/s2.vita' ]"
echo "$LONG" | "$ADMIN" verify --store "$S" --user maria >"$DIR/out" 2>&1
check "unlock with an over-long passphrase says so" "grep -q 'too long' '$DIR/out'"
printf 'coordinator pass 1\n' | "$ADMIN" add-user --fast-kdf --store "$S" --user maria --target ann --role volunteer >"$DIR/out" 2>&1
status=$?
check "add-user with a missing line is refused" "[ $status -eq 1 ] && grep -q 'No passphrase' '$DIR/out'"
echo "coordinator pass 1" | "$ADMIN" list-users --store "$S" --user maria >"$DIR/out" 2>&1
check "no user was added without a passphrase" "! grep -q '^ann ' '$DIR/out'"

# An existing .keys file beside the destination is kept unless asked.
echo "another backup's keys" >"$DIR/c.vita.keys"
echo "coordinator pass 1" | "$ADMIN" backup --store "$S" --user maria --to "$DIR/c.vita" >"$DIR/out" 2>&1
status=$?
check "backup refuses an existing .keys" "[ $status -eq 1 ] && grep -q \"another backup's keys\" '$DIR/c.vita.keys' && [ ! -e '$DIR/c.vita' ]"
echo "coordinator pass 1" | "$ADMIN" backup --overwrite --store "$S" --user maria --to "$DIR/c.vita" >"$DIR/out" 2>&1
status=$?
check "backup --overwrite replaces it" "[ $status -eq 0 ] && ! grep -q \"another backup's keys\" '$DIR/c.vita.keys'"

printf '\001' | dd of="$S" bs=1 seek=5000 conv=notrunc 2>/dev/null
echo "coordinator pass 1" | "$ADMIN" verify --store "$S" --user maria >"$DIR/out" 2>&1
check "flipped byte reported as damage" "grep -q 'damaged' '$DIR/out'"
echo "1..$n"
exit $fail
