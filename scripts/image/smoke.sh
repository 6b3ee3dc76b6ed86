#!/usr/bin/env bash
# Starts the built image's command against the local broker and checks /api/health, /api/ready and a sign-in as the
# admin that REDRIVE_ADMIN_PASSWORD creates. Read-only root filesystem, writable /data and /tmp only, the image's
# own user (uid 1000), the host's network (the broker on 127.0.0.1:9092).
# With podman that can run containers here: `podman run --read-only --tmpfs …`. Otherwise (a sandbox without
# cgroups or a runtime) the image's root filesystem is mounted with buildah, bind-mounted read-only in a private
# mount namespace, and its ENTRYPOINT and CMD run there with chroot as uid 1000, with the image's environment and working dir.
#   bash scripts/image/smoke.sh [image]     (default localhost/redrive:dev; PORT, KAFKA_BROKERS may be set)
set -euo pipefail
cd "$(dirname "$0")/../.."
IMAGE="${1:-${IMAGE:-localhost/redrive:dev}}"
PORT="${SMOKE_PORT:-3650}"
BROKERS="${KAFKA_BROKERS:-127.0.0.1:9092}"
PASSWORD="smoke-admin-password-$RANDOM"
base="http://127.0.0.1:$PORT"
work="$(mktemp -d /tmp/redrive-smoke.XXXXXX)"
log="$work/server.log"
pid=""
ctr=""
init=""
started_kafka=0
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "${init:-$pid}" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  [ -n "$ctr" ] && buildah rm "$ctr" >/dev/null 2>&1
  [ "$started_kafka" = 1 ] && bash scripts/kafka/stop.sh >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT

fail() {
  echo "smoke: $*" >&2
  echo "--- server output ---" >&2
  tail -n 60 "$log" >&2 || true
  exit 1
}

app_env=(PORT="$PORT" KAFKA_BROKERS="$BROKERS" REDRIVE_ADMIN_PASSWORD="$PASSWORD" REDRIVE_INDEXER_GROUP="redrive-smoke-$$" LOG_LEVEL=info)

start_podman() {
  local args=(--rm --network host --read-only --tmpfs /tmp:rw,size=64m --tmpfs /data:rw,size=256m,uid=1000,gid=1000)
  for kv in "${app_env[@]}"; do args+=(-e "$kv"); done
  podman --cgroup-manager=cgroupfs run "${args[@]}" "$IMAGE" >"$log" 2>&1 &
  pid=$!
}

start_chroot() {
  ctr="$(buildah from --pull-never "$IMAGE")"
  local root cmd workdir user
  root="$(buildah mount "$ctr")"
  workdir="$(buildah inspect --format '{{.OCIv1.Config.WorkingDir}}' "$ctr")"
  user="$(buildah inspect --format '{{.OCIv1.Config.User}}' "$ctr")"
  cmd="$(buildah inspect --format '{{range .OCIv1.Config.Entrypoint}}{{printf "%q " .}}{{end}}{{range .OCIv1.Config.Cmd}}{{printf "%q " .}}{{end}}' "$ctr")"
  mapfile -t image_env < <(buildah inspect --format '{{range .OCIv1.Config.Env}}{{println .}}{{end}}' "$ctr" | sed '/^$/d')
  uid="$(chroot "$root" id -u "$user")"
  gid="$(chroot "$root" id -g "$user")"
  mkdir -p "$work/rootfs"
  # Private mount and PID namespaces: the image's root read-only, /data and /tmp as tmpfs, /dev from the host, and
  # the entrypoint as PID 1, as in a container (a PID 1 ignores signals it has no handler for).
  unshare --mount --pid --fork --propagation private -- bash -c '
    set -e
    root="$1" ro="$2" uid="$3" gid="$4" workdir="$5" cmd="$6"; shift 6
    mount --bind "$root" "$ro" && mount -o remount,bind,ro "$ro"
    mount -t tmpfs -o size=256m,uid=$uid,gid=$gid tmpfs "$ro/data"
    mount -t tmpfs -o size=64m,mode=1777 tmpfs "$ro/tmp"
    mount -t proc proc "$ro/proc"
    mount --rbind /dev "$ro/dev"
    exec chroot --userspec="$uid:$gid" "$ro" /usr/bin/env -i "$@" HOME=/home/node sh -c "cd $workdir && exec $cmd"
  ' smoke "$root" "$work/rootfs" "$uid" "$gid" "$workdir" "$cmd" "${image_env[@]}" "${app_env[@]}" >"$log" 2>&1 &
  pid=$!
  # SIGTERM goes to the namespace's PID 1 (unshare itself does not pass signals on).
  for _ in $(seq 1 50); do
    init="$(pgrep -P "$pid" | head -n 1 || true)"
    [ -n "$init" ] && break
    sleep 0.1
  done
}

# The local broker, started (and stopped again afterwards) when none answers and no other was named.
if [ -z "${KAFKA_BROKERS:-}" ] && ! bash scripts/kafka/status.sh >/dev/null 2>&1; then
  bash scripts/kafka/start.sh
  started_kafka=1
fi

mode="${SMOKE_MODE:-}"
if [ -z "$mode" ]; then
  if podman --cgroup-manager=cgroupfs run --rm --network host --read-only "$IMAGE" node -e 0 >/dev/null 2>&1; then
    mode=podman
  else
    mode=chroot
  fi
fi
echo "smoke: starting $IMAGE ($mode) on port $PORT against $BROKERS"
started=$(date +%s)
"start_$mode"

for _ in $(seq 1 90); do
  curl -fsS "$base/api/health" >"$work/health.json" 2>/dev/null && break
  kill -0 "$pid" 2>/dev/null || fail "the server exited before answering"
  sleep 1
done
[ -s "$work/health.json" ] || fail "/api/health did not answer within 90 s"
echo "smoke: /api/health answered after $(($(date +%s) - started)) s: $(cat "$work/health.json")"

for _ in $(seq 1 60); do
  status="$(curl -s -o "$work/ready.json" -w '%{http_code}' "$base/api/ready" || true)"
  [ "$status" = 200 ] && break
  sleep 1
done
[ "$status" = 200 ] || fail "/api/ready answered $status: $(cat "$work/ready.json")"
echo "smoke: /api/ready: $(cat "$work/ready.json")"

status="$(curl -s -o "$work/sign-in.json" -w '%{http_code}' -c "$work/cookies" -H 'content-type: application/json' -H "origin: $base" \
  -d "{\"username\":\"admin\",\"password\":\"$PASSWORD\"}" "$base/api/auth/sign-in/username")"
[ "$status" = 200 ] || fail "sign-in answered $status: $(cat "$work/sign-in.json")"
status="$(curl -s -o "$work/me.json" -w '%{http_code}' -b "$work/cookies" "$base/api/me")"
grep -q '"username":"admin"' "$work/me.json" || fail "/api/me with the session answered $status: $(cat "$work/me.json")"
echo "smoke: signed in as admin; /api/me: $(cat "$work/me.json")"

# SIGTERM reaches node: the process ends (how cleanly is the app's business, tested in the app).
echo "smoke: SIGTERM to PID 1 of the container: $(ps -o args= -p "${init:-$pid}")"
kill -TERM "${init:-$pid}"
for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
if kill -0 "$pid" 2>/dev/null; then fail "the server did not end within 30 s of SIGTERM"; fi
wait "$pid" && code=0 || code=$?
echo "smoke: SIGTERM ended the server (exit $code)"
pid=""
echo "smoke: passed"
