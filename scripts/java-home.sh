# Sourced by the project's scripts: exports JAVA_HOME pointing at a JDK 25 (the machine default may be
# older), or fails with a clear message. Honours a JAVA_HOME that already is a JDK 25.
is_jdk25() { [ -x "$1/bin/java" ] && "$1/bin/java" -version 2>&1 | grep -q 'version "25'; }
if [ -z "${JAVA_HOME:-}" ] || ! is_jdk25 "$JAVA_HOME"; then
  JAVA_HOME=""
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*25*; do
    if is_jdk25 "$candidate"; then JAVA_HOME="$candidate"; break; fi
  done
fi
if [ -z "$JAVA_HOME" ]; then
  echo "xfs: no JDK 25 found (set JAVA_HOME, or install one under /usr/lib/jvm, e.g. temurin-25-jdk)" >&2
  exit 1
fi
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
