#!/usr/bin/env bash
# The deploy check, offline apart from the registries: `helm lint --strict` and `helm template` of the chart in
# deploy/helm/redrive for each ci/*-values.yaml (Helm itself, through helm-java from Maven Central: no registry CI
# reaches ships a helm binary), renders the chart must refuse (several replicas on PGlite, or without one session key), every rendered manifest
# validated against its Kubernetes schema and the chart's promises, and compose.yaml against the Compose schema and
# the README's Configuration table. Validators come from the npm registry into scripts/deploy-check/node_modules,
# installed on demand from its lockfile. Needs java (17+), mvn and node.
set -euo pipefail
cd "$(dirname "$0")/.."
here=scripts/deploy-check
chart=deploy/helm/redrive
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

# Validators: installed again only when the lockfile changed since the last install.
if ! cmp -s "$here/package-lock.json" "$here/node_modules/.deploy-check-lock" 2>/dev/null; then
  npm ci --prefix "$here" --no-audit --no-fund --ignore-scripts --loglevel=error
  cp "$here/package-lock.json" "$here/node_modules/.deploy-check-lock"
fi

# helm-java's classpath (Maven resolves it once into ~/.m2; later runs work offline).
mvn -B -q -f "$here/pom.xml" dependency:build-classpath -Dmdep.outputFile="$out/classpath" ||
  mvn -B -q -o -f "$here/pom.xml" dependency:build-classpath -Dmdep.outputFile="$out/classpath"

values=()
for file in "$chart"/ci/*-values.yaml; do values+=("$file"); done
java -cp "$(cat "$out/classpath")" "$here/HelmCheck.java" "$chart" "$out/rendered" "${values[@]}" \
  --must-fail "$chart/ci/fails-replicas-without-database.yaml" "the embedded PGlite store serves one process only" \
  --must-fail "$chart/ci/fails-replicas-without-auth-secret.yaml" "every replica must sign sessions with the same REDRIVE_AUTH_SECRET"

node "$here/validate.mjs" --chart "$chart/Chart.yaml" --manifests "$out"/rendered/*.yaml --compose compose.yaml --readme README.md
echo "deploy check: ok"
