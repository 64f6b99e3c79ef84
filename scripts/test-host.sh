#!/usr/bin/env bash
# Prepares this machine to run Portolan's tests: a Docker Engine that answers,
# the local busybox test image, and a second engine, Docker 26.1 (engine-26.sh).
# Safe to run again; it only does what is missing.
set -euo pipefail

TEST_IMAGE="${PORTOLAN_TEST_IMAGE:-portolan/busybox:test}"

log() { printf 'test-host: %s\n' "$*" >&2; }

need_packages=()
command -v dockerd >/dev/null 2>&1 || need_packages+=(docker.io)
[ -x /bin/busybox ] || need_packages+=(busybox-static)
[ -x /usr/bin/chromium ] || need_packages+=(chromium)
command -v ip >/dev/null 2>&1 || need_packages+=(iproute2)

if [ "${#need_packages[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "installing ${need_packages[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_packages[@]}" >/dev/null
  else
    log "missing ${need_packages[*]}: install them (Debian: apt-get install ${need_packages[*]})"
    exit 1
  fi
fi

if ! docker info >/dev/null 2>&1; then
  if [ -n "${DOCKER_HOST:-}" ]; then
    log "DOCKER_HOST=$DOCKER_HOST does not answer; start that engine or unset DOCKER_HOST"
    exit 1
  fi
  [ "$(id -u)" = 0 ] || { log "no Docker daemon answers and starting one needs root"; exit 1; }
  log "starting dockerd"
  nohup dockerd >/var/log/portolan-dockerd.log 2>&1 &
  for _ in $(seq 1 60); do
    docker info >/dev/null 2>&1 && break
    sleep 0.5
  done
  docker info >/dev/null 2>&1 || { log "dockerd did not answer in 30 s; see /var/log/portolan-dockerd.log"; tail -20 /var/log/portolan-dockerd.log >&2; exit 1; }
fi

if ! docker image inspect "$TEST_IMAGE" >/dev/null 2>&1; then
  # No registry is reachable: the test image is a root file system holding
  # busybox and its applet links, imported as an image.
  log "building $TEST_IMAGE from /bin/busybox"
  rootfs=$(mktemp -d)
  trap 'rm -rf "$rootfs"' EXIT
  mkdir -p "$rootfs/bin" "$rootfs/tmp" "$rootfs/etc" "$rootfs/var/www"
  cp /bin/busybox "$rootfs/bin/busybox"
  for applet in $(/bin/busybox --list); do
    [ "$applet" = busybox ] || ln -s busybox "$rootfs/bin/$applet"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$rootfs/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$rootfs/etc/group"
  echo '<h1>Portolan test web</h1>' >"$rootfs/var/www/index.html"
  tar -C "$rootfs" -c . | docker import -c 'CMD ["/bin/sh"]' -c 'ENV PATH=/bin' - "$TEST_IMAGE" >/dev/null
fi
log "ready: $(docker version --format 'Docker {{.Server.Version}} (API {{.Server.APIVersion}})'), image $TEST_IMAGE"

# The integration suite and a smoke end-to-end run again against Docker 26.1,
# the engine most people run today, beside this one.
bash "$(dirname "$0")/engine-26.sh" >/dev/null || log "Docker 26.1 is not ready: npm test counts its suites as failed"
