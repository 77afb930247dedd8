#!/usr/bin/env bash
# Runs the JMH micro-benchmarks (io.xfs.bench.jmh.*) on the module's compiled classes.
# Usage: bench/jmh.sh [JMH options, e.g. VolumeAppendBenchmark -f 1 -wi 2 -i 3]
set -euo pipefail
cd "$(dirname "$0")/.."
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME
./mvnw -B -q -pl bench -am -DskipTests install
cp_file=bench/target/jmh.classpath
./mvnw -B -q -pl bench dependency:build-classpath -Dmdep.outputFile="$PWD/$cp_file" -Dmdep.includeScope=runtime
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED \
  -cp "bench/target/classes:$(cat "$cp_file")" org.openjdk.jmh.Main "$@"
