#!/usr/bin/env bash
# Runs the whole system on this machine without Docker: Redis (if nothing listens on 127.0.0.1:6379), the api-service
# on port 8080 and N model-services. Ctrl-C stops everything it started.
#
#   ./run-local.sh [--models N] [--no-build]
#
# Model settings pass through from the environment, e.g.
#   MODEL_PATH=../shared/models/mobilenetv2/mobilenetv2-float.h5 MODEL_PREPROCESSING=torch ./run-local.sh
set -euo pipefail
cd "$(dirname "$0")"

models=1
build=auto
while [ $# -gt 0 ]; do
  case "$1" in
    --models) models="$2"; shift 2 ;;
    --models=*) models="${1#*=}"; shift ;;
    --no-build) build=no; shift ;;
    --build) build=yes; shift ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

run_dir=${RUN_DIR:-run}
mkdir -p "$run_dir"
api_jar=$(ls api-service/target/api-service-*.jar 2>/dev/null | grep -v original | head -1 || true)
model_jar=$(ls model-service/target/model-service-*-exec.jar 2>/dev/null | head -1 || true)
if [ "$build" = yes ] || { [ "$build" = auto ] && { [ -z "$api_jar" ] || [ -z "$model_jar" ] \
    || [ -n "$(find common/src api-service/src model-service/src -newer "$model_jar" -type f | head -1)" ]; }; }; then
  echo "Building..."
  ./mvnw -B -q -DskipTests package
  api_jar=$(ls api-service/target/api-service-*.jar | grep -v original | head -1)
  model_jar=$(ls model-service/target/model-service-*-exec.jar | head -1)
fi

pids=()
redis_pid=""
cleanup() {
  trap - INT TERM EXIT
  echo "Stopping..."
  # Services first (they finish their batch in hand and drain), Redis last.
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ -n "$redis_pid" ]; then kill "$redis_pid" 2>/dev/null || true; wait "$redis_pid" 2>/dev/null || true; fi
}
trap cleanup INT TERM EXIT

redis_host=${REDIS_HOST:-127.0.0.1}
redis_port=${REDIS_PORT:-6379}
if (exec 3<>"/dev/tcp/$redis_host/$redis_port") 2>/dev/null; then
  echo "Using the Redis already listening on $redis_host:$redis_port"
else
  echo "Starting redis-server on $redis_host:$redis_port with redis.conf (data in $run_dir/redis)"
  mkdir -p "$run_dir/redis"
  redis-server redis.conf --bind 127.0.0.1 --port "$redis_port" --dir "$(pwd)/$run_dir/redis" \
    --logfile "$(pwd)/$run_dir/redis.log" ${REDIS_PASSWORD:+--requirepass "$REDIS_PASSWORD"} &
  redis_pid=$!
fi
export REDIS_HOST=$redis_host REDIS_PORT=$redis_port

java_opts=${JAVA_OPTS:-}
for i in $(seq 1 "$models"); do
  model_port=$(( ${MODEL_BASE_PORT:-8080} + i ))
  echo "Starting model-service $i (metrics on :$model_port, log: $run_dir/model-$i.log)"
  # shellcheck disable=SC2086
  PORT=$model_port java $java_opts -jar "$model_jar" > "$run_dir/model-$i.log" 2>&1 &
  pids+=($!)
done
echo "Starting api-service on http://localhost:${PORT:-8080} (log: $run_dir/api.log)"
# shellcheck disable=SC2086
java $java_opts -jar "$api_jar" > "$run_dir/api.log" 2>&1 &
pids+=($!)

echo "Running. Ctrl-C stops everything."
wait -n "${pids[@]}" ${redis_pid:+"$redis_pid"} || true
echo "A process exited; see the logs in $run_dir/"
