#!/usr/bin/env bash
# GET /v1/file of 1 KiB files: sts against nginx serving the same files statically, in the same run, from
# the same disk, with wrk. Prints requests/s of each and the ratio sts/nginx.
# Usage: bench/sts-vs-nginx.sh        (env: DURATION=20s CONNECTIONS=32 THREADS=2 FILES=100 ROUNDS=2 NICE=0)
# On a machine other work shares, NICE=-10 (as root) runs sts, nginx and wrk ahead of it, so that the
# comparison is not decided by how many runnable threads each server has against the background load.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
FILES=${FILES:-100}
ROUNDS=${ROUNDS:-2}
NICE=${NICE:-0}
STS_PORT=${STS_PORT:-16070}
NGINX_PORT=${NGINX_PORT:-16080}

# 1. Tools: wrk and nginx from Debian when missing.
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

# 2. The sts jar.
if [ ! -f sts-service/target/sts-service.jar ]; then
  ./mvnw -B -q -pl sts-service -am package -DskipTests
fi

# 3. One work directory on the repository's disk for both servers.
mkdir -p bench/target
work=$(mktemp -d "$PWD/bench/target/sts-bench.XXXXXX")
chmod 755 "$work" # nginx workers run as an unprivileged user
sts_pid=""
cleanup() {
  cp "$work/sts.log" bench/target/sts-bench-last.log 2>/dev/null || true
  [ -n "$sts_pid" ] && kill "$sts_pid" 2>/dev/null && wait "$sts_pid" 2>/dev/null || true
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

nice -n "$NICE" "$JAVA_HOME/bin/java" -jar sts-service/target/sts-service.jar --server.port="$STS_PORT" \
  --xfs.data-dir="$work/sts" --logging.level.root=warn ${STS_ARGS:-} >"$work/sts.log" 2>&1 &
sts_pid=$!

mkdir -p "$work/www/v1/file"
cat >"$work/nginx.conf" <<CONF
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
events { worker_connections 1024; }
http {
  sendfile on;
  tcp_nopush on;
  access_log off;
  keepalive_requests 1000000;
  default_type application/octet-stream;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $work/www;
  }
}
CONF
nice -n "$NICE" "$NGINX" -c "$work/nginx.conf" -p "$work"

for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$STS_PORT/actuator/health" >/dev/null 2>&1 && break
  sleep 1
done
curl -fs "http://127.0.0.1:$STS_PORT/actuator/health" >/dev/null || { cat "$work/sts.log"; exit 1; }

# 4. The same 1 KiB files in both.
for i in $(seq 1 "$FILES"); do
  head -c 1024 /dev/urandom >"$work/www/v1/file/f$i"
  curl -fs -o /dev/null -X POST --data-binary @"$work/www/v1/file/f$i" \
    -H 'Content-Type: application/octet-stream' "http://127.0.0.1:$STS_PORT/v1/file/f$i"
done
cmp <(curl -fs "http://127.0.0.1:$STS_PORT/v1/file/f1") <(curl -fs "http://127.0.0.1:$NGINX_PORT/v1/file/f1")

cat >"$work/files.lua" <<LUA
local n = 0
request = function()
  n = n % $FILES + 1
  return wrk.format("GET", "/v1/file/f" .. n)
end
LUA

run() { # name port -> requests/s
  nice -n "$NICE" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" -s "$work/files.lua" "http://127.0.0.1:$2" >"$work/wrk-$1.txt"
  grep -E '^Requests/sec' "$work/wrk-$1.txt" | awk '{print $2}'
}

echo "warming sts up (${DURATION})..."
run warmup "$STS_PORT" >/dev/null
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), nice $NICE; files: $FILES x 1 KiB; wrk -t$THREADS -c$CONNECTIONS -d$DURATION"
total_sts=0
total_nginx=0
for round in $(seq 1 "$ROUNDS"); do
  n=$(run nginx "$NGINX_PORT")
  s=$(run sts "$STS_PORT")
  errors=$(grep -E 'Non-2xx|Socket errors' "$work/wrk-sts.txt" "$work/wrk-nginx.txt" || true)
  echo "round $round: nginx ${n} req/s, sts ${s} req/s, ratio $(awk -v s="$s" -v n="$n" 'BEGIN{printf "%.2f", s/n}')"
  [ -n "$errors" ] && echo "  $errors"
  grep -E 'Latency' "$work/wrk-nginx.txt" | sed 's/^/  nginx /'
  grep -E 'Latency' "$work/wrk-sts.txt" | sed 's/^/  sts   /'
  total_sts=$(awk -v a="$total_sts" -v b="$s" 'BEGIN{print a+b}')
  total_nginx=$(awk -v a="$total_nginx" -v b="$n" 'BEGIN{print a+b}')
done
echo "mean: nginx $(awk -v t="$total_nginx" -v r="$ROUNDS" 'BEGIN{printf "%.0f", t/r}') req/s," \
  "sts $(awk -v t="$total_sts" -v r="$ROUNDS" 'BEGIN{printf "%.0f", t/r}') req/s," \
  "sts/nginx $(awk -v s="$total_sts" -v n="$total_nginx" 'BEGIN{printf "%.2f", s/n}')"
