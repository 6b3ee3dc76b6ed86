#!/usr/bin/env bash
# Gets a Node.js release line from the npm registry, for machines whose packages offer an older Node (Debian
# bookworm has 18/20; Redrive supports 22 and 24, see "engines" in package.json). The registry's `node` package
# carries the official Linux/macOS binaries; it is installed once under ~/.cache/redrive-node<major> (outside the
# checkout) and the directory holding its `node` is printed, to put first on PATH:
#   export PATH="$(bash scripts/node-version.sh 24):$PATH"    # then node -v, npm ci, npm test… run on Node 24
# The machine's npm runs on whichever node is first on PATH. Without this script: `npx -y node@24 <script>`
# runs one script on Node 24.
set -euo pipefail
major="${1:-24}"
case "$major" in 22 | 24) ;; *) echo "usage: $0 22|24 (the Node lines Redrive supports)" >&2; exit 2 ;; esac
prefix="${REDRIVE_NODE_CACHE:-$HOME/.cache}/redrive-node$major"
bin="$prefix/node_modules/node/bin"
if [ ! -x "$bin/node" ] || [ "$("$bin/node" -p 'process.versions.node.split(".")[0]' 2>/dev/null)" != "$major" ]; then
  mkdir -p "$prefix"
  npm install --prefix "$prefix" --no-audit --no-fund --silent "node@$major" >&2
fi
"$bin/node" -v >/dev/null
echo "$bin"
