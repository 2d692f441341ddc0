#!/bin/sh
# Sets up (first run), builds and launches the app on its default store:
# an encrypted SQLCipher file in the user's data folder
# (~/.local/share/vita-intake/site.vita), created on first run.
set -eu
cd "$(dirname "$0")/.."

sh build-aux/install-deps.sh
BUILD=${VITA_BUILD_DIR:-_build}
if [ ! -f "$BUILD/build.ninja" ]; then
	meson setup "$BUILD"
fi
meson compile -C "$BUILD"
GSETTINGS_SCHEMA_DIR="$BUILD/data" exec "$BUILD/app/gui/vita-intake" "$@"
