#!/usr/bin/env bash
# Runs the seed's stress tests (loadtest/scenarios.tsv) against a stack of our own on this machine and writes the
# report docs/stress-test.md with its charts.
#
#   loadtest/run.sh [--scenario N[,M...]|all] [--scale F] [--no-report] [--dry-run]
#                   [--models NAME=N[,NAME=N...] [--mix NAME=W[,NAME=W...]]] [--report-dir DIR]
#
#   --scenario  which tests (ids of scenarios.tsv); default all
#   --scale     hold time after the last user started = F x 120 s (the seed held about two minutes); default 0.3,
#               which runs the whole matrix here in under 20 minutes; 1 = the seed's length
#   --no-report run only; `loadtest/run.sh --report-only [RUN_DIR]` makes the report of an earlier run
#   --models    several models (issue #18): the stack's model-services for every test, as run-local.sh's
#               --models resnet50=1,mobilenetv2=1 (the scenarios' model column is not used then; each worker loads its
#               catalogue model, MODEL_PATH is not used)
#   --mix       which model each upload asks for, e.g. resnet50=0.7,mobilenetv2=0.3 (relative weights; default with
#               --models: the named models alike); the report then gives each model's own figures
#   --report-dir  where the report goes (default docs: docs/stress-test.md)
#   --phone-photos  half the uploads are phone-size: the five fixtures and their 12-megapixel JPEGs (4032 x 3024,
#               1-2 MB, made at the start of the run by common's PhonePhotos), in turn
#   --equal-priority  leave every process at nice 0; by default every thread of the model-services runs at nice -10
#               (the api-services at 0, API_NICE overrides), so that on a small machine the api's many upload threads
#               do not starve the model's few (what CPU requests do in a cluster), and the load generator at nice 10:
#               it stands for clients on other machines, and at nice 0 it took the api's CPU (the api waited seconds
#               between reading an upload and queueing it at 1 500 users; docs/performance.md). The api ran at nice
#               5 until 2026-11-30: its accepted requests then waited up to 2 s for a CPU before and after the model,
#               p99 at the api 4.8-5.1 s against 3.8 s at nice 0, for the same answers per second
#
# It starts a stack with ../run-local.sh (own Redis, api, N model-services; ports away from the defaults so nothing
# touches a Redis or services already running on 6379/8080) for each api x model shape (consecutive tests of one
# shape share it, once its queue has drained), waits until all is ready, runs the Gatling simulation headless from
# Maven (which also samples the services' metrics every second), stops the stack and keeps requests.csv,
# samples.csv, Gatling's HTML report and the service logs in run/loadtest/<time>/.
# Everything listens on 127.0.0.1 only and every step has a time limit.
#
# Model (environment, passed through): MODEL_PATH (default: the ResNet50-compute benchmark model
# ../shared/models/bench/resnet50-random-opset13.onnx on the ONNX engine, or the DL4J MobileNetV2 when the built
# model-service has no ONNX engine), MODEL_ENGINE, MODEL_PREPROCESSING, MODEL_INTRA_OP_THREADS (default: the
# machine's cores divided by the model-services), WORKER_THREADS, WORKER_MAX_BATCH.
# Ports: LOADTEST_API_PORT (28080; more api instances on 28081..), LOADTEST_MODEL_BASE_PORT (28180: worker i on
# 28180+i), LOADTEST_REDIS_PORT (26379). OPERATOR_TOKEN: the api instances' operator token (default: a random one for
# the run), which the metrics sampler and the drain check send to read the api's /actuator/prometheus.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

scenarios=all
scale=0.3
report=yes
dry=no
report_only=""
priority=model-first
model_spec=""
mix=""
report_dir=docs
phone_photos=no
# The load generator's heap (loadtest/pom.xml): phone photos need more than the 2 GB the shared photos do.
gatling_heap=2g
model_nice=-10
api_nice=${API_NICE:-0}
loadgen_nice=10
while [ $# -gt 0 ]; do
  case "$1" in
    --scenario) scenarios="$2"; shift 2 ;;
    --scenario=*) scenarios="${1#*=}"; shift ;;
    --scale) scale="$2"; shift 2 ;;
    --scale=*) scale="${1#*=}"; shift ;;
    --no-report) report=no; shift ;;
    --dry-run) dry=yes; shift ;;
    --equal-priority) priority=equal; shift ;;
    --models) model_spec="$2"; shift 2 ;;
    --models=*) model_spec="${1#*=}"; shift ;;
    --mix) mix="$2"; shift 2 ;;
    --mix=*) mix="${1#*=}"; shift ;;
    --report-dir) report_dir="$2"; shift 2 ;;
    --phone-photos) phone_photos=yes; shift ;;
    --report-only) report_only="${2:-run/loadtest/last}"; shift $(( $# > 1 ? 2 : 1 )) ;;
    -h|--help) sed -n '2,/^set -euo/{/^#/p}' "$0" | cut -c3-; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

shared=$(cd "$root/.." && pwd)/shared
# The photos are the repository's test fixtures; only the large ResNet50 benchmark model comes from ../shared.
photos_dir=$root/common/src/test/resources/fixtures/images
api_port=${LOADTEST_API_PORT:-28080}
model_base=${LOADTEST_MODEL_BASE_PORT:-28180}
redis_port=${LOADTEST_REDIS_PORT:-26379}
cores=$(nproc)
# The api's Prometheus endpoint is for operators: every api this script starts gets this token (inherited through
# run-local.sh or directly), and every scrape sends it.
export OPERATOR_TOKEN=${OPERATOR_TOKEN:-loadtest-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')}
# Every worker logs each answer at DEBUG (its batch's time and the time since the job was queued): one line per
# answer, for the report's split of where the answers' time went.
export LOGGING_LEVEL_COM_EXAMPLE_CLASSIFIER_MODELSERVICE_QUEUE=${LOGGING_LEVEL_COM_EXAMPLE_CLASSIFIER_MODELSERVICE_QUEUE:-DEBUG}

log() { echo "[loadtest $(date +%H:%M:%S)] $*"; }

make_report() {
  local run=$1
  mkdir -p "$report_dir"
  ./mvnw -B -q -pl loadtest dependency:build-classpath -Dmdep.outputFile=target/classpath.txt \
    -Dmdep.includeScope=runtime >/dev/null
  java -Djava.awt.headless=true -cp "loadtest/target/classes:$(cat loadtest/target/classpath.txt)" \
    com.example.classifier.loadtest.report.StressReport "$run" loadtest/scenarios.tsv "$report_dir"
  log "report: $report_dir/stress-test.md (charts in $report_dir/img/)"
}

# --models NAME=N,...: the worker count of the stack, and the default mix (each named model alike).
model_count=""
if [ -n "$model_spec" ]; then
  [[ "$model_spec" =~ ^[a-z0-9][a-z0-9._-]*=[1-9][0-9]*(,[a-z0-9][a-z0-9._-]*=[1-9][0-9]*)*$ ]] \
    || { echo "--models needs NAME=N[,NAME=N...], not '$model_spec'" >&2; exit 2; }
  model_count=$(tr ',' '\n' <<<"$model_spec" | awk -F= '{ n += $2 } END { print n }')
  mix=${mix:-$(tr ',' '\n' <<<"$model_spec" | cut -d= -f1 | paste -sd,)}
fi
# The simulation reads the mix (ModelMix) and refuses a bad one with the entry named.
export LOADTEST_MODELS=$mix

if [ -n "$report_only" ]; then
  [ -d loadtest/target/classes ] || ./mvnw -B -q -pl loadtest -DskipTests package
  make_report "$(cd "$report_only" && pwd)"
  exit 0
fi

# --- which tests -------------------------------------------------------------------------------------------------
mapfile -t rows < <(grep -v '^#' loadtest/scenarios.tsv | grep -v '^[[:space:]]*$')
selected=()
for row in "${rows[@]}"; do
  id=${row%%$'\t'*}
  if [ "$scenarios" = all ] || [[ ",$scenarios," == *",$id,"* ]]; then selected+=("$row"); fi
done
[ ${#selected[@]} -gt 0 ] || { echo "no scenario matches '$scenarios'" >&2; exit 2; }
hold=$(awk -v s="$scale" 'BEGIN { h = int(120 * s + 0.5); print (h < 10 ? 10 : h) }')

estimate=0
shape=""
for row in "${selected[@]}"; do
  IFS=$'\t' read -r id users spawn apis models unique _ <<<"$row"
  models=${model_count:-$models}
  ramp=$(( (users + spawn - 1) / spawn ))
  estimate=$(( estimate + ramp + hold + 40 ))   # + drain, Maven, the last answers
  [ "$shape" = "$apis x $models" ] || estimate=$(( estimate + 45 ))   # a fresh stack starts
  shape="$apis x $models"
  log "test $id: $users users at $spawn/s (ramp ${ramp}s, hold ${hold}s), api x$apis, model x$models, unique uploads: $unique"
done
[ -z "$model_spec" ] || log "models of every stack: $model_spec; uploads ask for: $mix"
log "about $(( estimate / 60 )) min in all"
[ "$dry" = no ] || exit 0

# --- build and model ---------------------------------------------------------------------------------------------
log "building (skip tests)..."
./mvnw -B -q -DskipTests package
api_jar=$(ls api-service/target/api-service-*.jar | grep -v original | head -1)
model_jar=$(ls model-service/target/model-service-*-exec.jar | head -1)

if [ -n "$model_spec" ]; then
  # Each worker loads its named catalogue model; one MODEL_PATH would be every model's file (run-local.sh refuses it).
  [ -z "${MODEL_PATH:-}" ] || log "--models: MODEL_PATH ($MODEL_PATH) is not used"
  unset MODEL_PATH MODEL_ENGINE MODEL_PREPROCESSING
elif [ -z "${MODEL_PATH:-}" ]; then
  if unzip -l "$model_jar" | grep -q 'onnxruntime' && [ -f "$shared/models/bench/resnet50-random-opset13.onnx" ]; then
    export MODEL_PATH="$shared/models/bench/resnet50-random-opset13.onnx" MODEL_ENGINE=${MODEL_ENGINE:-onnx}
    export MODEL_PREPROCESSING=${MODEL_PREPROCESSING:-torch}
  else
    log "no ONNX engine or no ../shared ResNet50 benchmark model: using the DL4J engine on MobileNetV2 (not ResNet50 compute)"
    export MODEL_PATH="$root/model-service/src/main/resources/models/mobilenetv2-float.h5" MODEL_PREPROCESSING=torch
  fi
fi
if [ -n "$model_spec" ]; then
  engine="per model"
else
  [ -f "$MODEL_PATH" ] || { echo "MODEL_PATH $MODEL_PATH not found" >&2; exit 2; }
  engine=${MODEL_ENGINE:-$([[ "$MODEL_PATH" == *.onnx ]] && echo onnx || echo dl4j)}
fi

# --- the run's folder and facts ------------------------------------------------------------------------------------
started=$(date +%s)
stamp=$(date -u +%Y%m%dT%H%M%SZ)
out="$root/run/loadtest/$stamp"
mkdir -p "$out"
ln -sfn "$stamp" "$root/run/loadtest/last"
if [ "$phone_photos" = yes ]; then
  # Made from the fixtures in code (nothing large is committed), into this run's folder.
  [ -d common/target/test-classes/com/example/classifier/common/test ] || ./mvnw -B -q -pl common test-compile
  java -cp common/target/test-classes:common/target/classes com.example.classifier.common.test.PhonePhotos \
    "$out/photos"
  photos_dir="$out/photos"
  gatling_heap=8g
  log "photos: the fixtures and their 12 MP JPEGs ($(du -sh "$photos_dir" | cut -f1) in $photos_dir)"
fi
{
  echo "date=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "photos=$([ "$phone_photos" = yes ] && echo 'fixtures and their 12 MP JPEGs' || echo fixtures)"
  echo "cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')$(grep -q avx512f /proc/cpuinfo \
    && echo ', AVX-512')$(lscpu 2>/dev/null | awk -F: '/Hypervisor vendor/ { gsub(/ /, "", $2); print ", " $2 " guest" }')"
  echo "cores=$cores"
  echo "memory_gb=$(awk '/MemTotal/ { printf "%.0f", $2 / 1048576 }' /proc/meminfo)"
  echo "os=$(. /etc/os-release && echo "$PRETTY_NAME")"
  echo "java=$(java -version 2>&1 | head -1)"
  echo "load_before=$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "engine=$engine"
  echo "model=${model_spec:-$(basename "$MODEL_PATH")}"
  echo "model_mix=$mix"
  echo "preprocessing=${MODEL_PREPROCESSING:-default}"
  echo "worker_threads=${WORKER_THREADS:-1}"
  echo "worker_max_batch=${WORKER_MAX_BATCH:-8}"
  echo "intra_op_threads=${MODEL_INTRA_OP_THREADS:-cores/models}"
  echo "scale=$scale"
  echo "priority=$priority"
  echo "model_nice=$model_nice"
  echo "api_nice=$api_nice"
  echo "loadgen_nice=$([ "$priority" = model-first ] && echo "$loadgen_nice" || echo 0)"
  echo "hold_s=$hold"
  echo "warm_up=yes"
} > "$out/run.properties"

# --- one test ----------------------------------------------------------------------------------------------------
stack_pids=()
stop_stack() {
  local pid
  # run-local.sh stops in order (api, then models, then Redis), each step bounded (45 + 40 + 10 s at worst).
  for pid in "${stack_pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for _ in $(seq 1 120); do
    local alive=0
    for pid in "${stack_pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ $alive = 0 ] && break
    sleep 1
  done
  # Whatever did not stop in 120 s: its whole process group (each was started in its own with setsid).
  for pid in "${stack_pids[@]}"; do kill -KILL -- "-$pid" 2>/dev/null || true; done
  stack_pids=()
}
# With autogroups (most desktop and many server kernels) Linux first shares the CPU equally between sessions, and
# nice only orders threads within one: each extra api-service (its own session, for a clean stop) and the load
# generator would get as much CPU as the whole stack's session, model included, whatever their nice. Sharing per
# thread for the run makes the priorities above mean what they say; the setting is put back on exit.
autogroup=/proc/sys/kernel/sched_autogroup_enabled
autogroup_before=""
if [ "$priority" = model-first ] && [ "$(cat "$autogroup" 2>/dev/null)" = 1 ]; then
  if echo 0 > "$autogroup" 2>/dev/null; then
    autogroup_before=1
    log "CPU shared per thread for the run (kernel.sched_autogroup_enabled 1 -> 0, restored on exit)"
  else
    log "warning: cannot turn off kernel.sched_autogroup_enabled (needs root): the priorities hold only per session"
  fi
fi
restore_autogroup() { [ -z "$autogroup_before" ] || echo "$autogroup_before" > "$autogroup" 2>/dev/null || true; }
echo "autogroup=$(cat "$autogroup" 2>/dev/null || echo none)" >> "$out/run.properties"
trap 'close_stack; restore_autogroup' EXIT
trap 'log "interrupted"; exit 130' INT TERM

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# The process listening on a port: the sampler reads its CPU time from /proc, which needs no answer from it.
pid_on_port() { ss -ltnpH "sport = :$1" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2; }

pids_on_ports() {   # comma-separated list of the pids listening on the given ports
  local list="" port pid
  for port in "$@"; do
    pid=$(pid_on_port "$port")
    [ -z "$pid" ] || list+="${list:+,}$pid"
  done
  echo "$list"
}

wait_ready() {   # url, seconds
  local deadline=$(( $(date +%s) + $2 )) pid
  until curl -fsS -m 2 "$1" >/dev/null 2>&1; do
    [ "$(date +%s)" -lt "$deadline" ] || { log "not ready in $2 s: $1"; return 1; }
    for pid in "${stack_pids[@]}"; do
      kill -0 "$pid" 2>/dev/null || { log "a process of the stack exited (see its logs)"; return 1; }
    done
    sleep 1
  done
}

# The stack of the moment: tests with the same api and model counts share one (as the seed ran its tests one after
# another on one deployment); a test with other counts gets a fresh one.
stack_shape=""
stack_dir=""
api_urls=""
api_metrics=""
model_metrics=""
threads=""
api_pids=""
model_pids=""
redis_pids=""

start_stack() {   # first test id, api instances, model-services
  local first=$1 apis=$2 models=$3
  # Relative: run-local.sh puts RUN_DIR under the repository root itself.
  stack_dir="run/loadtest/$stamp/stack-from-test-$first"
  mkdir -p "$stack_dir"
  local ports=("$redis_port")
  for i in $(seq 0 $(( apis - 1 ))); do ports+=($(( api_port + i ))); done
  for i in $(seq 1 "$models"); do ports+=($(( model_base + i ))); done
  for p in "${ports[@]}"; do
    local waited=0
    until port_free "$p"; do
      [ $waited -lt 30 ] || { log "port $p is in use; choose others (LOADTEST_*_PORT)"; return 1; }
      sleep 1; waited=$(( waited + 1 ))
    done
  done

  log "starting Redis :$redis_port, api x$apis :$api_port.., model x$models :$(( model_base + 1 )).."
  threads=${MODEL_INTRA_OP_THREADS:-$(( cores / models > 0 ? cores / models : 1 ))}
  # run-local.sh starts Redis (with the project's redis.conf), the first api and the model-services.
  RUN_DIR="$stack_dir" PORT=$api_port REDIS_PORT=$redis_port MODEL_BASE_PORT=$model_base \
    MODEL_INTRA_OP_THREADS=$threads UPLOAD_DIR="$root/$stack_dir/uploads" \
    setsid ./run-local.sh --models "${model_spec:-$models}" --no-build > "$stack_dir/run-local.log" 2>&1 &
  stack_pids+=($!)
  api_urls="http://127.0.0.1:$api_port"
  api_metrics="http://127.0.0.1:$api_port/actuator/prometheus"
  for i in $(seq 1 $(( apis - 1 ))); do
    local port=$(( api_port + i ))
    REDIS_HOST=127.0.0.1 REDIS_PORT=$redis_port PORT=$port UPLOAD_DIR="$root/$stack_dir/uploads" \
      setsid java ${JAVA_OPTS:-} -jar "$api_jar" > "$stack_dir/api-$((i + 1)).log" 2>&1 &
    stack_pids+=($!)
    api_urls+=",http://127.0.0.1:$port"
    api_metrics+=",http://127.0.0.1:$port/actuator/prometheus"
  done
  model_metrics=""
  for i in $(seq 1 "$models"); do
    model_metrics+="${model_metrics:+,}http://127.0.0.1:$(( model_base + i ))/actuator/prometheus"
  done
  local url
  for url in ${api_urls//,/ }; do wait_ready "$url/actuator/health/readiness" 300 || return 1; done
  for url in ${model_metrics//,/ }; do wait_ready "${url%/prometheus}/health/readiness" 300 || return 1; done
  api_pids=$(pids_on_ports $(seq "$api_port" $(( api_port + apis - 1 ))))
  model_pids=$(pids_on_ports $(seq $(( model_base + 1 )) $(( model_base + models ))))
  redis_pids=$(pids_on_ports "$redis_port")
  if [ "$priority" = model-first ]; then
    # Linux schedules threads: the api's many upload threads would otherwise crowd out the model's two. Existing
    # threads are reniced; threads created later inherit their creator's value.
    renice_all "$model_nice" ${model_pids//,/ }
    renice_all "$api_nice" ${api_pids//,/ }
  fi
}

renice_all() {   # nice value, pids: every thread of each process
  local nice=$1 pid task; shift
  for pid in "$@"; do
    for task in /proc/"$pid"/task/*; do renice -n "$nice" -p "${task##*/}" >/dev/null 2>&1 || true; done
  done
}

close_stack() {
  [ ${#stack_pids[@]} -gt 0 ] || return 0
  log "stopping the stack"
  stop_stack
  # The unique uploads add up to gigabytes over a matrix; the report needs none of them.
  rm -rf "${stack_dir:?}/uploads" "${stack_dir:?}/redis"
  stack_shape=""
}

# A reused stack starts the next test empty: no job of the last test still queued or waiting (bounded).
wait_drained() {
  local deadline=$(( $(date +%s) + 90 ))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    local busy
    busy=$(curl -fsS -m 2 -H "Authorization: Bearer $OPERATOR_TOKEN" "${api_metrics%%,*}" 2>/dev/null \
      | awk '/^classifier_(queue_depth|requests_waiting)[{ ]/ { s += $NF } END { print (NR ? s + 0 : -1) }')
    [ "$busy" = 0 ] && return 0
    sleep 2
  done
  log "the queue did not drain in 90 s; starting anyway"
}

# A new stack gets a short warm-up before its first test, as a deployment warms an instance before it takes traffic:
# a JVM compiles its hot code in its first thousands of requests, and in a cold test that compilation took about 40 %
# of the api's CPU (JFR). Each api instance serves the page, 200 photos already classified (answered from the result
# cache) and 40 new ones (a few bytes appended after the image's end make a new file; the model runs), 4 at a time.
warm_up() {
  local url dir="$stack_dir/warm-up" started_at
  started_at=$(date +%s)
  mkdir -p "$dir"
  local photos=("$photos_dir"/*.jpg "$photos_dir"/*.bmp)
  # With a mix, each model gets its share of the warm-up: upload i asks for model i mod the mix's models. No
  # trailing blank without one: xargs -L joins a line that ends in a blank to the next, and until 2026-11-30 the 240
  # uploads went as one malformed curl (400) while the log read "50 x 200, 1 x 400": the first test ran cold.
  local warm_models=() m
  IFS=',' read -r -a warm_models <<<"$(sed 's/=[^,]*//g' <<<"$mix")"
  [ ${#warm_models[@]} -gt 0 ] || warm_models=("")
  for url in ${api_urls//,/ }; do
    local i
    for i in $(seq 1 40); do
      cp "${photos[$(( i % ${#photos[@]} ))]}" "$dir/new-$i"
      printf 'warm-up %s %s' "$url" "$i" >> "$dir/new-$i"
    done
    {
      for i in $(seq 1 50); do echo "page $url/"; done
      for i in $(seq 1 200); do
        m=${warm_models[$(( i % ${#warm_models[@]} ))]}
        echo "predict $url/predict ${photos[$(( i % ${#photos[@]} ))]}${m:+ $m}"
      done
      for i in $(seq 1 40); do
        m=${warm_models[$(( i % ${#warm_models[@]} ))]}
        echo "predict $url/predict $dir/new-$i${m:+ $m}"
      done
    } | xargs -P 4 -L 1 bash -c 'if [ "$0" = page ]; then curl -s -o /dev/null -w "%{http_code}\n" -m 30 "$1";
        else curl -s -o /dev/null -w "%{http_code}\n" -m 30 -F "file=@$2" ${3:+-F "model=$3"} "$1"; fi' \
      > "$dir/status-${url##*:}.txt"
  done
  log "warm-up: $(cat "$dir"/status-*.txt | sort | uniq -c | awk '{ printf "%s%s x %s", (NR > 1 ? ", " : ""), $1, $2 }') in $(( $(date +%s) - started_at )) s"
  rm -f "$dir"/new-*
  wait_drained
}

run_test() {
  local id=$1 users=$2 spawn=$3 apis=$4 models=$5 unique=$6
  local dir="$out/test-$id" shape="$apis x $models" reused=no
  mkdir -p "$dir"
  if [ "$stack_shape" = "$shape" ] && [ ${#stack_pids[@]} -gt 0 ] && kill -0 "${stack_pids[0]}" 2>/dev/null; then
    reused=yes
    wait_drained
  else
    close_stack
    start_stack "$id" "$apis" "$models" || { close_stack; return 1; }
    stack_shape=$shape
    warm_up
  fi

  local ramp=$(( (users + spawn - 1) / spawn ))
  {
    echo "id=$id"; echo "users=$users"; echo "spawn_rate=$spawn"; echo "api_instances=$apis"
    echo "model_services=$models"; echo "unique_uploads=$unique"; echo "ramp_s=$ramp"; echo "hold_s=$hold"
    echo "intra_op_threads=$threads"; echo "stack=$stack_dir"; echo "stack_reused=$reused"
    echo "load_before=$(cut -d' ' -f1-3 /proc/loadavg)"
  } > "$dir/scenario.properties"

  log "test $id: $users users at $spawn/s for ${ramp}s + ${hold}s (stack reused: $reused)"
  LOADTEST_USERS=$users LOADTEST_SPAWN_RATE=$spawn LOADTEST_HOLD_SECONDS=$hold LOADTEST_BASE_URLS=$api_urls \
    LOADTEST_API_METRICS=$api_metrics LOADTEST_MODEL_METRICS=$model_metrics LOADTEST_IMAGES="$photos_dir" \
    LOADTEST_UNIQUE=$unique LOADTEST_OUTPUT="$dir" \
    LOADTEST_API_PIDS=$api_pids LOADTEST_MODEL_PIDS=$model_pids LOADTEST_REDIS_PIDS=$redis_pids \
    LOADTEST_OPERATOR_TOKEN=$OPERATOR_TOKEN \
    timeout $(( ramp + hold + 300 )) nice -n "$([ "$priority" = model-first ] && echo "$loadgen_nice" || echo 0)" \
    ./mvnw -B -q -pl loadtest gatling:test -Dgatling.results="$dir/gatling" \
    -Dloadtest.heap="$gatling_heap" \
    > "$dir/gatling.log" 2>&1 || log "test $id: Gatling ended with status $? (see $dir/gatling.log)"
  # The api's own line for every upload of this test (the stack's requests since the test began; a reused stack
  # has drained the test before): the report's server-side times (ServerTimes). ISO timestamps compare as text.
  local from
  from=$(date -u -d "@$(( $(sed -n 's/^start_ms=//p' "$dir/window.properties" 2>/dev/null || echo 0) / 1000 ))" \
    +%Y-%m-%dT%H:%M:%S)
  awk -v from="$from" '$1 >= from && / request +: POST \/predict/' "$root/$stack_dir"/api*.log \
    > "$dir/api-requests.log" 2>/dev/null || true
  # And each worker's line for every answer it gave meanwhile: joined by job id, where each answer's time went
  # (AnswerStages).
  awk -v from="$from" '$1 >= from && /Answered .* after it was queued\)/' "$root/$stack_dir"/model*.log \
    > "$dir/worker-answers.log" 2>/dev/null || true
  grep -E "> (request count|response time (50th|95th) percentile|mean throughput)" "$dir/gatling.log" | head -4 || true
  grep -E "> status.find" "$dir/gatling.log" | sort -u | head -5 || true
}

for row in "${selected[@]}"; do
  IFS=$'\t' read -r id users spawn apis models unique _ <<<"$row"
  run_test "$id" "$users" "$spawn" "$apis" "${model_count:-$models}" "$unique" || log "test $id failed; going on with the next"
done
close_stack
echo "duration_s=$(( $(date +%s) - started ))" >> "$out/run.properties"
log "results in $out"
[ "$report" = no ] || make_report "$out"
