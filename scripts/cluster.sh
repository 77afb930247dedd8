#!/usr/bin/env bash
# A local multi-process xfs cluster with the topology of docker-compose.yml: one ZooKeeper (the
# standalone jar's embedded one), one directory, three stores on three racks (2 replicas), a proxy and
# two sts instances. Logs, pids and data live under $XFS_CLUSTER_DIR (default ./cluster).
#
#   scripts/cluster.sh up | down | status
#
# Ports can be moved with ZK_PORT, DIRECTORY_PORT, STORE_PORTS, PROXY_PORT, STS_PORTS; each store also
# takes its API port + 1 (its management port: admin calls, actuator), so keep those free. `down` stops
# only the processes whose pid files `up` wrote.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
. scripts/java-home.sh

dir=$(mkdir -p "${XFS_CLUSTER_DIR:-$root/cluster}" && cd "${XFS_CLUSTER_DIR:-$root/cluster}" && pwd)
ZK_PORT=${ZK_PORT:-2181}
DIRECTORY_PORT=${DIRECTORY_PORT:-6065}
STORE_PORTS=${STORE_PORTS:-"6062 6072 6082"}
PROXY_PORT=${PROXY_PORT:-2232}
STS_PORTS=${STS_PORTS:-"6070 6080"}
HOST=127.0.0.1
zk="$HOST:$ZK_PORT"

jars=(standalone/target/xfs-standalone.jar directory-service/target/directory-service.jar
      store-service/target/store-service.jar proxy-service/target/proxy-service.jar sts-service/target/sts-service.jar)

port_open() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }

# The admin key (docs/operations.md, "Access keys and the admin key"): from XFS_AUTH_ADMIN_ACCESS_KEY /
# XFS_AUTH_ADMIN_SECRET_KEY when both are set, else from $dir/data/admin.credentials (mode 0600, the
# standalone's format), created once with a new key. The proxy has auth on by default and needs it.
admin_key() {
  if [ -n "${XFS_AUTH_ADMIN_ACCESS_KEY:-}" ] && [ -n "${XFS_AUTH_ADMIN_SECRET_KEY:-}" ]; then
    admin_id=$XFS_AUTH_ADMIN_ACCESS_KEY admin_secret=$XFS_AUTH_ADMIN_SECRET_KEY admin_file=
    return
  fi
  admin_file="$dir/data/admin.credentials"
  if [ ! -f "$admin_file" ]; then
    # printf is a shell builtin: the secret is on no command line; umask makes the file 0600 from the start.
    (umask 077
     printf 'access_key_id=XFS%s\nsecret_access_key=%s\n' \
       "$(LC_ALL=C tr -dc 'A-Z2-7' </dev/urandom | head -c 17)" \
       "$(head -c 30 /dev/urandom | base64 | tr '+/' '-_')" >"$admin_file.tmp"
     mv "$admin_file.tmp" "$admin_file")
    echo "cluster: admin key created in $admin_file (keep it secret)"
  fi
  admin_id=$(sed -n 's/^access_key_id=//p' "$admin_file")
  admin_secret=$(sed -n 's/^secret_access_key=//p' "$admin_file")
}

# launch NAME PORT JAR ARGS...: starts one service in the background unless it already runs. With
# WITH_ADMIN_KEY=1 the service gets the admin key in its environment (never on its command line).
launch() {
  local name=$1 port=$2 jar=$3; shift 3
  if [ -f "$dir/pids/$name.pid" ] && kill -0 "$(cat "$dir/pids/$name.pid")" 2>/dev/null; then
    echo "$name already running (pid $(cat "$dir/pids/$name.pid"))"
    return
  fi
  if port_open "$port"; then
    echo "cluster: port $port for $name is taken by another process" >&2
    exit 1
  fi
  (if [ "${WITH_ADMIN_KEY:-}" = 1 ]; then
     export XFS_AUTH_ADMIN_ACCESS_KEY="$admin_id" XFS_AUTH_ADMIN_SECRET_KEY="$admin_secret"
   fi
   nohup "$JAVA_HOME/bin/java" ${XFS_JAVA_OPTS:--Xmx512m -XX:+UseSerialGC -XX:+UseCompactObjectHeaders} --enable-native-access=ALL-UNNAMED -jar "$jar" "$@" \
     >"$dir/logs/$name.log" 2>&1 &
   echo $! >"$dir/pids/$name.pid")
}

# Seven JVMs starting at once on a small machine take a while: allow XFS_START_TIMEOUT seconds (300).
await_port() {
  local name=$1 port=$2
  for _ in $(seq 1 $((2 * ${XFS_START_TIMEOUT:-300}))); do
    port_open "$port" && return 0
    if ! kill -0 "$(cat "$dir/pids/$name.pid")" 2>/dev/null; then
      echo "cluster: $name exited; last lines of $dir/logs/$name.log:" >&2
      tail -n 30 "$dir/logs/$name.log" >&2
      exit 1
    fi
    sleep 0.5
  done
  echo "cluster: $name did not open port $port" >&2
  exit 1
}

up() {
  for jar in "${jars[@]}"; do
    if [ ! -f "$jar" ]; then
      echo "cluster: building jars (./mvnw -q -B -DskipTests install) ..."
      ./mvnw -q -B -DskipTests install
      break
    fi
  done
  mkdir -p "$dir/logs" "$dir/pids" "$dir/data"
  admin_key
  launch zookeeper "$ZK_PORT" standalone/target/xfs-standalone.jar zookeeper \
    --zookeeper-port="$ZK_PORT" --data-dir="$dir/data"
  await_port zookeeper "$ZK_PORT"
  WITH_ADMIN_KEY=1 launch directory "$DIRECTORY_PORT" directory-service/target/directory-service.jar \
    --server.port="$DIRECTORY_PORT" --server.address="$HOST" --xfs.zookeeper.connect="$zk" \
    --xfs.data-dir="$dir/data/directory" --xfs.replicas=2 --xfs.directory.auto-provision=true \
    --xfs.directory.space-unit=1GB
  local i=0 racks=(rack-a rack-b rack-c)
  for port in $STORE_PORTS; do
    if port_open $((port + 1)); then
      echo "cluster: port $((port + 1)), the management port of store-$i, is taken by another process" >&2
      exit 1
    fi
    launch "store-$i" "$port" store-service/target/store-service.jar \
      --server.port="$port" --server.address="$HOST" --xfs.zookeeper.connect="$zk" \
      --xfs.data-dir="$dir/data/store-$i" --xfs.store.id="store-$i" --xfs.store.rack="${racks[$((i % 3))]}"
    i=$((i + 1))
  done
  WITH_ADMIN_KEY=1 launch proxy "$PROXY_PORT" proxy-service/target/proxy-service.jar \
    --server.port="$PROXY_PORT" --server.address="$HOST" \
    --xfs.directory.url="http://$HOST:$DIRECTORY_PORT" --xfs.data-dir="$dir/data/proxy"
  i=0
  for port in $STS_PORTS; do
    launch "sts-$i" "$port" sts-service/target/sts-service.jar \
      --server.port="$port" --server.address="$HOST" --xfs.zookeeper.connect="$zk" \
      --xfs.data-dir="$dir/data/sts-$i"
    i=$((i + 1))
  done
  await_port directory "$DIRECTORY_PORT"
  i=0; for port in $STORE_PORTS; do await_port "store-$i" "$port"; i=$((i + 1)); done
  await_port proxy "$PROXY_PORT"
  i=0; for port in $STS_PORTS; do await_port "sts-$i" "$port"; i=$((i + 1)); done
  await_writable
  status
}

# The cluster is usable once the directory has a group whose stores are all writable.
await_writable() {
  for _ in $(seq 1 $((2 * ${XFS_START_TIMEOUT:-300}))); do
    if curl -fsS "http://$HOST:$DIRECTORY_PORT/topology" 2>/dev/null | grep -q '"writable":\[[^]]'; then
      return 0
    fi
    sleep 0.5
  done
  echo "cluster: no writable group after ${XFS_START_TIMEOUT:-300} s; see $dir/logs/directory.log" >&2
  exit 1
}

down() {
  [ -d "$dir/pids" ] || { echo "cluster: nothing started from $dir"; return 0; }
  local pids=()
  for f in "$dir"/pids/*.pid; do
    [ -e "$f" ] || continue
    local pid; pid=$(cat "$f")
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      pids+=("$pid")
    fi
  done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
  done
  rm -f "$dir"/pids/*.pid
  echo "cluster: stopped ${#pids[@]} processes"
}

status() {
  [ -d "$dir/pids" ] || { echo "cluster: nothing started from $dir"; return 0; }
  for f in "$dir"/pids/*.pid; do
    [ -e "$f" ] || continue
    local name pid state
    name=$(basename "$f" .pid); pid=$(cat "$f")
    if kill -0 "$pid" 2>/dev/null; then state=running; else state=stopped; fi
    printf '%-10s pid %-8s %s\n' "$name" "$pid" "$state"
  done
  echo "proxy http://$HOST:$PROXY_PORT"
  # Auth is on: a signed request, the key read from where it is kept (the secret is never printed).
  local user='$XFS_AUTH_ADMIN_ACCESS_KEY:$XFS_AUTH_ADMIN_SECRET_KEY'
  if [ -f "$dir/data/admin.credentials" ] && [ -z "${XFS_AUTH_ADMIN_ACCESS_KEY:-}" ]; then
    user="\$(sed -n 's/^[a-z_]*=//p' '$dir/data/admin.credentials' | paste -sd: -)"
  fi
  echo "  curl --aws-sigv4 \"aws:amz:us-east-1:s3\" --user \"$user\" \"http://$HOST:$PROXY_PORT/fileinfo?path=/xfs/\""
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  *) echo "usage: scripts/cluster.sh up|down|status" >&2; exit 2 ;;
esac
