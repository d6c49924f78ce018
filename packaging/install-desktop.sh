#!/bin/sh
# Adds SkillShift to the desktop menu of the current user (run from the unpacked SkillShift folder).
# Nothing is copied but the menu entry and the icon; remove them with: install-desktop.sh --remove
set -eu
here=$(cd "$(dirname "$0")" && pwd)
apps="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
icons="${XDG_DATA_HOME:-$HOME/.local/share}/icons/hicolor/256x256/apps"
if [ "${1:-}" = "--remove" ]; then
    rm -f "$apps/skillshift.desktop" "$icons/skillshift.png"
    echo "SkillShift menu entry removed"
    exit 0
fi
test -x "$here/SkillShift" || { echo "run this script from the unpacked SkillShift folder" >&2; exit 1; }
mkdir -p "$apps" "$icons"
cp "$here/skillshift.png" "$icons/skillshift.png"
sed -e "s|^Exec=.*|Exec=\"$here/SkillShift\"|" -e "s|^Icon=.*|Icon=$icons/skillshift.png|" \
    -e '/^# install-desktop.sh/d' "$here/skillshift.desktop" > "$apps/skillshift.desktop"
chmod 644 "$apps/skillshift.desktop"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$apps" 2>/dev/null || true
echo "SkillShift added to the menu: $apps/skillshift.desktop"
