#!/bin/sh
# Every translatable string of the sources, extracted the way po/meson.build
# extracts it, has a real translation in every catalog of po/LINGUAS.  This
# catches a new label whose msgid never reached the .po files: msgfmt alone
# cannot, since it only sees what is already in a catalog.
set -u
src=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$src" || exit 1

# The keywords and flags of meson's 'glib' preset.
GETTEXTDATADIRS="$src/po" xgettext --files-from=po/POTFILES.in --directory="$src" \
	--output="$tmp/sources.pot" --from-code=UTF-8 --add-comments=Translators: \
	--keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
	--keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
	--flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
	--flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
	--flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
	--flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
	|| { echo "not ok 1 - xgettext failed"; echo "1..1"; exit 1; }

n=1
fail=0
# A source with translatable strings that POTFILES.in does not list would
# never be extracted at all.
missing=$(grep -rlE '(^|[^A-Za-z0-9_])(N?_|C_|NC_)\("|translatable="yes"' app ui \
	| sort | comm -23 - "$(sed 's/#.*//' po/POTFILES.in | sort > "$tmp/listed"; echo "$tmp/listed")")
if [ -z "$missing" ]; then
	echo "ok 1 - po/POTFILES.in lists every source with translatable strings"
else
	echo "not ok 1 - po/POTFILES.in does not list:"
	echo "$missing" | sed 's/^/# /'
	fail=1
fi
for lang in $(sed 's/#.*//' po/LINGUAS); do
	n=$((n + 1))
	# Untranslated and fuzzy entries count as missing.
	if msgcmp "po/$lang.po" "$tmp/sources.pot" >"$tmp/$lang.log" 2>&1; then
		echo "ok $n - po/$lang.po translates every string of the sources"
	else
		echo "not ok $n - po/$lang.po misses strings of the sources:"
		sed 's/^/# /' "$tmp/$lang.log" | head -n 40
		fail=1
	fi
done
echo "1..$n"
exit $fail
