# The Redrive container image: Next.js standalone output on the official Node 24 image (BASE_IMAGE), run as the
# unprivileged `node` user. Nothing is fetched at start; the root filesystem may be read-only: the embedded store
# (PGlite) lives in /data (REDRIVE_DATA_DIR) and Next's cache in /tmp, the only paths that must be writable (a volume
# or an emptyDir/tmpfs each). With DATABASE_URL set, the store is PostgreSQL and /data stays empty.
#   docker build -t redrive .       (or: bash scripts/image/build.sh, without a Docker engine)
#   docker run --read-only --tmpfs /tmp -v redrive-data:/data -p 3000:3000 -e KAFKA_BROKERS=… -e REDRIVE_ADMIN_PASSWORD=… redrive
ARG BASE_IMAGE=node:24-bookworm-slim

# Build: every dependency (the build needs the dev ones), the kafkajs patch from postinstall, then `next build`.
FROM ${BASE_IMAGE} AS build
WORKDIR /src
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json .npmrc ./
COPY scripts/patch-kafkajs.mjs scripts/
# npm 11 can write a lock file that leaves out other platforms' optional binaries and then refuse it in `npm ci`
# (npm/cli#8320); `npm install` honours the same locked versions and fills the gap (as .ci/run does).
# A network that inspects TLS passes its CA as the build secret npm_ca (scripts/image/build.sh does); it stays out
# of the image.
RUN --mount=type=secret,id=npm_ca \
    if [ -s /run/secrets/npm_ca ]; then export NODE_EXTRA_CA_CERTS=/run/secrets/npm_ca; fi; \
    npm ci --no-audit --no-fund || npm install --no-audit --no-fund
COPY . .
RUN REDRIVE_STANDALONE=1 npx next build

# Run: the standalone server with only the files it traced (patched kafkajs included), the static assets, and the
# SQL migrations the store applies at start (read from lib/store/migrations under the working directory).
FROM ${BASE_IMAGE}
# tini as PID 1: it passes SIGTERM on to node (a PID 1 with no handler of its own ignores it) and reaps children.
RUN apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends tini >/dev/null \
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOSTNAME=0.0.0.0 \
    REDRIVE_DATA_DIR=/data
COPY --from=build --chown=root:root /src/.next/standalone ./
COPY --from=build --chown=root:root /src/.next/static ./.next/static
COPY --from=build --chown=root:root /src/lib/store/migrations ./lib/store/migrations
# The app's files stay root-owned and read-only to the process; Next's runtime cache goes to /tmp.
RUN rm -rf .next/cache && ln -s /tmp/next-cache .next/cache \
 && mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Exec form, no shell in between: tini forwards SIGTERM to node and exits with node's status.
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "server.js"]
