#!/usr/bin/env bash
# Docker Compose v2, so the image's end-to-end test starts compose.yaml with the same `docker compose up -d`
# the README gives. Debian bookworm ships only the old Python docker-compose 1.29; trixie's docker-compose
# package is Compose 2.26, a static Go binary that runs here. It is unpacked under /opt, never over the
# system's packages, and offered to the docker CLI as a plugin through a DOCKER_CONFIG directory of its own.
# Prints that directory: DOCKER_CONFIG=$(bash scripts/compose.sh) docker compose version
# Safe to run again; it only does what is missing.
set -euo pipefail

VERSION=2.26
DIR="${PORTOLAN_COMPOSE_DIR:-/opt/portolan/compose-$VERSION}"
PLUGIN="$DIR/usr/libexec/docker/cli-plugins/docker-compose"
CONFIG="$DIR/docker-config"

log() { printf 'compose: %s\n' "$*" >&2; }
works() { DOCKER_CONFIG="$CONFIG" docker compose version 2>/dev/null | grep -q "version v\?$VERSION\."; }

if ! works; then
  [ "$(id -u)" = 0 ] || { log "not unpacked, and fetching it needs root (sudo bash scripts/compose.sh)"; exit 1; }
  rm -rf "$DIR.new"
  bash "$(dirname "$0")/trixie-debs.sh" "$DIR.new" docker-compose
  "$DIR.new/usr/libexec/docker/cli-plugins/docker-compose" version | grep -q "version v\?$VERSION\." ||
    { log "trixie now ships $("$DIR.new/usr/libexec/docker/cli-plugins/docker-compose" version), not $VERSION"; exit 1; }
  mkdir -p "$DIR.new/docker-config/cli-plugins"
  ln -s "$PLUGIN" "$DIR.new/docker-config/cli-plugins/docker-compose"
  rm -rf "$DIR"
  mv "$DIR.new" "$DIR"
  works || { log "docker compose does not run with DOCKER_CONFIG=$CONFIG"; exit 1; }
fi
echo "$CONFIG"
