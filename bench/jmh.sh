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
# This checkout's module classes come first: the classpath file names jars in ~/.m2, which another
# checkout sharing that repository may have overwritten with its own build since the install above.
modules="common/target/classes:store-service/target/classes:directory-service/target/classes"
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED \
  -cp "bench/target/classes:$modules:$(cat "$cp_file")" org.openjdk.jmh.Main "$@"
