#!/usr/bin/env bash
# Runs the whole system on this machine (no Docker): builds what it needs on first use, then starts the
# local cloud from template.yaml. Options: ./local-cloud.sh --help
set -euo pipefail
cd "$(dirname "$0")"

jar=local-cloud/target/local-cloud.jar
# Rebuild when the jar is missing or a pom or main source of what it runs is newer than it (web/ is served
# from disk).
modules=(functions local-http aws-emulators call-api-simulator local-cloud)
if [[ ! -f "$jar" ]] || [[ -n "$(find pom.xml "${modules[@]/%//pom.xml}" "${modules[@]/%//src/main}" -newer "$jar" -print -quit)" ]]; then
  echo "Building the local cloud (mvn package without tests; the first build downloads what it runs)..."
  # maven.test.skip, not skipTests: the poms' test-dependencies profiles are then off, so a first run never
  # downloads what only the tests use (Playwright's ~200 MB driver among them).
  mvn -q -B -Dstyle.color=never package -Dmaven.test.skip=true -pl local-cloud -am
  touch "$jar" # the jar plugin leaves an unchanged jar alone; mark it as built from these sources
fi

exec java -jar "$jar" "$@"
