#!/usr/bin/env bash
# Prints the java launcher the services run on:  infra/service-java.sh
# The code is compiled for Java 17 (the project's language level) and runs on any JDK from 17 on. The services run on
# a JDK of version 25 or later when the machine has one, because from 25 on the JVM keeps an ahead-of-time cache of the
# classes loaded and linked during start-up and of their method profiles (JEP 483, 514, 515), which infra/cds.sh
# records (docs/decisions.md, "Start-up"). In this order:
#   1. KAT_SERVICE_JAVA, a java launcher's path: used as is (a JDK 17 then starts from a class data sharing archive);
#   2. $JAVA_HOME/bin/java when it is version 25 or later;
#   3. the newest JDK of version 25 or later under /usr/lib/jvm (Debian's and Temurin's packages install there;
#      KAT_JVM_DIR names another folder);
#   4. the `java` on the PATH.
# The launcher chosen must answer as a JDK of version 17 or later: anything else (a path that is no executable file, a
# program that is no java, an older JDK, a machine with no java at all) is refused here, exit 1 and the reason on stderr,
# rather than failing later as a service that "died".
set -euo pipefail

feature_version() { # java launcher -> its feature version (17, 25, ...; 8 for "1.8"), or 0; a launcher that does not
  # answer within KAT_JAVA_PROBE_SECONDS (default 30) counts as no java
  local t="${KAT_JAVA_PROBE_SECONDS:-30}"
  { timeout "$t" "$1" -XshowSettings:properties -version 2>&1 || true; } \
    | sed -n 's/^ *java\.specification\.version = \(1\.\)\{0,1\}\([0-9]*\).*/\2/p' | head -1 | grep . || echo 0
}

usable() { # java launcher, how it was named -> prints it when it is a JDK 17 or later, else refuses
  local v
  v="$(feature_version "$1")"
  if [ "$v" -lt 17 ]; then
    echo "[service-java] $2 is not a java launcher of version 17 or later (it reports $([ "$v" = 0 ] && echo 'no java version' || echo "version $v"))" >&2
    exit 1
  fi
  echo "$1"
}

if [ -n "${KAT_SERVICE_JAVA:-}" ]; then
  if [ ! -x "$KAT_SERVICE_JAVA" ] || [ -d "$KAT_SERVICE_JAVA" ]; then
    echo "[service-java] KAT_SERVICE_JAVA=$KAT_SERVICE_JAVA is not an executable java launcher (give the path of bin/java)" >&2
    exit 1
  fi
  usable "$KAT_SERVICE_JAVA" "KAT_SERVICE_JAVA=$KAT_SERVICE_JAVA"; exit 0
fi
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(feature_version "$JAVA_HOME/bin/java")" -ge 25 ]; then
  echo "$JAVA_HOME/bin/java"; exit 0
fi
best=""; best_version=0
for j in "${KAT_JVM_DIR:-/usr/lib/jvm}"/*/bin/java; do
  [ -x "$j" ] || continue
  v="$(feature_version "$j")"
  if [ "$v" -ge 25 ] && [ "$v" -gt "$best_version" ]; then best="$j"; best_version="$v"; fi
done
if [ -n "$best" ]; then echo "$best"; exit 0; fi
ON_PATH="$(command -v java)" || { echo "[service-java] no java: install a JDK 17 or later, or name one with KAT_SERVICE_JAVA or JAVA_HOME" >&2; exit 1; }
usable "$ON_PATH" "the java on the PATH ($ON_PATH)"
