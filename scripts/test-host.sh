#!/usr/bin/env bash
# Prepares this machine to run Portolan's tests: a Docker Engine that answers,
# the local busybox test image, a private registry's image (Debian's
# docker-registry, never run as a service on the host), a second engine,
# Docker 26.1 (engine-26.sh), Node 24 LTS (node24.sh) and Portolan's own image
# (image.sh), with Docker Compose v2 to run it (compose.sh).
# Safe to run again; it only does what is missing.
set -euo pipefail

TEST_IMAGE="${PORTOLAN_TEST_IMAGE:-portolan/busybox:test}"
REGISTRY_IMAGE="${PORTOLAN_REGISTRY_IMAGE:-portolan/registry:test}"

log() { printf 'test-host: %s\n' "$*" >&2; }

need_packages=()
command -v dockerd >/dev/null 2>&1 || need_packages+=(docker.io)
[ -x /bin/busybox ] || need_packages+=(busybox-static)
[ -x /usr/bin/chromium ] || need_packages+=(chromium)
command -v ip >/dev/null 2>&1 || need_packages+=(iproute2)
# The ssh and TLS engine tests: an sshd of their own on loopback, the ssh client Portolan runs, certificates.
[ -x /usr/sbin/sshd ] || need_packages+=(openssh-server)
command -v ssh >/dev/null 2>&1 || need_packages+=(openssh-client)
command -v openssl >/dev/null 2>&1 || need_packages+=(openssl)

if [ "${#need_packages[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "installing ${need_packages[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_packages[@]}" >/dev/null
    # The tests run an sshd of their own on loopback; the package's service, listening on port 22, is not wanted.
    if [[ " ${need_packages[*]} " == *" openssh-server "* ]] && command -v systemctl >/dev/null 2>&1; then
      systemctl disable --now ssh.service ssh.socket >/dev/null 2>&1 || true
    fi
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
if ! docker image inspect "$REGISTRY_IMAGE" >/dev/null 2>&1; then
  # Debian's registry server (distribution 2.8), unpacked from its package
  # rather than installed: no registry service runs on the host. The image
  # holds the binary, the C library it links and a config serving :5000 with
  # its storage in a volume, as the course's registry:2 does.
  log "building $REGISTRY_IMAGE from Debian's docker-registry"
  work=$(mktemp -d)
  trap 'rm -rf "${rootfs:-}" "$work"' EXIT
  if ! (cd "$work" && apt-get download docker-registry >/dev/null 2>&1); then
    [ "$(id -u)" = 0 ] || { log "apt-get download docker-registry failed: run this as root, so that apt-get update can run first"; exit 1; }
    apt-get update -qq
    (cd "$work" && apt-get download docker-registry >/dev/null 2>&1)
  fi
  dpkg-deb -x "$work"/docker-registry_*.deb "$work/deb"
  image="$work/image"
  mkdir -p "$image/bin" "$image/etc/docker/registry" "$image/var/lib/registry" "$image/tmp"
  cp "$work/deb/usr/bin/docker-registry" "$image/bin/registry"
  # A dynamic binary: each library ldd names, and the loader, at the paths it asks for.
  for lib in $(ldd "$image/bin/registry" | grep -oE '/[^ ]+'); do
    mkdir -p "$image$(dirname "$lib")"
    cp -L "$lib" "$image$lib"
  done
  cat >"$image/etc/docker/registry/config.yml" <<'CONFIG'
version: 0.1
log:
  fields:
    service: registry
storage:
  cache:
    blobdescriptor: inmemory
  filesystem:
    rootdirectory: /var/lib/registry
  delete:
    enabled: true
http:
  addr: :5000
  headers:
    X-Content-Type-Options: [nosniff]
CONFIG
  tar -C "$image" -c . | docker import -c 'ENTRYPOINT ["/bin/registry", "serve"]' -c 'CMD ["/etc/docker/registry/config.yml"]' \
    -c 'EXPOSE 5000' -c 'VOLUME ["/var/lib/registry"]' - "$REGISTRY_IMAGE" >/dev/null
fi
log "ready: $(docker version --format 'Docker {{.Server.Version}} (API {{.Server.APIVersion}})'), images $TEST_IMAGE and $REGISTRY_IMAGE"

# The integration suite and a smoke end-to-end run again against Docker 26.1,
# the engine most people run today, beside this one.
bash "$(dirname "$0")/engine-26.sh" >/dev/null || log "Docker 26.1 is not ready: npm test counts its suites as failed"

# Node 24 LTS beside the machine's Node: npm test runs the unit and integration suites on it too.
bash "$(dirname "$0")/node24.sh" >/dev/null || log "Node 24 is not unpacked: npm test counts its suite as failed"

# Portolan's own image, portolan:<version> and :latest, on its base made from local parts; rebuilt only when its sources changed.
bash "$(dirname "$0")/image.sh" >/dev/null || log "Portolan's image did not build: npm test counts its suite as failed"

# Docker Compose v2 for the image's end-to-end test, which runs compose.yaml with `docker compose up -d`.
bash "$(dirname "$0")/compose.sh" >/dev/null || log "Docker Compose is not unpacked: npm test counts the image's suite as failed"
