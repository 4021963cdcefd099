#!/usr/bin/env bash
# Runs the whole system on this machine without Docker: Redis (unless something already listens on
# REDIS_HOST:REDIS_PORT), the api-service on port PORT and N model-services, and keeps them running.
#
#   ./run-local.sh [--models N | --models NAME=N[,NAME=N...]] [--no-build | --build]
#   ./run-local.sh [--models NAME=N[,...]] --fetch-model
#
#   --models N     model-services to run (default 1), all serving the same model (MODEL_NAME etc. from the
#                  environment); worker i serves its probes and metrics on MODEL_BASE_PORT+i
#   --models resnet50=2,mobilenetv2=1
#                  several models side by side: N workers of each named model, each started with MODEL_NAME=<name>
#                  (a catalogue name: resnet50, mobilenetv2), numbered on in that order (here resnet50 on +1 and
#                  +2, mobilenetv2 on +3). resnet50 is started without MODEL_NAME, as the services' own default: so,
#                  without its weights in the cache, it serves the embedded MobileNetV2 under that name, as always.
#                  Each model has its own queue; the api sends an upload to the one its `model` field names, and one
#                  without to QUEUE_DEFAULT_MODEL (default resnet50) (docs/operations.md)
#   --no-build     use the jars in */target as they are; --build: always rebuild (default: build when a jar is
#                  missing or older than the sources)
#   --fetch-model  download the model into the cache and exit (MODEL_CACHE_DIR, default
#                  ~/.cache/image-classifier/models; MODEL_NAME, default resnet50; MODEL_ENGINE, default the model's
#                  first), so that no model-service waits on the network at start-up (docs/models.md); after
#                  --models NAME=N,...: each named model
#
# Supervision: a service that exits (crash, kill -9, out of memory) is restarted after 1 s, 2 s, 4 s ... at most
# 30 s; the wait starts again at 1 s once a service stayed up 60 s. Each restart is logged here with the exit code,
# and the service's log goes on in the same file. The Redis this script started is restarted the same way.
# Ctrl-C / SIGTERM stops in order, without restarts: the api-service first (graceful: it takes no new requests and
# answers those in flight), then the model-services (each finishes its batch in hand), then the Redis it started.
# Every step waits at most 45 s (api), 40 s (models), 10 s (Redis), then SIGKILLs what is left and says so.
#
# Environment: RUN_DIR (logs, Redis data; default run), PORT (api, 8080), MODEL_BASE_PORT (8080), REDIS_HOST
# (127.0.0.1), REDIS_PORT (6379), JAVA_OPTS (options of every JVM). Everything else passes through to the services,
# e.g. the model (MODEL_NAME, MODEL_PATH, MODEL_DOWNLOAD, ...):
#   MODEL_NAME=mobilenetv2 ./run-local.sh --models 2      # the MobileNetV2 in the jar: no download at all
#   ./run-local.sh --models resnet50=2,mobilenetv2=1     # two models (ResNet50 from the cache: --fetch-model first;
#                                                        # without it the embedded MobileNetV2 stands in, as always)
# MODEL_PATH names one file for every worker: with several named models it is refused (each would load that file).
# Without MODEL_NAME, the file is served under a name made from it (my-model.onnx: my-model), which becomes the api's
# default model (QUEUE_DEFAULT_MODEL) for this run.
set -euo pipefail
cd "$(dirname "$0")"

models=1
build=auto
fetch_model=no
while [ $# -gt 0 ]; do
  case "$1" in
    --models) models="${2:?--models needs a number}"; shift 2 ;;
    --models=*) models="${1#*=}"; shift ;;
    --no-build) build=no; shift ;;
    --build) build=yes; shift ;;
    --fetch-model) fetch_model=yes; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done

# The workers, one entry each: the model it serves (empty: whatever MODEL_NAME/MODEL_PATH the environment gives).
worker_models=()
# Model names as the services accept them (issue #18): lower case, digits, '.', '_', '-'; at most 64 characters.
name_pattern='^[a-z0-9][a-z0-9._-]{0,63}$'
case "$models" in
  '') echo "--models needs a number or NAME=N[,NAME=N...]" >&2; exit 2 ;;
  *[!0-9]*)
    named=" "
    IFS=',' read -r -a entries <<<"$models"
    for entry in "${entries[@]}"; do
      name=${entry%%=*} count=${entry#*=}
      if [ "$name" = "$entry" ] || ! [[ "$name" =~ $name_pattern ]]; then
        echo "--models: '$entry' is not NAME=N (NAME: a model name such as resnet50 or mobilenetv2)" >&2; exit 2
      fi
      case "$count" in ''|*[!0-9]*|0) echo "--models: '$entry' needs a worker count of 1 or more" >&2; exit 2 ;; esac
      [[ "$named" != *" $name "* ]] || { echo "--models: $name is named twice" >&2; exit 2; }
      named+="$name "
      for _ in $(seq 1 "$count"); do worker_models+=("$name"); done
    done
    if [ -n "${MODEL_PATH:-}" ] && [ "$(wc -w <<<"$named")" -gt 1 ]; then
      echo "MODEL_PATH is set: every worker of every model would load $MODEL_PATH. Unset it to run several models" \
        "(or run one named model: --models <display name>=N)" >&2
      exit 2
    fi
    ;;
  *) for _ in $(seq 1 "$models"); do worker_models+=(""); done ;;
esac

log() { echo "[run-local $(date +%H:%M:%S)] $*"; }


# --- jars --------------------------------------------------------------------------------------------------------
find_jars() {
  api_jar=$(find api-service/target -maxdepth 1 -name 'api-service-*.jar' ! -name '*original*' 2>/dev/null \
    | sort | head -1)
  model_jar=$(find model-service/target -maxdepth 1 -name 'model-service-*-exec.jar' 2>/dev/null | sort | head -1)
}
find_jars
if [ "$build" = yes ] || { [ "$build" = auto ] && { [ -z "$api_jar" ] || [ -z "$model_jar" ] \
    || [ -n "$(find common/src api-service/src model-service/src -newer "$model_jar" -type f | head -1)" ]; }; }; then
  log "building..."
  ./mvnw -B -q -DskipTests package
  find_jars
fi
if [ -z "$api_jar" ] || [ -z "$model_jar" ]; then
  echo "no jars in */target: build them (drop --no-build)" >&2
  exit 2
fi

java_opts=${JAVA_OPTS:-}

# --- --fetch-model -----------------------------------------------------------------------------------------------
if [ "$fetch_model" = yes ]; then
  cache_dir=${MODEL_CACHE_DIR:-$HOME/.cache/image-classifier/models}
  [ -z "${MODEL_PATH:-}" ] || log "note: MODEL_PATH is set, so the services load $MODEL_PATH and not the cached model"
  # Each named model once (several workers of one model share the cache), or MODEL_NAME as before.
  fetch_names=$(printf '%s\n' "${worker_models[@]}" | awk 'NF && !seen[$0]++')
  status=0
  for model_name in ${fetch_names:-${MODEL_NAME:-resnet50}}; do
    log "fetching model $model_name${MODEL_ENGINE:+ ($MODEL_ENGINE)} into $cache_dir"
    # shellcheck disable=SC2086  # JAVA_OPTS is a list of options
    java $java_opts -cp "$model_jar" -Dloader.main=com.example.classifier.modelservice.model.ModelPrefetch \
      org.springframework.boot.loader.launch.PropertiesLauncher "$cache_dir" "$model_name" "${MODEL_ENGINE:-}" \
      && code=0 || code=$?
    if [ "$code" = 0 ]; then log "model $model_name is in $cache_dir"; else log "fetch of $model_name failed (exit code $code)"; status=$code; fi
  done
  exit "$status"
fi

run_dir=${RUN_DIR:-run}
mkdir -p "$run_dir"
run_dir=$(cd "$run_dir" && pwd)

redis_host=${REDIS_HOST:-127.0.0.1}
redis_port=${REDIS_PORT:-6379}
export REDIS_HOST=$redis_host REDIS_PORT=$redis_port
api_port=${PORT:-8080}
model_base_port=${MODEL_BASE_PORT:-8080}
# The api's graceful shutdown waits this long for requests in flight; they wait at most queue.request-timeout (30 s)
# for their answer. Spring's default, 30 s, would cut off a request that came in just before the stop.
api_shutdown_phase=${SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE:-35s}
api_stop_wait=45
model_stop_wait=40
redis_stop_wait=10
backoff_max=30
stable_after=60

# One model file for every worker (MODEL_PATH) and no name: a model-service serves it under a name made from the file
# (model.name), so the api's default model must be that name too, or requests that name no model would wait for
# workers of a model nobody serves (resnet50). Both services read QUEUE_DEFAULT_MODEL.
if [ -n "${MODEL_PATH:-}" ] && [ -z "${MODEL_NAME:-}" ] && [ -z "${named:-}" ] && [ -z "${QUEUE_DEFAULT_MODEL:-}" ]; then
  stem=$(basename "$MODEL_PATH")
  MODEL_NAME=$(tr 'A-Z' 'a-z' <<<"${stem%.*}" | sed -e 's/[^a-z0-9._-]/-/g' -e 's/^[._-]*//' | cut -c1-64)
  [[ "$MODEL_NAME" =~ $name_pattern ]] && [ "$MODEL_NAME" != enqueued ] && [ "$MODEL_NAME" != batch-ms ] \
    || MODEL_NAME=custom-model
  export MODEL_NAME QUEUE_DEFAULT_MODEL=$MODEL_NAME
  log "MODEL_PATH without MODEL_NAME: serving it as model '$MODEL_NAME', the api's default (QUEUE_DEFAULT_MODEL)"
fi

# --- the services ------------------------------------------------------------------------------------------------
# One entry per service; pid is empty while it waits for its restart (at next_start, in $SECONDS).
names=() kinds=() logs=() ports=() served=() pids=() started=() next_start=() delays=() restarts=()
add_service() {   # name, kind, log file, port, [model name: MODEL_NAME of a model-service]
  names+=("$1"); kinds+=("$2"); logs+=("$3"); ports+=("$4"); served+=("${5:-}")
  pids+=(""); started+=(0); next_start+=(0); delays+=(1); restarts+=(0)
}

launch() {   # index
  local i=$1
  if [ "${restarts[i]}" = 0 ]; then
    : > "${logs[i]}"
  else
    echo "----- run-local.sh: restart ${restarts[i]} at $(date '+%F %T') -----" >> "${logs[i]}"
  fi
  case "${kinds[i]}" in
    redis)
      # Its own process group: a Ctrl-C in the terminal reaches the whole foreground group, and redis-server, unlike
      # the JVMs started below (they inherit SIGINT ignored), would stop at once, before the services.
      set -m
      redis-server redis.conf --bind 127.0.0.1 --port "${ports[i]}" --dir "$run_dir/redis" \
        ${REDIS_PASSWORD:+--requirepass "$REDIS_PASSWORD"} >> "${logs[i]}" 2>&1 &
      set +m
      ;;
    api)
      # shellcheck disable=SC2086  # JAVA_OPTS is a list of options
      SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE=$api_shutdown_phase \
        java $java_opts -jar "$api_jar" >> "${logs[i]}" 2>&1 &
      ;;
    model)
      if [ "${served[i]}" = resnet50 ] && [ -z "${MODEL_PATH:-}" ]; then
        # The catalogue default, which a model-service serves when it is given no name: so without MODEL_NAME, and
        # it starts as ./run-local.sh always did, ResNet50 from the cache (or fetched), else the embedded
        # MobileNetV2 with a WARN and "offline fallback" in every answer, still under the name resnet50. An explicit
        # MODEL_NAME=resnet50 would refuse to start offline instead.
        # shellcheck disable=SC2086
        PORT=${ports[i]} env -u MODEL_NAME java $java_opts -jar "$model_jar" >> "${logs[i]}" 2>&1 &
      elif [ -n "${served[i]}" ]; then
        # shellcheck disable=SC2086
        PORT=${ports[i]} MODEL_NAME=${served[i]} java $java_opts -jar "$model_jar" >> "${logs[i]}" 2>&1 &
      else
        # shellcheck disable=SC2086
        PORT=${ports[i]} java $java_opts -jar "$model_jar" >> "${logs[i]}" 2>&1 &
      fi
      ;;
  esac
  pids[i]=$!
  started[i]=$SECONDS
}

# Notices services that exited and schedules their restart: 1 s, then twice as long each time up to 30 s, back to
# 1 s after a run of 60 s or more.
check_services() {
  local i code up
  for i in "${!names[@]}"; do
    [ -n "${pids[i]}" ] || continue
    kill -0 "${pids[i]}" 2>/dev/null && continue
    code=0
    wait "${pids[i]}" 2>/dev/null || code=$?
    up=$(( SECONDS - started[i] ))
    [ "$up" -lt "$stable_after" ] || delays[i]=1
    log "${names[i]} (pid ${pids[i]}) exited with code $code after ${up} s; restarting it in ${delays[i]} s" \
      "(log: ${logs[i]})"
    pids[i]=""
    next_start[i]=$(( SECONDS + delays[i] ))
    delays[i]=$(( delays[i] * 2 > backoff_max ? backoff_max : delays[i] * 2 ))
  done
  for i in "${!names[@]}"; do
    if [ -z "${pids[i]}" ] && [ "$SECONDS" -ge "${next_start[i]}" ] && [ "$stop_requested" = no ]; then
      restarts[i]=$(( restarts[i] + 1 ))
      launch "$i"
      log "restarted ${names[i]} (restart ${restarts[i]}, pid ${pids[i]}, log: ${logs[i]})"
    fi
  done
}

stop_kind() {   # kind, what to call them, seconds to wait
  local kind=$1 what=$2 bound=$3 i code deadline alive
  local todo=()
  for i in "${!names[@]}"; do
    [ "${kinds[i]}" = "$kind" ] || continue
    if [ -n "${pids[i]}" ]; then todo+=("$i"); else log "${names[i]} was waiting for its restart: not started again"; fi
  done
  [ ${#todo[@]} -gt 0 ] || return 0
  log "stopping $what (SIGTERM, waiting up to $bound s)"
  for i in "${todo[@]}"; do kill -TERM "${pids[i]}" 2>/dev/null || true; done
  deadline=$(( SECONDS + bound ))
  while :; do
    alive=()
    for i in "${todo[@]}"; do if kill -0 "${pids[i]}" 2>/dev/null; then alive+=("$i"); fi; done
    [ ${#alive[@]} -gt 0 ] || break
    if [ "$SECONDS" -ge "$deadline" ]; then
      for i in "${alive[@]}"; do
        log "${names[i]} (pid ${pids[i]}) still running after $bound s: SIGKILL (log: ${logs[i]})"
        kill -KILL "${pids[i]}" 2>/dev/null || true
      done
      break
    fi
    sleep 0.2 || true   # a Ctrl-C in the terminal also reaches this sleep
  done
  for i in "${todo[@]}"; do
    code=0
    wait "${pids[i]}" 2>/dev/null || code=$?
    log "${names[i]} stopped (exit code $code)"
    pids[i]=""
  done
}

stopped=no
stop_all() {
  [ "$stopped" = no ] || return 0
  stopped=yes
  trap 'log "already stopping (every wait is bounded)"' INT TERM HUP
  log "stopping: api-service, then model-services, then Redis"
  stop_kind api "the api-service" "$api_stop_wait"
  stop_kind model "the model-services" "$model_stop_wait"
  stop_kind redis "Redis" "$redis_stop_wait"
  log "stopped"
}

stop_requested=no
stop_signal=""
# shellcheck disable=SC2317  # called by the traps below
on_signal() {
  if [ "$stop_requested" = no ]; then
    stop_requested=yes
    stop_signal=$1
  fi
}
trap 'on_signal INT' INT
trap 'on_signal TERM' TERM
trap 'on_signal HUP' HUP
trap stop_all EXIT

# --- start -------------------------------------------------------------------------------------------------------
if (exec 3<>"/dev/tcp/$redis_host/$redis_port") 2>/dev/null; then
  log "using the Redis already listening on $redis_host:$redis_port"
else
  mkdir -p "$run_dir/redis"
  add_service "Redis" redis "$run_dir/redis.log" "$redis_port"
  launch $(( ${#names[@]} - 1 ))
  log "started redis-server on 127.0.0.1:$redis_port with redis.conf (data in $run_dir/redis, log: $run_dir/redis.log)"
fi
for n in $(seq 1 "${#worker_models[@]}"); do
  model=${worker_models[n-1]}
  if [ -n "$model" ]; then
    add_service "model-service $n ($model)" model "$run_dir/model-$n-$model.log" $(( model_base_port + n )) "$model"
  else
    add_service "model-service $n" model "$run_dir/model-$n.log" $(( model_base_port + n ))
  fi
  launch $(( ${#names[@]} - 1 ))
  log "started ${names[-1]} (metrics on :$(( model_base_port + n )), log: ${logs[-1]})"
done
if [ ${#worker_models[@]} -gt 0 ] && [ -n "${worker_models[0]}" ]; then
  # The banner: which model on which ports, and where uploads without a `model` field go.
  default_model=${QUEUE_DEFAULT_MODEL:-resnet50}
  summary=$(for n in "${!worker_models[@]}"; do echo "${worker_models[n]} $(( model_base_port + n + 1 ))"; done | awk '
    { if (!($1 in count)) order[++k] = $1; count[$1]++; ports[$1] = ports[$1] (count[$1] > 1 ? "," : "") ":" $2 }
    END { for (i = 1; i <= k; i++) printf "%s%s x%d (%s)", (i > 1 ? ", " : ""), order[i], count[order[i]], ports[order[i]] }')
  log "models: $summary; uploads without a model go to $default_model (QUEUE_DEFAULT_MODEL)"
  if [[ " ${worker_models[*]} " != *" $default_model "* ]]; then
    log "warning: no worker serves the default model $default_model: uploads without a model field get 503"
  fi
fi
add_service "api-service" api "$run_dir/api.log" "$api_port"
launch $(( ${#names[@]} - 1 ))
log "started api-service on http://localhost:$api_port (log: $run_dir/api.log)"
log "running; services that exit are restarted. Ctrl-C stops everything (api, then models, then Redis)."

# --- supervise ---------------------------------------------------------------------------------------------------
while [ "$stop_requested" = no ]; do
  check_services
  # A signal ends this wait at once (the trap runs as soon as `wait` returns).
  sleep 1 &
  wait $! 2>/dev/null || true
done
log "got SIG$stop_signal"
stop_all
trap - EXIT
case "$stop_signal" in INT) exit 130 ;; TERM) exit 143 ;; *) exit 129 ;; esac
