#!/usr/bin/env bash
# Downloads Debian trixie's packages into a directory and unpacks them there, never over the system's
# own: a private apt configuration names trixie on the mirror this machine already uses, so the system's
# sources and package state stay as they are. Used by engine-26.sh (Docker 26.1) and compose.sh.
#   scripts/trixie-debs.sh DIR PACKAGE...   (root: apt-get update writes its private lists)
set -euo pipefail

dest=$1
shift
mirror=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null |
  grep -E '^(URIs:|deb )' | grep -oE 'https?://[^ ]+/debian/?( |$)' | head -1 | tr -d ' ' || true)
mirror=${mirror:-http://deb.debian.org/debian}
apt_dir=$(mktemp -d)
trap 'rm -rf "$apt_dir"' EXIT
mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$apt_dir/debs"
echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] ${mirror%/} trixie main" >"$apt_dir/sources.list"
apt_opts=(-q -o "Dir::Etc::sourcelist=$apt_dir/sources.list" -o Dir::Etc::sourceparts=- -o "Dir::State::Lists=$apt_dir/lists"
  -o "Dir::Cache=$apt_dir/cache" -o APT::Sandbox::User=root)
# A snapshot mirror serves a Release file whose validity has lapsed by design.
case "$mirror" in *snapshot.debian.org*) apt_opts+=(-o Acquire::Check-Valid-Until=false) ;; esac
printf 'trixie-debs: fetching %s from %s\n' "$*" "${mirror%/}" >&2
apt-get "${apt_opts[@]}" update >/dev/null
(cd "$apt_dir/debs" && apt-get "${apt_opts[@]}" download "${@/%//trixie}" >/dev/null)
mkdir -p "$dest"
for deb in "$apt_dir"/debs/*.deb; do dpkg-deb -x "$deb" "$dest"; done
