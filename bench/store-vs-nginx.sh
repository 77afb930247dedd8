#!/usr/bin/env bash
# Measures the xfs store against nginx (Debian's nginx-light, sendfile on, 2 workers) on loopback with
# Debian's wrk, in one run, files of both on the same disk:
#   GET    random 1 KiB needles (10,000)      vs  GET random 1 KiB static files (10,000)
#   upload 1 KiB needles, durability none     vs  nginx WebDAV PUT of 1 KiB files
#   upload 1 KiB needles, durability fsync    vs  the same nginx PUT figure (nginx does not fsync)
# and prints the ratios. Each comparison runs ROUNDS times, alternating nginx and the store, and reports the
# median of each side and the median of the per-round ratios, so that load from other processes hits both.
# Every wrk run is bounded (WARMUP seconds once per server and test, then DURATION seconds per round).
#
# Usage: bench/store-vs-nginx.sh            (builds store-service/target/store-service.jar if missing)
# Env:   DURATION=5 WARMUP=5 STORE_WARMUP=20 ROUNDS=3 THREADS=2 CONNECTIONS=32 WORK=/tmp/xfs-bench.XXXX JAVA=...
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DURATION=${DURATION:-5}
ROUNDS=${ROUNDS:-3}
WARMUP=${WARMUP:-5}
# The JVM needs longer to reach steady state (JIT), the more so on a loaded machine.
STORE_WARMUP=${STORE_WARMUP:-20}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
FILES=10000
NGINX_PORT=${NGINX_PORT:-18080}
STORE_PORT=${STORE_PORT:-18062}
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
JAR=$ROOT/store-service/target/store-service.jar

if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null; then
  apt-get update && apt-get install -y wrk nginx-light
fi
if [[ ! -f $JAR ]]; then
  (cd "$ROOT" && JAVA_HOME=$(dirname "$(dirname "$JAVA")") ./mvnw -B -q -pl store-service -am package -DskipTests)
fi

WORK=${WORK:-$(mktemp -d "${TMPDIR:-/tmp}/xfs-bench.XXXXXX")}
mkdir -p "$WORK"/{www/static,www/dav,nginx-tmp,store,lua}
NGINX_PID=""
STORE_PID=""
cleanup() {
  [[ -n $STORE_PID ]] && kill "$STORE_PID" 2>/dev/null && wait "$STORE_PID" 2>/dev/null || true
  [[ -n $NGINX_PID ]] && kill "$NGINX_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# ---- data: 10,000 random 1 KiB files for nginx, written by the same code that preloads the store later
python3 - "$WORK/www/static" "$FILES" <<'EOF'
import os, sys
d, n = sys.argv[1], int(sys.argv[2])
for i in range(1, n + 1):
    with open(os.path.join(d, "f%d" % i), "wb") as f:
        f.write(os.urandom(1024))
EOF

# ---- nginx: 2 workers, sendfile, WebDAV PUT under /dav/
NGINX_USER=""
[[ $(id -u) == 0 ]] && NGINX_USER="user root;"  # the workers must read and write the temp dir
cat > "$WORK/nginx.conf" <<EOF
$NGINX_USER
worker_processes 2;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
daemon off;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  client_body_temp_path $WORK/nginx-tmp;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $WORK/www;
    location /static/ { }
    location /dav/ {
      dav_methods PUT;
      create_full_put_path on;
      client_max_body_size 1m;
    }
  }
}
EOF
nginx -c "$WORK/nginx.conf" -p "$WORK" &
NGINX_PID=$!

# ---- wrk scripts
cat > "$WORK/lua/static.lua" <<'EOF'
request = function()
  return wrk.format("GET", "/static/f" .. math.random(1, 10000))
end
EOF
cat > "$WORK/lua/get.lua" <<'EOF'
-- cookie = key * 7 + 1, as preloaded
request = function()
  local k = math.random(1, 10000)
  return wrk.format("GET", "/get?vid=1&key=" .. k .. "&cookie=" .. (k * 7 + 1))
end
EOF
cat > "$WORK/lua/body.lua" <<'EOF'
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
function init(args)
  counter = 0
  body = string.rep("x", 1024)
  prefix = args[1]
  vid = args[2]
end
request = function()
  counter = counter + 1
  local id = tid * 100000000 + counter
  if prefix == "dav" then
    return wrk.format("PUT", "/dav/" .. id .. ".bin", {["Content-Type"] = "application/octet-stream"}, body)
  end
  return wrk.format("POST", "/upload?vid=" .. vid .. "&key=" .. id .. "&cookie=1",
      {["Content-Type"] = "application/octet-stream"}, body)
end
EOF

# rps <url> <script> [args...]: one measured wrk run; prints requests/s
rps() {
  local url=$1 script=$2
  shift 2
  local out
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$script" "$url" -- "$@")
  echo "$out" >> "$WORK/wrk.log"
  if grep -q "Non-2xx" <<<"$out"; then
    echo "wrk saw errors against $url:" >&2
    echo "$out" >&2
    exit 1
  fi
  awk '/Requests\/sec/ {print $2}' <<<"$out"
}

warm() {
  local seconds=$1 url=$2 script=$3
  shift 3
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" -s "$script" "$url" -- "$@" >/dev/null
}

median() { sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

# compare <name> <nginx script> <nginx args> <store script> <store args>: ROUNDS alternating runs;
# prints "nginx_median store_median ratio_median" and logs each round
compare() {
  local name=$1 nscript=$2 nargs=$3 sscript=$4 sargs=$5 n s
  local -a ns=() ss=() rs=()
  # shellcheck disable=SC2086
  warm "$WARMUP" "http://127.0.0.1:$NGINX_PORT" "$nscript" $nargs
  # shellcheck disable=SC2086
  warm "$STORE_WARMUP" "http://127.0.0.1:$STORE_PORT" "$sscript" $sargs
  for round in $(seq 1 "$ROUNDS"); do
    # shellcheck disable=SC2086
    n=$(rps "http://127.0.0.1:$NGINX_PORT" "$nscript" $nargs)
    # shellcheck disable=SC2086
    s=$(rps "http://127.0.0.1:$STORE_PORT" "$sscript" $sargs)
    echo "  $name round $round: nginx $n req/s, store $s req/s (load $(cut -d' ' -f1 /proc/loadavg))" >&2
    ns+=("$n"); ss+=("$s"); rs+=("$(awk -v a="$s" -v b="$n" 'BEGIN {print a / b}')")
  done
  echo "$(printf '%s\n' "${ns[@]}" | median) $(printf '%s\n' "${ss[@]}" | median) $(printf '%s\n' "${rs[@]}" | median)"
}

start_store() {
  local durability=$1
  rm -rf "$WORK/store"
  "$JAVA" -Xmx1g -jar "$JAR" --server.port="$STORE_PORT" --xfs.data-dir="$WORK/store" \
      --xfs.store.durability="$durability" --logging.level.root=warn > "$WORK/store-$durability.log" 2>&1 &
  STORE_PID=$!
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$STORE_PORT/info" >/dev/null && return 0
    sleep 0.5
  done
  echo "store did not start:" >&2
  cat "$WORK/store-$durability.log" >&2
  exit 1
}

stop_store() {
  kill "$STORE_PID" && wait "$STORE_PID" 2>/dev/null || true
  STORE_PID=""
}

for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$NGINX_PORT/static/f1" >/dev/null && break; sleep 0.1; done

# ---- store with durability none: preload the 10,000 GET needles (batch uploads), then measure
start_store none
for vid in 1 2 3; do curl -sf -XPOST "http://127.0.0.1:$STORE_PORT/admin/add_volume?vid=$vid" >/dev/null; done
python3 - "http://127.0.0.1:$STORE_PORT" "$FILES" <<'EOF'
import os, sys, urllib.request
base, n = sys.argv[1], int(sys.argv[2])
for start in range(1, n + 1, 500):
    boundary = "xfsbench"
    parts = []
    for k in range(start, min(n, start + 499) + 1):
        for name, value in (("keys", str(k)), ("cookies", str(k * 7 + 1))):
            parts.append(("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n" % (boundary, name, value)).encode())
        parts.append(("--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"n\"\r\n\r\n" % boundary).encode())
        parts.append(os.urandom(1024) + b"\r\n")
    parts.append(("--%s--\r\n" % boundary).encode())
    req = urllib.request.Request(base + "/uploads?vid=1", data=b"".join(parts),
                                 headers={"Content-Type": "multipart/form-data; boundary=" + boundary})
    urllib.request.urlopen(req).read()
EOF

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg); wrk -t$THREADS -c$CONNECTIONS, $ROUNDS rounds of ${DURATION}s after a warm-up of ${WARMUP}s (nginx) and ${STORE_WARMUP}s (store)" >&2
read -r nginx_get store_get ratio_get < <(compare GET "$WORK/lua/static.lua" "" "$WORK/lua/get.lua" "")
read -r nginx_put store_put_none ratio_none < <(compare "PUT/none" "$WORK/lua/body.lua" "dav 0" "$WORK/lua/body.lua" "store 2")
stop_store

start_store fsync
curl -sf -XPOST "http://127.0.0.1:$STORE_PORT/admin/add_volume?vid=3" >/dev/null
read -r nginx_put2 store_put_fsync ratio_fsync < <(compare "PUT/fsync" "$WORK/lua/body.lua" "dav 0" "$WORK/lua/body.lua" "store 3")
stop_store

printf '\n| test | xfs store req/s | nginx req/s | ratio (median of rounds) | target |\n|---|---|---|---|---|\n'
printf '| GET random 1 KiB needle vs static file | %.0f | %.0f | %.2f | >= 0.5 |\n' "$store_get" "$nginx_get" "$ratio_get"
printf '| upload 1 KiB, durability none, vs WebDAV PUT | %.0f | %.0f | %.2f | >= 1.5 |\n' "$store_put_none" "$nginx_put" "$ratio_none"
printf '| upload 1 KiB, durability fsync (group commit), vs WebDAV PUT | %.0f | %.0f | %.2f | >= 0.5 |\n' "$store_put_fsync" "$nginx_put2" "$ratio_fsync"
if [[ -n ${KEEP_LOG:-} ]]; then cp "$WORK/wrk.log" "$KEEP_LOG"; fi
