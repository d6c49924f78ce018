#!/usr/bin/env bash
# Install the Debian packages listed in .ci/debian-packages.txt that are missing (`make sysdeps`).
# Quiet and quick when they are all there; `apt-get update` only runs when an install needs it.
set -euo pipefail
cd "$(dirname "$0")/.."
list=.ci/debian-packages.txt
wanted=$(sed -e 's/#.*//' "$list" | tr -s '[:space:]' ' ')
if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
    echo "sysdeps: not a Debian-based system; install the equivalents of:$wanted" >&2
    exit 0
fi
missing=""
for package in $wanted; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed"; then
        missing="$missing $package"
    fi
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
    sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo=(sudo -n)
else
    echo "sysdeps: missing Debian packages:$missing" >&2
    echo "sysdeps: install them with: sudo apt-get install$missing" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
echo "sysdeps: installing$missing"
# shellcheck disable=SC2086  # one word per package
if ! ${sudo[@]+"${sudo[@]}"} apt-get install -y --no-install-recommends $missing; then
    # A fresh image has no package lists yet: fetch them once, then install.
    ${sudo[@]+"${sudo[@]}"} apt-get update
    ${sudo[@]+"${sudo[@]}"} apt-get install -y --no-install-recommends $missing
fi
