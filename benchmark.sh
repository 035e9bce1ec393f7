#!/usr/bin/env bash
# How exactly and how fast the scheduler dials: starts the local cloud, measures, prints one table and
# writes BENCHMARKS.md. --quick (default) takes about thirty-five minutes (the reports row alone about ten); --full takes about forty-five.
set -euo pipefail
cd "$(dirname "$0")"

if [[ ! -f benchmark/target/benchmark.jar || ! -f local-cloud/target/local-cloud.jar ]] \
   || [[ -n "$(find pom.xml */pom.xml */src/main -newer benchmark/target/benchmark.jar -print -quit)" ]]; then
  echo "Building (mvn package, tests skipped)..."
  mvn -q -B -Dstyle.color=never package -DskipTests
  touch benchmark/target/benchmark.jar local-cloud/target/local-cloud.jar
fi

exec java -jar benchmark/target/benchmark.jar "$@"
