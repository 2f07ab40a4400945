#!/usr/bin/env bash
# From the PyInstaller folder dist/sijil, build the Linux installers beside it:
#   dist/sijil_VERSION_ARCH.deb          installs to /opt/sijil, /usr/bin/sijil and sijil-cli,
#                                        a menu entry and its icon
#   dist/sijil-VERSION-linux-ARCH.tar.gz the same folder to unpack anywhere, with the menu
#                                        entry and icon beside it
#   dist/SHA256SUMS                      checksums of both, for `sha256sum -c SHA256SUMS`
# Usage: packaging/linux_packages.sh [DIST_DIR]   (run by `make package`)
# DEB_COMPRESSION: dpkg-deb's compressor options; the default xz takes minutes here for
# 80 MB, "-Zgzip" takes seconds for 105 MB (CI uses it: the contents are the same).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DIST="$(cd "${1:-$ROOT/dist}" && pwd)"
BUNDLE="$DIST/sijil"
[ -x "$BUNDLE/sijil" ] || { echo "no bundle in $BUNDLE: run PyInstaller first" >&2; exit 1; }

VERSION="$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$ROOT/app/__init__.py")"
ARCH="$(dpkg --print-architecture 2>/dev/null || uname -m)"
# Files dated by the last commit, owned by root: the same sources give the same archives.
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git -C "$ROOT" log -1 --format=%ct 2>/dev/null || date +%s)}"
rm -f "$DIST"/sijil_*.deb "$DIST"/sijil-*.tar.gz "$DIST/SHA256SUMS"
STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT

install_desktop_files() {  # $1: a /usr/share-like folder
    install -D -m 644 "$ROOT/packaging/sijil.desktop" "$1/applications/sijil.desktop"
    install -D -m 644 "$ROOT/packaging/icons/sijil.svg" "$1/icons/hicolor/scalable/apps/sijil.svg"
    install -D -m 644 "$ROOT/packaging/icons/sijil.png" "$1/icons/hicolor/256x256/apps/sijil.png"
}

# .deb ---------------------------------------------------------------------------------------
DEB="$STAGE/deb"
mkdir -p "$DEB/opt" "$DEB/usr/bin" "$DEB/DEBIAN"
cp -a "$BUNDLE" "$DEB/opt/sijil"
# Relative links, so the package also works unpacked somewhere else (dpkg-deb -x).
ln -s ../../opt/sijil/sijil "$DEB/usr/bin/sijil"
ln -s ../../opt/sijil/sijil-cli "$DEB/usr/bin/sijil-cli"
install_desktop_files "$DEB/usr/share"
install -D -m 644 "$ROOT/packaging/copyright" "$DEB/usr/share/doc/sijil/copyright"
SIZE_KB="$(du -sk --exclude=DEBIAN "$DEB" | cut -f1)"
# The bundle carries Qt, Python and every Python library; what it takes from the system is
# the C library, the graphics stack and, for a real window, X or Wayland client libraries.
cat > "$DEB/DEBIAN/control" <<CONTROL
Package: sijil
Version: $VERSION
Architecture: $ARCH
Maintainer: Sijil developers <sijil@localhost>
Installed-Size: $SIZE_KB
Section: utils
Priority: optional
Depends: libc6 (>= 2.31), libgl1, libegl1, libfontconfig1, libfreetype6, libxkbcommon0, libdbus-1-3,
 libglib2.0-0t64 | libglib2.0-0, libx11-xcb1, libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1,
 libxcb-image0, libxcb-render-util0, libxcb-xkb1, libxcb-shape0, libxkbcommon-x11-0
Recommends: tesseract-ocr, libwayland-cursor0, libwayland-egl1
Suggests: tesseract-ocr-ara, tesseract-ocr-fas, tesseract-ocr-tur, tesseract-ocr-fra, tesseract-ocr-spa
Description: offline, encrypted safety journal for women human rights defenders
 Sijil keeps a private, encrypted record of online attacks: incidents, screenshots,
 the accounts behind them and the reports made to platforms. It writes redacted,
 signed dossiers for platforms, lawyers and UN Special Procedures, and verifies them.
 It never connects to the network. Text in pictures is read with tesseract, if
 installed.
CONTROL
find "$DEB" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
DEB_FILE="$DIST/sijil_${VERSION}_${ARCH}.deb"
# shellcheck disable=SC2086 # the options are words on purpose
dpkg-deb --root-owner-group ${DEB_COMPRESSION:--Zxz} --build "$DEB" "$DEB_FILE" >/dev/null

# .tar.gz ------------------------------------------------------------------------------------
NAME="sijil-$VERSION"
TREE="$STAGE/tar/$NAME"
mkdir -p "$STAGE/tar"
cp -a "$BUNDLE" "$TREE"
install_desktop_files "$TREE/share"
TAR_FILE="$DIST/$NAME-linux-$(uname -m).tar.gz"
tar -C "$STAGE/tar" --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" \
    -cf - "$NAME" | gzip -n -6 > "$TAR_FILE"

# checksums ----------------------------------------------------------------------------------
(cd "$DIST" && sha256sum "$(basename "$DEB_FILE")" "$(basename "$TAR_FILE")" > SHA256SUMS)
du -sh "$BUNDLE" "$DEB_FILE" "$TAR_FILE" | sed "s#$DIST/##"
