# Portolan's image: built on Node 24 LTS, run on scratch with node and its libraries only, Next's standalone build (only
# the files its tracing says the pages need) and the custom server bundled into one file, as the unprivileged user
# `node`. Build: npm run image (scripts/image.sh).

# Dependencies, development ones included: the build needs Next, TypeScript, Tailwind and esbuild.
FROM node:24.22.3-bookworm-slim AS deps
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# The pages (next build, standalone output) and the server (esbuild, with its dependencies inside; Next stays apart).
FROM deps AS build
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1 PORTOLAN_STANDALONE=1
RUN npx next build && npm run --silent build:server

# The runtime's root file system: node, the C and C++ libraries it links, and the user it runs as. Nothing else:
# no shell, no npm, no package manager, so nothing in the image runs but Portolan, and its size is node's and ours.
FROM node:24.22.3-bookworm-slim AS root
RUN set -e; \
    lib="/lib/$(uname -m)-linux-gnu"; \
    mkdir -p /rootfs/usr/local/bin "/rootfs$lib" /rootfs/etc /rootfs/tmp /rootfs/home/node; \
    cp /usr/local/bin/node /rootfs/usr/local/bin/node; \
    for so in libc.so.6 libm.so.6 libdl.so.2 libpthread.so.0 librt.so.1 libgcc_s.so.1 libstdc++.so.6; do cp -L "$lib/$so" "/rootfs$lib/$so"; done; \
    for ld in /lib64/ld-linux-*.so.* /lib/ld-linux-*.so.*; do [ -e "$ld" ] && mkdir -p "/rootfs${ld%/*}" && cp -L "$ld" "/rootfs$ld"; done; \
    printf 'root:x:0:0:root:/root:/nonexistent\nnode:x:1000:1000::/home/node:/nonexistent\n' >/rootfs/etc/passwd; \
    printf 'root:x:0:\nnode:x:1000:\n' >/rootfs/etc/group; \
    chmod 1777 /rootfs/tmp; \
    chown 1000:1000 /rootfs/home/node

# What runs: that root, the bundle, Next's traced node_modules and the built pages. No npm ci, no development files.
FROM scratch
COPY --from=root /rootfs /
WORKDIR /app
ENV PATH=/usr/local/bin NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOST=0.0.0.0
COPY --from=build /src/.next/standalone/node_modules ./node_modules
COPY --from=build /src/.next/standalone/.next ./.next
COPY --from=build /src/.next/static ./.next/static
COPY --from=build /src/public ./public
COPY --from=build /src/lessons ./lessons
COPY --from=build /src/package.json ./
COPY --from=build /src/dist/server ./server
# Root owns every file; `node` only reads them (the root file system is read-only when run as compose.yaml says).
USER node
EXPOSE 3000
# Docker's default stop signal, named: Portolan closes its viewers and the Engine's event stream on it, then exits.
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=10s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:3000/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "server/index.mjs"]
