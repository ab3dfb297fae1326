#!/usr/bin/env bash
# Builds kat/enrollment-service:<version> and kat/projection-service:<version> (needs Docker).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
VERSION="$(mvn -q -B help:evaluate -Dexpression=project.version -DforceStdout)"
mvn -q -B -DskipTests package
for m in enrollment-service projection-service; do
  docker build -f infra/docker/Dockerfile --build-arg MODULE="$m" -t "kat/$m:$VERSION" .
done
