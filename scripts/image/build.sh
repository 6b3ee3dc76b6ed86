#!/usr/bin/env bash
# Builds the container image without a Docker engine or a registry: Debian's buildah with chroot isolation.
# No registry is reachable from CI, so the base image (the Dockerfile's BASE_IMAGE, by default the official
# node:24-bookworm-slim) is made here once: a debootstrap minbase Debian bookworm root filesystem plus the Node 24
# binary from the npm registry's `node` package, committed as localhost/node:24-bookworm-slim and cached in buildah's
# storage (outside the checkout). Then the Dockerfile builds the app image on it.
#   bash scripts/image/build.sh            # base once, then localhost/redrive:dev
#   IMAGE=localhost/redrive:1.2 bash scripts/image/build.sh [--no-cache …more buildah bud options]
# --format docker keeps the HEALTHCHECK (OCI images have none). Needs root and Debian's buildah and debootstrap (installed here when missing).
set -euo pipefail
cd "$(dirname "$0")/../.."

IMAGE="${IMAGE:-localhost/redrive:dev}"
BASE_IMAGE="${BASE_IMAGE:-localhost/node:24-bookworm-slim}"
NODE_VERSION="${NODE_VERSION:-24}"
CACHE="${REDRIVE_IMAGE_CACHE:-$HOME/.cache/redrive-image}"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
export BUILDAH_ISOLATION=chroot

need() { command -v "$1" >/dev/null 2>&1 || missing+=("$2"); }
missing=()
need buildah buildah
need debootstrap debootstrap
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} from Debian…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

build_base() {
  local rootfs="$CACHE/rootfs-bookworm" nodepkg="$CACHE/node$NODE_VERSION"
  mkdir -p "$CACHE"
  if [ ! -x "$rootfs/bin/sh" ]; then
    echo "debootstrap: Debian bookworm minbase into $rootfs…"
    rm -rf "$rootfs.tmp"
    debootstrap --variant=minbase bookworm "$rootfs.tmp" "$MIRROR" >"$CACHE/debootstrap.log" 2>&1 ||
      { tail -n 20 "$CACHE/debootstrap.log" >&2; exit 1; }
    # What the official slim image also leaves out: apt lists, docs and man pages.
    rm -rf "$rootfs.tmp"/var/lib/apt/lists/* "$rootfs.tmp"/var/cache/apt/*.bin "$rootfs.tmp"/usr/share/doc/* "$rootfs.tmp"/usr/share/man/*
    mv "$rootfs.tmp" "$rootfs"
  fi
  if [ ! -x "$nodepkg/node_modules/node/bin/node" ]; then
    echo "Node $NODE_VERSION from the npm registry's node package…"
    npm install --no-audit --no-fund --silent --prefix "$nodepkg" "node@$NODE_VERSION"
  fi
  # The official image also carries npm (the build stage runs `npm ci`); the `node` package has only the binary.
  if [ ! -f "$CACHE/npm/node_modules/npm/package.json" ]; then
    npm install --no-audit --no-fund --silent --prefix "$CACHE/npm" "npm@${NPM_VERSION:-11}"
  fi
  local node_bin
  node_bin="$(readlink -f "$nodepkg/node_modules/node/bin/node")"
  # The official image's layout: node in /usr/local/bin, a `node` user with uid 1000, /home/node.
  local ctr
  ctr="$(buildah from scratch)"
  buildah copy --quiet "$ctr" "$rootfs" / >/dev/null
  buildah copy --quiet --chmod 0755 "$ctr" "$node_bin" /usr/local/bin/node >/dev/null
  buildah copy --quiet "$ctr" "$CACHE/npm/node_modules/npm" /usr/local/lib/node_modules/npm >/dev/null
  buildah run "$ctr" -- sh -c 'ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
    && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
    && groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node'
  buildah config --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin --env NODE_VERSION="$("$node_bin" -v | tr -d v)" \
    --cmd node "$ctr"
  buildah commit --quiet --rm "$ctr" "$BASE_IMAGE" >/dev/null
  echo "Base image $BASE_IMAGE: Node $("$node_bin" -v) on Debian bookworm."
}

if ! buildah inspect --type image "$BASE_IMAGE" >/dev/null 2>&1; then
  build_base
fi

# The CA bundle the host's Node trusts goes in as a build secret, for npm behind a TLS-inspecting proxy.
ca="${NODE_EXTRA_CA_CERTS:-/etc/ssl/certs/ca-certificates.crt}"
secret=()
[ -s "$ca" ] && secret=(--secret "id=npm_ca,src=$ca")
buildah bud --isolation chroot --format docker --layers "${secret[@]}" --build-arg BASE_IMAGE="$BASE_IMAGE" -t "$IMAGE" -f Dockerfile "$@" .
buildah images --format '{{.Name}}:{{.Tag}} {{.Size}}' "$IMAGE"
