#!/usr/bin/env bash
# A second test engine: Docker 26.1, Debian trixie's docker.io, beside the
# system's Docker 20.10. Its binaries are unpacked under /opt (never over the
# system's packages), and its dockerd and containerd run in a network namespace
# of their own, so its bridges, iptables rules and published ports stay there.
# Safe to run again; it only does what is missing.
#   scripts/engine-26.sh        prepare and start it (root); prints DOCKER_HOST=… and NETNS=…
#   scripts/engine-26.sh stop   stop the daemons this script started
set -euo pipefail

VERSION=26.1
DIR="${PORTOLAN_ENGINE26_DIR:-/opt/portolan-engines/$VERSION}"
DATA=/var/lib/portolan-engines/$VERSION
RUN=/run/portolan-engines/$VERSION
NETNS=ptl-docker-26-1
SOCKET=$RUN/docker.sock
LOG=/var/log/portolan-docker-$VERSION.log
TEST_IMAGE="${PORTOLAN_TEST_IMAGE:-portolan/busybox:test}"
REGISTRY_IMAGE="${PORTOLAN_REGISTRY_IMAGE:-portolan/registry:test}"
# The engine test-host.sh prepared, which holds the test image.
SOURCE_HOST="${DOCKER_HOST:-}"
export DOCKER_HOST="unix://$SOCKET"

log() { printf 'engine-%s: %s\n' "$VERSION" "$*" >&2; }
answers() { docker info >/dev/null 2>&1; }
running() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

if [ "${1:-}" = stop ]; then
  for pidfile in "$RUN/dockerd.pid" "$RUN/containerd.pid"; do
    if running "$pidfile"; then
      pid=$(cat "$pidfile")
      kill "$pid"
      for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    fi
  done
  exit 0
fi

where() { printf 'DOCKER_HOST=%s\nNETNS=%s\n' "$DOCKER_HOST" "$NETNS"; }

if answers && docker image inspect "$TEST_IMAGE" "$REGISTRY_IMAGE" >/dev/null 2>&1; then
  where
  exit 0
fi
[ "$(id -u)" = 0 ] || { log "not running, and starting it needs root (sudo bash scripts/engine-26.sh)"; exit 1; }

if [ ! -x "$DIR/usr/sbin/dockerd" ] || [ ! -x "$DIR/usr/bin/containerd" ]; then
  rm -rf "$DIR.new"
  bash "$(dirname "$0")/trixie-debs.sh" "$DIR.new" docker.io containerd
  "$DIR.new/usr/sbin/dockerd" --version | grep -q "version $VERSION\." ||
    { log "trixie now ships $("$DIR.new/usr/sbin/dockerd" --version), not $VERSION"; exit 1; }
  rm -rf "$DIR"
  mv "$DIR.new" "$DIR"
fi

if ! answers; then
  mkdir -p "$DATA" "$RUN/containerd"
  if [ ! -e "/run/netns/$NETNS" ]; then
    ip netns add "$NETNS"
    ip -n "$NETNS" link set lo up
  fi
  # Its own binaries first (docker-proxy, the containerd shim); runc and
  # iptables are the system's.
  path="$DIR/usr/sbin:$DIR/usr/bin:$PATH"
  # `ip netns exec` would remount /sys and break the daemons' cgroups; nsenter only switches the network.
  in_netns=(nsenter "--net=/run/netns/$NETNS" env "PATH=$path")
  if ! running "$RUN/containerd.pid"; then
    # A containerd of its own, so it never shares the system containerd's state or `moby` namespace.
    cat >"$RUN/containerd.toml" <<EOF
version = 2
root = "$DATA/containerd"
state = "$RUN/containerd"
disabled_plugins = ["io.containerd.grpc.v1.cri"]
[grpc]
  address = "$RUN/containerd/containerd.sock"
[plugins."io.containerd.internal.v1.opt"]
  path = "$DATA/containerd-opt"
EOF
    log "starting containerd $("$DIR/usr/bin/containerd" --version | awk '{print $3}') in network namespace $NETNS"
    setsid "${in_netns[@]}" containerd --config "$RUN/containerd.toml" >>"$LOG" 2>&1 </dev/null &
    echo $! >"$RUN/containerd.pid"
    for _ in $(seq 1 40); do [ -S "$RUN/containerd/containerd.sock" ] && break; sleep 0.25; done
  fi
  log "starting dockerd $VERSION in network namespace $NETNS on $DOCKER_HOST"
  setsid "${in_netns[@]}" dockerd --data-root "$DATA/docker" --exec-root "$RUN/exec" --pidfile "$RUN/dockerd.pid" \
    --containerd "$RUN/containerd/containerd.sock" -H "$DOCKER_HOST" >>"$LOG" 2>&1 </dev/null &
  for _ in $(seq 1 60); do answers && break; sleep 0.5; done
  answers || { log "dockerd did not answer in 30 s; see $LOG"; tail -20 "$LOG" >&2; exit 1; }
fi

for image in "$TEST_IMAGE" "$REGISTRY_IMAGE"; do
  if ! docker image inspect "$image" >/dev/null 2>&1; then
    log "loading $image from the system engine"
    DOCKER_HOST="$SOURCE_HOST" docker save "$image" | docker load >/dev/null
  fi
done
log "ready: $(docker version --format 'Docker {{.Server.Version}} (API {{.Server.APIVersion}})') in network namespace $NETNS"
where
