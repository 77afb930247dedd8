#!/usr/bin/env bash
# What authentication costs a proxy request (docs/benchmarks.md, "Signed requests cost"): the standalone
# runs alternately with auth off and on (off, on, off, on, ...: on a shared VM the machine's speed drifts
# over minutes, so each setting gets early and late rounds), each warmed up, then xfs-bench writes and
# reads N 1 KiB files through the proxy: unsigned against auth off, SigV4-signed with the admin key
# (-credentials, payload UNSIGNED-PAYLOAD) against auth on. Prints every round and signed/unsigned per phase.
#
#   bench/auth-cost.sh [-c 16] [-n 20000] [-rounds 2] [-durability none] [-out DIR]
# XFS_WARMUP_SECONDS (60) of unreported 1 KiB writes and reads precede each measured round.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-home.sh

concurrency=16
files=20000
rounds=2
policy=none
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    -c) concurrency=$2; shift 2 ;;
    -n) files=$2; shift 2 ;;
    -rounds) rounds=$2; shift 2 ;;
    -durability) policy=$2; shift 2 ;;
    -out) out=$2; shift 2 ;;
    *) echo "usage: bench/auth-cost.sh [-c N] [-n FILES] [-rounds N] [-durability none|fsync] [-out DIR]" >&2; exit 2 ;;
  esac
done
work=$(mktemp -d "${TMPDIR:-/tmp}/xfs-auth-cost.XXXXXX")
out=${out:-$work}
mkdir -p "$out"
. scripts/build-if-stale.sh
build_if_stale auth-cost standalone/target/xfs-standalone.jar bench/target/xfs-bench.jar

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true' EXIT

seed=$(date +%s)
xfs_bench() { # args...: one xfs-bench run with a fresh payload seed (repeated bytes would measure dedup)
  seed=$((seed + 1))
  "$JAVA_HOME/bin/java" -jar bench/target/xfs-bench.jar "$@" -size 1k -jitter 0 -c "$concurrency" -seed "$seed" --json
}

round() { # label true|false: a fresh standalone with xfs.auth.enabled as given, warmed up, then measured
  local label=$1 auth=$2 ports until
  ports=($(free_port) $(free_port) $(free_port) $(free_port) $(free_port))
  # shellcheck disable=SC2086
  "$JAVA_HOME/bin/java" -Xmx2g -XX:+UseCompactObjectHeaders --enable-native-access=ALL-UNNAMED ${XFS_JAVA_OPTS:-} \
    -jar standalone/target/xfs-standalone.jar \
    --data-dir="$work/$label" --zookeeper-port="${ports[0]}" --directory-port="${ports[1]}" \
    --store-port="${ports[4]}" --proxy-port="${ports[2]}" --sts-port="${ports[3]}" \
    --xfs.store.durability="$policy" --xfs.auth.enabled="$auth" >"$out/standalone-$label.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 1200); do grep -q "xfs standalone ready" "$out/standalone-$label.log" && break; sleep 0.5; done
  grep -q "xfs standalone ready" "$out/standalone-$label.log" || { tail -30 "$out/standalone-$label.log" >&2; exit 1; }
  local target=(-target proxy -proxy "http://127.0.0.1:${ports[2]}")
  [ "$auth" = true ] && target+=(-credentials "$work/$label/admin.credentials")
  until=$((SECONDS + ${XFS_WARMUP_SECONDS:-60}))
  echo "auth-cost: $label: warm-up ($(uptime | sed 's/.*load/load/'))" >&2
  while [ "$SECONDS" -lt "$until" ]; do xfs_bench "${target[@]}" -n 5000 >/dev/null 2>&1 || true; done
  echo "auth-cost: $label: measuring $files files ($(uptime | sed 's/.*load/load/'))" >&2
  xfs_bench "${target[@]}" -n "$files" -durability "$policy" >"$out/$label.json" 2>"$out/$label.progress" \
    || echo "auth-cost: $label reported errors (see $out/$label.json)" >&2
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
}

for r in $(seq 1 "$rounds"); do
  round "off-$r" false
  round "on-$r" true
done

python3 - "$out" "$rounds" <<'PY'
import json, os, sys
out, rounds = sys.argv[1], int(sys.argv[2])
def phases(label):
    report = json.load(open(os.path.join(out, label + ".json")))
    return report, {p["phase"]: p for p in report["phases"]}
rates = {"off": {"write": [], "read": []}, "on": {"write": [], "read": []}}
print(f"{'round':<7} {'target':<48} {'write req/s':>11} {'p50/p99 ms':>12} {'read req/s':>10} {'p50/p99 ms':>12} errors")
for r in range(1, rounds + 1):
    for mode in ("off", "on"):
        report, p = phases(f"{mode}-{r}")
        for phase in ("write", "read"):
            rates[mode][phase].append(p[phase]["requestsPerSecond"])
        lat = lambda ph: "%.2f/%.1f" % (p[ph]["latencyMs"]["p50"], p[ph]["latencyMs"]["p99"])
        print(f"{mode}-{r:<4} {report['target']:<48} {p['write']['requestsPerSecond']:>11.0f} {lat('write'):>12} "
              f"{p['read']['requestsPerSecond']:>10.0f} {lat('read'):>12} {report['errors']}")
for phase in ("write", "read"):
    off = sum(rates["off"][phase]) / rounds
    on = sum(rates["on"][phase]) / rounds
    print(f"{phase}: unsigned {off:.0f} req/s, signed {on:.0f} req/s, signed/unsigned {on / off:.1%}")
PY
echo "auth-cost: reports in $out" >&2
