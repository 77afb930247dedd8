#!/bin/sh
# Chooses the service this container runs; the remaining arguments go to it.
set -e
service=${1:-standalone}
[ $# -gt 0 ] && shift
case "$service" in
  store|directory|proxy|sts) jar=/opt/xfs/$service-service.jar ;;
  standalone|zookeeper) jar=/opt/xfs/xfs-standalone.jar ;;
  bench) jar=/opt/xfs/xfs-bench.jar ;;
  *) echo "usage: xfs store|directory|proxy|sts|standalone|zookeeper|bench [args]" >&2; exit 2 ;;
esac
if [ "$service" = zookeeper ]; then set -- zookeeper "$@"; fi
# Files RocksDB and ZooKeeper create take the process umask: keep them the user's only (docs/operations.md).
umask 077
# Compact object headers (JDK 25): measured faster on every xfs service (docs/operations.md, "JVM flags").
exec java -XX:+UseCompactObjectHeaders $JAVA_OPTS --enable-native-access=ALL-UNNAMED -jar "$jar" "$@"
