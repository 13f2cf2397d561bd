# Sourced by Quorate's launchers and build scripts: finds a JDK >= 21 and exports
# JAVA_HOME and QUORATE_JAVA. Looks at JAVA_HOME first, then `java` on PATH, then the
# usual install locations, and takes the newest that is new enough. With
# QUORATE_NEED_JAVAC=1 it also requires javac (a JDK, not a JRE), as builds do.
# Fails with one sentence on stderr and returns 1 when nothing fits.

quorate_java_major() {
  # Prints the major version of the Java installation in $1, or nothing.
  local home=$1 version=""
  if [ -r "$home/release" ]; then
    version=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release")
  fi
  if [ -z "$version" ] && [ -x "$home/bin/java" ]; then
    version=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)
  fi
  version=${version#1.}
  printf '%s\n' "${version%%[.+-]*}"
}

quorate_java_fits() {
  local home=$1 major
  [ -x "$home/bin/java" ] || return 1
  if [ "${QUORATE_NEED_JAVAC:-0}" = 1 ] && [ ! -x "$home/bin/javac" ]; then
    return 1
  fi
  major=$(quorate_java_major "$home")
  case "$major" in ''|*[!0-9]*) return 1 ;; esac
  [ "$major" -ge 21 ]
}

quorate_find_java() {
  local candidate best="" best_major=0 major path_java
  if [ -n "${JAVA_HOME:-}" ] && quorate_java_fits "$JAVA_HOME"; then
    best=$JAVA_HOME
  else
    path_java=$(command -v java 2>/dev/null || true)
    if [ -n "$path_java" ]; then
      candidate=$(dirname "$(dirname "$(readlink -f "$path_java")")")
      if quorate_java_fits "$candidate"; then
        best=$candidate
      fi
    fi
  fi
  if [ -z "$best" ]; then
    for candidate in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* \
        /usr/local/lib/jvm/* "$HOME"/.sdkman/candidates/java/* \
        /Library/Java/JavaVirtualMachines/*/Contents/Home; do
      [ -d "$candidate" ] || continue
      quorate_java_fits "$candidate" || continue
      major=$(quorate_java_major "$candidate")
      if [ "$major" -gt "$best_major" ]; then
        best=$candidate
        best_major=$major
      fi
    done
  fi
  if [ -z "$best" ]; then
    echo "Quorate needs a JDK 21 or newer and found none in JAVA_HOME, on PATH or under /usr/lib/jvm; install one or set JAVA_HOME to it." >&2
    return 1
  fi
  JAVA_HOME=$(readlink -f "$best")
  QUORATE_JAVA="$JAVA_HOME/bin/java"
  export JAVA_HOME QUORATE_JAVA
}

quorate_exec_java() {
  # Replaces this shell with the JVM running main class $1 from the distribution's lib/.
  local main=$1 lib
  shift
  lib=$(cd "$(dirname "${BASH_SOURCE[0]}")/../lib" && pwd)
  local opts=(--enable-native-access=ALL-UNNAMED)
  if [ -d "$lib/native" ]; then
    # RocksDB loads its library from here instead of copying it to the temporary directory
    opts+=("-Djava.library.path=$lib/native")
  fi
  if [ -n "${QUORATE_LOGBACK:-}" ]; then
    opts+=("-Dlogback.configurationFile=$QUORATE_LOGBACK")
  fi
  if [ "$(quorate_java_major "$JAVA_HOME")" -ge 23 ]; then
    opts+=(--sun-misc-unsafe-memory-access=allow)
  fi
  # shellcheck disable=SC2086
  exec "$QUORATE_JAVA" ${QUORATE_JAVA_OPTS:-} "${opts[@]}" -cp "$lib/*" "$main" "$@"
}

quorate_maven_env() {
  # Maven 3.8's bundled Guava uses sun.misc.Unsafe; JDK 23+ warns about it on every run.
  if [ "$(quorate_java_major "$JAVA_HOME")" -ge 23 ]; then
    case "${MAVEN_OPTS:-}" in
      *sun-misc-unsafe-memory-access*) ;;
      *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ;;
    esac
  fi
}
