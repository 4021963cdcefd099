#!/usr/bin/env bash
# Checks that run-local.sh keeps the system running and stops it in order, against a stack of its own (temporary
# RUN_DIR, free ports from 36379 / 38080 / 38181 up, everything on 127.0.0.1):
#
#  1. starts two models, `./run-local.sh --no-build --models mobilenetv2=1,resnet50=1` (builds the jars first if they
#     are missing; resnet50 is the default model, here the embedded MobileNetV2 standing in for it, whose answers say
#     "offline fallback"), waits until the api and both workers are ready, and classifies
#     common/src/test/resources/fixtures/images/dog.jpg (malamute) with no model (answered by the resnet50 worker) and
#     with model=mobilenetv2 (answered by the mobilenetv2 worker: no "offline fallback" in its answer);
#  2. kill -9s the mobilenetv2 worker: new photos for the default model are still answered (the other model keeps
#     going), run-local.sh logs the exit (code 137) and the restart, the worker answers on its metrics port again, and
#     model=mobilenetv2 is answered again;
#  3. sends 10 distinct photos, uploaded slowly (50 kB/s, about 3 s each), and while they are in flight sends SIGINT
#     to run-local.sh's process group, as Ctrl-C in a terminal does: every one gets 200 (none 504), and the api,
#     both workers and Redis exit, in that order, without a SIGKILL or a restart.
# Two models cost nothing over two workers of one: the same two JVMs, the same MobileNetV2 weights.
#
#   .ci/run-local-check.sh          (KEEP_RUN_DIR=1 keeps the logs)
#
# Every wait is bounded; whatever is left is killed on exit. About 2-4 minutes on 2 vCPU, mostly JVM start-ups.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
started_at=$SECONDS

log() { echo "[run-local-check +$(( SECONDS - started_at ))s] $*"; }
fail() { log "FAIL: $*"; exit 1; }

# --- jars, model, ports ------------------------------------------------------------------------------------------
if ! ls api-service/target/api-service-*.jar >/dev/null 2>&1 || ! ls model-service/target/model-service-*-exec.jar \
    >/dev/null 2>&1; then
  log "building the jars (no tests)"
  ./mvnw -B -q -DskipTests package
fi
# The MobileNetV2 that ships in the model-service jar, and never the network (without these the workers would want
# ResNet50 and try to download it). Whatever MODEL_PATH the caller has set does not apply here.
unset MODEL_PATH MODEL_PREPROCESSING MODEL_ENGINE
export MODEL_NAME=mobilenetv2 MODEL_DOWNLOAD=false
# As deployed: run-local.sh starts its Redis with this password (--requirepass) and the services log in with it from
# the environment; the api's Prometheus endpoint needs the operator token (docs/security.md).
export REDIS_PASSWORD="run-local-check-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
export OPERATOR_TOKEN="run-local-check-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
photo="$root/common/src/test/resources/fixtures/images/dog.jpg"
[ -f "$photo" ] || fail "no photo at $photo"
command -v ss >/dev/null || fail "needs ss (iproute2) to find the process on a port"
./run-local.sh --help | grep -q -- '--fetch-model' || fail "run-local.sh --help does not describe --fetch-model"

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
taken=" "
free_ports() {   # first port to try, how many consecutive: prints the first of a free run
  local p=$1 n=$2 k ok
  for _ in $(seq 1 200); do
    ok=yes
    for k in $(seq 0 $(( n - 1 ))); do
      if [[ "$taken" == *" $(( p + k )) "* ]] || ! port_free $(( p + k )); then ok=no; break; fi
    done
    if [ $ok = yes ]; then echo "$p"; return 0; fi
    p=$(( p + n ))
  done
  return 1
}
redis_port=$(free_ports 36379 1) || fail "no free port for Redis"; taken+="$redis_port "
api_port=$(free_ports 38080 1) || fail "no free port for the api"; taken+="$api_port "
model_port1=$(free_ports 38181 2) || fail "no free ports for the workers"
model_base=$(( model_port1 - 1 ))
model_port2=$(( model_port1 + 1 ))
api="http://127.0.0.1:$api_port"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/run-local-check.XXXXXX")
run_dir="$tmp/run"
rl_pid=""
curl_pids=()
service_pids=()   # every api, worker and Redis pid seen; killed on exit if still there

pid_on_port() { ss -ltnpH "sport = :$1" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2; }
remember() { local p; for p in "$@"; do [ -z "$p" ] || service_pids+=("$p"); done; }
is_ours() {   # pid: still one of our java / redis-server processes (not a reused pid)
  { tr '\0' ' ' < "/proc/$1/cmdline"; } 2>/dev/null | grep -qE 'api-service|model-service|redis-server'
}

cleanup() {
  local status=$? p
  set +e
  trap - EXIT INT TERM
  for p in "${curl_pids[@]}"; do kill "$p" 2>/dev/null; done
  if [ -n "$rl_pid" ] && kill -0 "$rl_pid" 2>/dev/null; then
    log "stopping run-local.sh (SIGTERM, up to 120 s)"
    kill -TERM "$rl_pid" 2>/dev/null
    for _ in $(seq 1 120); do kill -0 "$rl_pid" 2>/dev/null || break; sleep 1; done
    kill -KILL -- "-$rl_pid" 2>/dev/null
  fi
  for p in $(for port in "$redis_port" "$api_port" "$model_port1" "$model_port2"; do pid_on_port "$port"; done) \
      "${service_pids[@]}"; do
    if is_ours "$p"; then log "killing leftover process $p"; kill -KILL "$p" 2>/dev/null; fi
  done
  if [ "$status" != 0 ]; then
    for f in "$tmp/run-local.log" "$run_dir"/api.log "$run_dir"/model-*.log "$run_dir"/redis.log; do
      [ -f "$f" ] || continue
      echo "----- last lines of $f"
      tail -n 25 "$f" | cut -c1-300
    done
  fi
  if [ "${KEEP_RUN_DIR:-}" = 1 ]; then log "logs kept in $tmp"; else rm -rf "$tmp"; fi
  log "$([ "$status" = 0 ] && echo passed || echo "failed (status $status)") in $(( SECONDS - started_at )) s"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A copy of dog.jpg whose bytes differ (a JPEG comment right after the start-of-image marker), so the api and the
# result cache see a new photo and a worker runs the model.
distinct_photo() {   # output file, tag
  local payload="run-local-check $$ $2"
  local length=$(( ${#payload} + 2 ))
  {
    head -c 2 "$photo"
    printf '\377\376\000'
    printf '%b' "\\0$(printf %03o "$length")"
    printf '%s' "$payload"
    tail -c +3 "$photo"
  } > "$1"
}

predict() {   # file, [extra curl options, e.g. -F model=mobilenetv2]: prints the status code, the body goes to file.out
  local file=$1; shift
  curl -sS --noproxy '*' -m 90 "$@" -o "$file.out" -w '%{http_code}' -F "file=@$file;type=image/jpeg" "$api/predict"
}

answered() {   # status code, photo: 200 and malamute in the answer
  [ "$1" = 200 ] && grep -q malamute "$2.out" 2>/dev/null
}

wait_ready() {   # url, seconds
  local deadline=$(( SECONDS + $2 ))
  until curl -fsS --noproxy '*' -m 3 "$1" >/dev/null 2>&1; do
    kill -0 "$rl_pid" 2>/dev/null || fail "run-local.sh exited while waiting for $1"
    [ "$SECONDS" -lt "$deadline" ] || fail "not ready in $2 s: $1"
    sleep 1
  done
}

# --- 1. start ----------------------------------------------------------------------------------------------------
# Job control just for this start: run-local.sh gets a process group of its own (so the check can send SIGINT to the
# whole group, as a terminal's Ctrl-C does, without hitting itself), and SIGINT is not ignored in it (a background
# job of a script without job control ignores it, and could not trap it).
set -m
log "starting run-local.sh: Redis :$redis_port, api :$api_port, workers :$model_port1 :$model_port2 (in $tmp)"
RUN_DIR="$run_dir" PORT=$api_port MODEL_BASE_PORT=$model_base REDIS_HOST=127.0.0.1 REDIS_PORT=$redis_port \
  SERVER_ADDRESS=127.0.0.1 UPLOAD_DIR="$tmp/uploads" MODEL_INTRA_OP_THREADS=1 \
  ./run-local.sh --no-build --models mobilenetv2=1,resnet50=1 < /dev/null > "$tmp/run-local.log" 2>&1 &
rl_pid=$!
set +m
for url in "$api/actuator/health/readiness" "http://127.0.0.1:$model_port1/actuator/health/readiness" \
    "http://127.0.0.1:$model_port2/actuator/health/readiness"; do
  wait_ready "$url" "${READY_TIMEOUT:-300}"
done
grep -q 'started redis-server' "$tmp/run-local.log" || fail "run-local.sh did not start its own Redis"
redis_pid=$(pid_on_port "$redis_port"); api_pid=$(pid_on_port "$api_port")
model1_pid=$(pid_on_port "$model_port1"); model2_pid=$(pid_on_port "$model_port2")
remember "$redis_pid" "$api_pid" "$model1_pid" "$model2_pid"
if [ -z "$redis_pid" ] || [ -z "$api_pid" ] || [ -z "$model1_pid" ] || [ -z "$model2_pid" ]; then
  fail "a process is missing (redis '$redis_pid', api '$api_pid', workers '$model1_pid' '$model2_pid')"
fi
log "ready (Redis $redis_pid, api $api_pid, workers $model1_pid $model2_pid)"

cp "$photo" "$tmp/dog.jpg"
code=$(predict "$tmp/dog.jpg") || true
answered "$code" "$tmp/dog.jpg" || fail "POST /predict answered $code: $(head -c 300 "$tmp/dog.jpg.out" 2>/dev/null)"
grep -q 'offline fallback' "$tmp/dog.jpg.out" \
  || fail "no model: not answered by the default model's worker (resnet50, offline fallback): $(head -c 300 "$tmp/dog.jpg.out")"
log "dog.jpg, no model: 200, malamute, by the default model ($(grep -o '"model":"[^"]*"' "$tmp/dog.jpg.out"))"
grep -q 'models: mobilenetv2 x1 (:[0-9]*), resnet50 x1 (:[0-9]*)' "$tmp/run-local.log" \
  || fail "run-local.sh's banner does not list the two models"
# The same photo for the other model: not a cached answer of the first (each model has its own results).
answered_by_mobilenetv2() {   # photo
  local code deadline=$(( SECONDS + 30 ))
  # A worker is ready a moment before the api has read its first heartbeat: until then 400/503, for at most 30 s.
  while code=$(predict "$1" -F model=mobilenetv2) || true; [[ "$code" == 400 || "$code" == 503 ]]; do
    [ "$SECONDS" -lt "$deadline" ] || break
    sleep 1
  done
  answered "$code" "$1" && grep -q '"model":"mobilenetv2' "$1.out" && ! grep -q 'offline fallback' "$1.out"
}
answered_by_mobilenetv2 "$tmp/dog.jpg" \
  || fail "model=mobilenetv2: not answered by the mobilenetv2 worker: $(head -c 300 "$tmp/dog.jpg.out")"
log "dog.jpg, model=mobilenetv2: 200, malamute, by mobilenetv2 ($(grep -o '"model":"[^"]*"' "$tmp/dog.jpg.out"))"

# --- 2. a worker dies --------------------------------------------------------------------------------------------
log "kill -9 model-service 1, mobilenetv2's only worker (pid $model1_pid)"
kill -KILL "$model1_pid"
for n in 1 2 3; do
  distinct_photo "$tmp/after-kill-$n.jpg" "after-kill-$n"
  code=$(predict "$tmp/after-kill-$n.jpg") || true
  answered "$code" "$tmp/after-kill-$n.jpg" \
    || fail "with mobilenetv2 down, POST /predict answered $code: $(head -c 300 "$tmp/after-kill-$n.jpg.out")"
done
log "3 new photos answered by the default model while mobilenetv2's worker is down"
deadline=$(( SECONDS + 60 ))
until grep -q "model-service 1 (mobilenetv2) (pid $model1_pid) exited with code 137" "$tmp/run-local.log" \
    && grep -q 'restarted model-service 1' "$tmp/run-local.log"; do
  [ "$SECONDS" -lt "$deadline" ] || fail "run-local.sh logged no exit and restart of model-service 1 in 60 s"
  sleep 1
done
log "run-local.sh: $(grep 'model-service 1 (mobilenetv2) (pid' "$tmp/run-local.log" | head -1 | cut -d' ' -f3-)"
wait_ready "http://127.0.0.1:$model_port1/actuator/health/readiness" "${READY_TIMEOUT:-300}"
model1_pid=$(pid_on_port "$model_port1")
remember "$model1_pid"
distinct_photo "$tmp/back.jpg" back
answered_by_mobilenetv2 "$tmp/back.jpg" \
  || fail "model=mobilenetv2 after the restart: $(head -c 300 "$tmp/back.jpg.out")"
log "model-service 1 is back (pid $model1_pid) and answers model=mobilenetv2 again"

# --- 3. Ctrl-C with requests in flight ---------------------------------------------------------------------------
for n in $(seq 1 10); do
  distinct_photo "$tmp/in-flight-$n.jpg" "in-flight-$n"
  # Started directly (no subshell), so that $! is curl itself.
  curl -sS --noproxy '*' -m 90 --limit-rate 50k -o "$tmp/in-flight-$n.jpg.out" -w '%{http_code}' \
    -F "file=@$tmp/in-flight-$n.jpg;type=image/jpeg" "$api/predict" > "$tmp/in-flight-$n.code" 2>&1 &
  curl_pids+=($!)
done
# Wait until the api holds all 10 (uploads being read, or waiting for their answer): then they are in flight.
deadline=$(( SECONDS + 20 ))
while :; do
  held=$(curl -fsS --noproxy '*' -m 3 -H "Authorization: Bearer $OPERATOR_TOKEN" "$api/actuator/prometheus" 2>/dev/null \
    | awk '/^classifier_(uploads_in_flight|requests_waiting)[{ ]/ { s += $NF } END { print s + 0 }')
  [ "${held%.*}" -lt 10 ] || break
  [ "$SECONDS" -lt "$deadline" ] || fail "the api holds only $held of the 10 uploads after 20 s"
  sleep 0.2
done
log "10 uploads in flight; SIGINT to run-local.sh's process group (as Ctrl-C)"
stop_started=$SECONDS
kill -INT -- "-$rl_pid"
for n in $(seq 1 10); do
  wait "${curl_pids[n-1]}" || true
  code=$(cat "$tmp/in-flight-$n.code")
  answered "$code" "$tmp/in-flight-$n.jpg" \
    || fail "upload $n in flight at Ctrl-C got $code: $(head -c 300 "$tmp/in-flight-$n.jpg.out" 2>/dev/null)"
done
curl_pids=()
log "all 10 in-flight uploads answered 200 (malamute) after $(( SECONDS - stop_started )) s"
deadline=$(( SECONDS + 120 ))
while kill -0 "$rl_pid" 2>/dev/null; do
  [ "$SECONDS" -lt "$deadline" ] || fail "run-local.sh still running 120 s after SIGINT"
  sleep 0.5
done
rl_status=0
wait "$rl_pid" || rl_status=$?
rl_pid=""
log "run-local.sh exited with status $rl_status, $(( SECONDS - stop_started )) s after SIGINT"
[ "$rl_status" = 130 ] || fail "run-local.sh exited with $rl_status after SIGINT (expected 130)"
for p in "$redis_pid" "$api_pid" "$model1_pid" "$model2_pid"; do
  if is_ours "$p"; then fail "process $p ($(tr '\0' ' ' < "/proc/$p/cmdline" | cut -c1-80)) still runs"; fi
done
for p in "$redis_port" "$api_port" "$model_port1" "$model_port2"; do
  port_free "$p" || fail "something still listens on :$p"
done
# In order: the api stopped before the workers were told to stop, and they before Redis; no restart, no SIGKILL.
events='api-service stopped|stopping the model-services|model-service [0-9]( \([a-z0-9]+\))? stopped|stopping Redis'
events+='|Redis stopped'
order=$(sed -n '/got SIGINT/,$p' "$tmp/run-local.log" | grep -oE "$events|restarted|SIGKILL" | tr '\n' ',')
expected='api-service stopped,stopping the model-services,model-service 1 (mobilenetv2) stopped,'
expected+='model-service 2 (resnet50) stopped,'
expected+='stopping Redis,Redis stopped,'
[ "$order" = "$expected" ] || fail "shutdown order: $order (expected $expected)"
log "stopped in order: api, then both workers, then Redis; nothing killed, nothing restarted"
