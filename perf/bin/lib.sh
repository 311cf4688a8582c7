# Shared by the perf/bin scripts (sourced, not run).

# A path given on the command line, made absolute against the directory the user ran
# ./sqlpack from (the launcher changes to the checkout first and exports SQLPACK_CALLER_DIR).
caller_path() {
  case "$1" in
    /*) printf '%s\n' "$1" ;;
    *) printf '%s\n' "${SQLPACK_CALLER_DIR:-$PWD}/$1" ;;
  esac
}

# Prints the class path of the perf module, building perf and every module it needs first
# (mvn -pl perf -am: udfs, connectors and stack come from this checkout's reactor, so nothing has
# to be installed in ~/.m2) when the build is missing or older than a source file.
# PERF_CLASSPATH, when set (the bench commands' test sets it), is used as is.
perf_classpath() {
  local root="$1" cpfile="$1/perf/target/perf-classpath.txt"
  if [[ -n "${PERF_CLASSPATH:-}" ]]; then
    printf '%s\n' "$PERF_CLASSPATH"
    return
  fi
  if [[ ! -f "$cpfile" || -n "$(find "$root/pom.xml" "$root"/{udfs,connectors,stack,perf}/pom.xml \
        "$root"/{udfs,connectors,stack,perf}/src/main -newer "$cpfile" -print -quit 2>/dev/null)" ]]; then
    echo "[build] mvn -pl perf -am package (perf and the modules it uses) ..." >&2
    (cd "$root" && mvn -q -B -pl perf -am package dependency:build-classpath -DskipTests \
        -Dmdep.outputFile=target/perf-classpath.txt >&2) \
      || { echo "bench: the build failed; see above" >&2; exit 1; }
  fi
  printf '%s\n' "$root/perf/target/classes:$(cat "$cpfile")"
}
