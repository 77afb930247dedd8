# Sourced, from the repository root: build_if_stale LABEL JAR... runs `./mvnw install` (tests skipped) once
# when any of the jars is missing or older than a source file, a main resource or a pom, so that a script
# never runs or measures old code.
build_if_stale() {
  local label=$1 jar
  shift
  for jar in "$@"; do
    if [ ! -f "$jar" ] || [ -n "$(find . -path ./data -prune -o -path ./.git -prune -o -path '*/target' -prune -o \
          \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -newer "$jar" -print -quit)" ]; then
      echo "$label: building (./mvnw -q -B -DskipTests install): $jar is missing or older than the sources" >&2
      ./mvnw -q -B -DskipTests install
      return
    fi
  done
}
