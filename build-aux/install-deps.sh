#!/bin/sh
# Installs everything the VITA intake assistant needs on a fresh Debian 12
# (bookworm) machine.  Idempotent: a second run only checks.
#
# SQLCipher 4.x comes from bookworm-backports: bookworm itself ships 3.4.1,
# whose defaults (SHA1 KDF, 1 KiB pages) we do not accept for taxpayer data.
set -eu

if [ "$(id -u)" -ne 0 ]; then
	SUDO=sudo
else
	SUDO=
fi

STAMP=/var/lib/vita-intake-deps.stamp
PKGS="build-essential meson ninja-build pkg-config gettext appstream \
  libglib2.0-dev libglib2.0-bin libgtk-4-dev libadwaita-1-dev libnotify-dev \
  libsodium-dev libpwquality-dev libpoppler-glib-dev libqpdf-dev fonts-urw-base35 libpango1.0-dev libcairo2-dev \
  libsqlite3-dev sqlite3 \
  fonts-noto-cjk fonts-noto-core fonts-dejavu-core \
  xvfb xauth x11-utils bc dbus dbus-x11 at-spi2-core imagemagick poppler-utils \
  python3-dbusmock locales libgtk-4-doc libadwaita-1-doc desktop-file-utils"

# sqlcipher.pc reports the bundled SQLite version, not SQLCipher's, so ask dpkg.
sqlcipher_major=$(dpkg-query -W -f='${Version}' libsqlcipher-dev 2>/dev/null | cut -c1)
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$PKGS" ] && [ "$sqlcipher_major" = 4 ]; then
	exit 0
fi

if ! grep -rqs 'bookworm-backports' /etc/apt/sources.list /etc/apt/sources.list.d/; then
	echo "deb http://deb.debian.org/debian bookworm-backports main" \
		| $SUDO tee /etc/apt/sources.list.d/bookworm-backports.list >/dev/null
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q -o Acquire::Retries=3 || true
# shellcheck disable=SC2086
$SUDO apt-get install -y -q --no-install-recommends $PKGS
$SUDO apt-get install -y -q --no-install-recommends -t bookworm-backports \
	libsqlcipher-dev sqlcipher

# Locales so the app can be run (and screenshotted) in each member language.
for l in en_US ko_KR es_US es_ES ht_HT; do
	if ! grep -q "^$l.UTF-8 UTF-8" /etc/locale.gen 2>/dev/null; then
		echo "$l.UTF-8 UTF-8" | $SUDO tee -a /etc/locale.gen >/dev/null
	fi
done
$SUDO locale-gen >/dev/null 2>&1 || true

echo "$PKGS" | $SUDO tee "$STAMP" >/dev/null
