#!/usr/bin/env bash
# Checks docker-compose.yml for real: builds both images, starts Redis, the api and three model workers, and sends
# them photos. Passes only if
#  - the api becomes ready with 3 live workers,
#  - a burst of distinct photos is all answered 200 with the right top-1 label, and every worker took some of it,
#  - during a second burst one worker is killed (docker kill) while it holds jobs, and still every photo of that burst
#    is answered 200 and right: the survivors' reaper requeues the dead worker's jobs (worker.heartbeat-ttl 10 s), well
#    within the api's request-timeout (30 s);
#  - a second model (issue #18): model-mobilenetv2 (profile mobilenetv2) started beside them, 20 photos asking for it
#    (model=mobilenetv2) and 20 asking for none are all answered right, and each model's own workers answered exactly
#    their 20 (their own Prometheus counters): no upload went to the other model's queue.
# Everything it starts is torn down at the end, pass or fail (and dockerd too, if this script started it).
#
#   .ci/compose-check.sh          # from .ci/run, after the tests; or by hand
#
# Offline machines: base images come from ../shared/docker/make-base-images.sh (local/jre:17, local/redis:7) when it is
# there, the model image is built with MODEL_PREFETCH=none (it serves the MobileNetV2 embedded in the jar), and the jars
# are built on the host. Set READY_TIMEOUT (seconds) to wait longer for start-up on a slow machine.
set -euo pipefail
cd "$(dirname "$0")/.."

t0=$(date +%s)
log() { echo "[compose-check +$(($(date +%s) - t0))s] $*"; }
fail() { echo "[compose-check] FAILED: $*" >&2; exit 1; }
sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"

# --- Docker -------------------------------------------------------------------------------------------------------
need_apt=()
command -v dockerd >/dev/null 2>&1 || need_apt+=(docker.io)
command -v docker-compose >/dev/null 2>&1 || need_apt+=(docker-compose)
command -v curl >/dev/null 2>&1 || need_apt+=(curl)
if [ ${#need_apt[@]} -gt 0 ]; then
  log "Installing ${need_apt[*]}"
  $sudo_cmd apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -q "${need_apt[@]}"
fi

work=$(mktemp -d)
project="classifier-check-$$"
dockerd_pid=""
# Every command sees the second model's service (profile mobilenetv2): built with the rest, torn down with the rest;
# `up` starts it only where the check asks for it.
compose() { docker-compose -p "$project" --profile mobilenetv2 "$@"; }
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  set +e
  [ -n "${burst_pid:-}" ] && kill "$burst_pid" 2>/dev/null
  if [ -n "${stack_up:-}" ]; then
    if [ "$rc" -ne 0 ]; then
      echo "--- last log lines of each service"
      compose logs --no-color --tail 40
    fi
    log "Tearing down (docker-compose down -v)"
    compose down -v --rmi local --timeout 10 >"$work/down.log" 2>&1 || cat "$work/down.log"
  fi
  # What the classic builder leaves of the jar and weights stages (their images, and the container of a failed RUN):
  # the stages' label says they are this project's.
  docker container prune -f --filter label=com.example.classifier.stage=build >/dev/null 2>&1
  docker image prune -f --filter label=com.example.classifier.stage=build >/dev/null 2>&1
  if [ -n "$dockerd_pid" ]; then
    log "Stopping the dockerd this check started"
    $sudo_cmd kill "$dockerd_pid"
    # Our child: once it has exited it stays a zombie (still "there" for kill -0) until waited for.
    for _ in $(seq 1 30); do
      case "$(ps -o stat= -p "$dockerd_pid" 2>/dev/null)" in '' | Z*) wait "$dockerd_pid"; break ;; esac
      sleep 1
    done
  fi
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if ! docker info >/dev/null 2>&1; then
  log "No Docker daemon answers: starting dockerd"
  $sudo_cmd dockerd >"$work/dockerd.log" 2>&1 &
  dockerd_pid=$!
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 1; done
  docker info >/dev/null 2>&1 || { tail -20 "$work/dockerd.log"; fail "dockerd did not start within 60 s"; }
fi

# --- Base images: local stand-ins where no container registry is reachable ---------------------------------------
have_local_images() { docker image inspect local/jre:17 local/redis:7 >/dev/null 2>&1; }
if ! have_local_images && [ -f ../shared/docker/make-base-images.sh ]; then
  log "Building local/jre:17 and local/redis:7 (../shared/docker/make-base-images.sh)"
  bash ../shared/docker/make-base-images.sh
fi
if have_local_images; then
  export JAVA_IMAGE=${JAVA_IMAGE:-local/jre:17} REDIS_IMAGE=${REDIS_IMAGE:-local/redis:7}
else
  log "No local base images: using the public ones (needs a reachable registry)"
fi
# No download during the build: the model image serves the MobileNetV2 embedded in the jar.
export MODEL_PREFETCH=${MODEL_PREFETCH:-none}
# The stack as deployed: a Redis password and an operator token of this run's own (docker-compose.yml reads both).
export REDIS_PASSWORD="compose-check-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
export OPERATOR_TOKEN="compose-check-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"

# --- Jars (built on the host; the Dockerfiles copy them) ----------------------------------------------------------
if ! ls api-service/target/api-service-*.jar 2>/dev/null | grep -qv '\.original$' \
    || ! ls model-service/target/model-service-*-exec.jar >/dev/null 2>&1; then
  log "Building the jars (./mvnw -B -q -DskipTests package)"
  ./mvnw -B -q -DskipTests package
fi

# --- Build and start ---------------------------------------------------------------------------------------------
# Port 8080 on the host may be taken (a developer's own api); the stack then gets a free loopback port.
if (exec 3<>/dev/tcp/127.0.0.1/"${API_PORT:-8080}") 2>/dev/null; then
  API_PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
fi
export API_PORT=${API_PORT:-8080}
base="http://127.0.0.1:$API_PORT"

log "Building the images (JAVA_IMAGE=${JAVA_IMAGE:-default} REDIS_IMAGE=${REDIS_IMAGE:-default}" \
  "MODEL_PREFETCH=$MODEL_PREFETCH)"
t_build=$(date +%s)
compose build >"$work/build.log" 2>&1 || { tail -40 "$work/build.log"; fail "docker-compose build"; }
build_s=$(($(date +%s) - t_build))

workers=3
log "Starting the stack as project $project: redis, api on 127.0.0.1:$API_PORT, $workers model workers"
t_up=$(date +%s)
stack_up=1
compose up -d --scale model=$workers --scale model-mobilenetv2=0 >"$work/up.log" 2>&1 || { cat "$work/up.log"; fail "docker-compose up"; }

# Readiness: UP, and the modelWorkers indicator counts every worker's fresh heartbeat (details.alive: operators only).
alive_workers() {
  curl -s --max-time 3 -H "Authorization: Bearer $OPERATOR_TOKEN" "$base/actuator/health/readiness" | python3 -c '
import json, sys
try:
    health = json.load(sys.stdin)
    print(health["components"]["modelWorkers"]["details"]["alive"] if health["status"] == "UP" else 0)
except Exception:
    print(0)'
}
ready_timeout=${READY_TIMEOUT:-300}
deadline=$((t_up + ready_timeout))
until [ "$(alive_workers)" -ge "$workers" ]; do
  [ "$(date +%s)" -lt "$deadline" ] \
    || fail "the api was not ready with $workers live workers within ${ready_timeout} s (alive: $(alive_workers))"
  sleep 3
done
ready_s=$(($(date +%s) - t_up))
log "Ready with $workers live workers after ${ready_s} s"

# --- Burst 1: every answer right, every worker busy ---------------------------------------------------------------
fixtures=common/src/test/resources/fixtures/images
# Expected top-1 of the fixture photos under MobileNetV2: common/src/test/resources/fixtures/README.md.
photos=("$fixtures/dog.jpg=malamute" "$fixtures/eagle.jpg=bald eagle")
uploads=60
concurrency=12 # below the api's cold-start queue bound (two batches of 8 per worker): no upload is refused with 503

model_containers=$(compose ps -q model)
answered_by() { # CONTAINER -> jobs this worker answered, from its own Prometheus endpoint (port 8081, not published)
  docker exec "$1" curl -s --max-time 5 localhost:8081/actuator/prometheus \
    | awk '/^classifier_worker_jobs_total\{.*outcome="answered"/ { n += $NF } END { printf "%d\n", n }'
}

log "Burst 1: $uploads distinct photos, $concurrency at a time"
python3 .ci/compose-burst.py "$base/predict" "$uploads" "$concurrency" "burst1-$project" "${photos[@]}" \
  >"$work/burst1.txt" || { cat "$work/burst1.txt"; fail "burst 1: not every photo was answered right"; }
burst1_summary=$(sed -n 's/^burst [^:]*: //p' "$work/burst1.txt")
log "Burst 1: $burst1_summary"
per_worker=""
for c in $model_containers; do
  n=$(answered_by "$c")
  per_worker+=" $n"
  [ "$n" -gt 0 ] || fail "model container $c answered no job of burst 1 (answered per worker:$per_worker)"
done
log "Jobs answered per worker:$per_worker"

# --- Burst 2: one worker killed while it holds jobs ---------------------------------------------------------------
worker_id() { # CONTAINER -> the worker id it logged at start-up (names its processing list in Redis)
  docker logs "$1" 2>&1 | sed -n 's/.*Worker \([^ ]*\) consuming.*/\1/p' | head -1
}
redis_container=$(compose ps -q redis)
in_hand() { docker exec "$redis_container" redis-cli LLEN "classifier:processing:$1"; }

log "Burst 2: $uploads distinct photos; one worker is killed after the first $((uploads / 4)) answers"
: >"$work/burst2.txt"
python3 .ci/compose-burst.py "$base/predict" "$uploads" "$concurrency" "burst2-$project" "${photos[@]}" \
  >"$work/burst2.txt" &
burst_pid=$!
kill_deadline=$(($(date +%s) + 120))
until [ "$(wc -l <"$work/burst2.txt")" -ge $((uploads / 4)) ]; do
  kill -0 "$burst_pid" 2>/dev/null || break
  [ "$(date +%s)" -lt "$kill_deadline" ] || break
  sleep 0.2
done
# The victim: the worker holding the most jobs right now, so the kill really orphans some. Its jobs in hand are in the
# Redis list classifier:processing:<worker id> (queue.key-prefix "classifier", the default).
victim="" victim_id="" most=-1
for c in $model_containers; do
  id=$(worker_id "$c"); n=$(in_hand "$id")
  if [ -n "$id" ] && [ "$n" -gt "$most" ]; then victim=$c victim_id=$id most=$n; fi
done
[ -n "$victim" ] || fail "no model container logged its worker id (\"Worker <id> consuming\")"
docker kill "$victim" >/dev/null
# Its processing list stays until the reaper requeues it (after the heartbeat expires): what the kill orphaned.
orphaned=$(in_hand "$victim_id")
log "Killed model container ${victim:0:12} (worker $victim_id) holding $orphaned job(s)"
burst2_rc=0
wait "$burst_pid" || burst2_rc=$?
burst_pid=""
burst2_summary=$(sed -n 's/^burst [^:]*: //p' "$work/burst2.txt")
log "Burst 2: $burst2_summary"
if [ "$burst2_rc" -ne 0 ]; then
  grep FAILED "$work/burst2.txt" | head -20
  fail "burst 2: a photo was lost or answered wrong after a worker died"
fi
[ "$orphaned" -gt 0 ] || fail "the killed worker held no job, so nothing was requeued: the kill proved nothing"
requeue_log=""
for c in $model_containers; do
  [ "$c" = "$victim" ] && continue
  requeue_log+=$(docker logs "$c" 2>&1 | grep "Worker $victim_id is gone: requeued" || true)
done
[ -n "$requeue_log" ] || fail "no surviving worker logged the requeue of worker $victim_id's jobs"
log "Requeued by a survivor: ${requeue_log##*: }"

# --- A second model beside the first: each upload answered by the model it asked for ----------------------------
# The survivors of burst 2 serve the default model (resnet50: with MODEL_PREFETCH=none the embedded MobileNetV2 under
# that name); model-mobilenetv2 serves mobilenetv2 from its own queue, classifier:jobs:mobilenetv2.
log "Second model: starting model-mobilenetv2 (profile mobilenetv2)"
t_second=$(date +%s)
compose up -d --no-deps --scale model-mobilenetv2=1 model-mobilenetv2 >"$work/up2.log" 2>&1 \
  || { cat "$work/up2.log"; fail "docker-compose up model-mobilenetv2"; }
second=$(compose ps -q model-mobilenetv2)
[ -n "$second" ] || fail "no model-mobilenetv2 container"
# Live once the api routes to it: 400 (never seen) or 503 (no live worker) until its first heartbeat, then 200.
probe="$work/probe.jpg"
cp "$fixtures/dog.jpg" "$probe"
deadline=$(($(date +%s) + ready_timeout))
until [ "$(curl -s -o "$work/probe.out" -w '%{http_code}' --max-time 60 -F model=mobilenetv2 \
    -F "file=@$probe;type=image/jpeg" "$base/predict")" = 200 ]; do
  [ "$(date +%s)" -lt "$deadline" ] \
    || fail "model=mobilenetv2 not answered within ${ready_timeout} s: $(head -c 300 "$work/probe.out")"
  sleep 3
done
second_ready_s=$(($(date +%s) - t_second))
log "mobilenetv2 answers after ${second_ready_s} s"
survivors=()
for c in $model_containers; do [ "$c" = "$victim" ] || survivors+=("$c"); done
answered_default() { local c n=0; for c in "${survivors[@]}"; do n=$((n + $(answered_by "$c"))); done; echo "$n"; }
default_before=$(answered_default) second_before=$(answered_by "$second")
per_model=20
BURST_MODEL=mobilenetv2 python3 .ci/compose-burst.py "$base/predict" "$per_model" 6 "mobilenetv2-$project" \
  "${photos[@]}" >"$work/burst3.txt" || { cat "$work/burst3.txt"; fail "model=mobilenetv2: not every photo answered right"; }
python3 .ci/compose-burst.py "$base/predict" "$per_model" 6 "default-$project" "${photos[@]}" >"$work/burst4.txt" \
  || { cat "$work/burst4.txt"; fail "no model (the default): not every photo answered right"; }
second_answered=$(( $(answered_by "$second") - second_before ))
default_answered=$(( $(answered_default) - default_before ))
burst3_summary=$(sed -n 's/^burst [^:]*: //p' "$work/burst3.txt")
burst4_summary=$(sed -n 's/^burst [^:]*: //p' "$work/burst4.txt")
log "model=mobilenetv2: $burst3_summary"
log "no model: $burst4_summary"
[ "$second_answered" = "$per_model" ] && [ "$default_answered" = "$per_model" ] \
  || fail "mix-up: the mobilenetv2 worker answered $second_answered and the default model's workers $default_answered" \
    "jobs, $per_model each expected"
log "Each model answered its own $per_model (mobilenetv2 worker: $second_answered, default workers: $default_answered)"

total_s=$(($(date +%s) - t0))
echo
echo "compose check passed in ${total_s} s (image build ${build_s} s, start-up to $workers ready workers ${ready_s} s)"
echo "  burst 1: $burst1_summary; answered per worker:$per_worker"
echo "  burst 2: $burst2_summary; the killed worker held $orphaned job(s), requeued and answered"
echo "  second model: ready after ${second_ready_s} s; model=mobilenetv2: $burst3_summary; no model: $burst4_summary"
