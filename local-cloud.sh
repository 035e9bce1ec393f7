#!/usr/bin/env bash
# Runs the whole system on this machine (no Docker): builds what it needs on first use, then starts the
# local cloud from template.yaml. Options: ./local-cloud.sh --help
set -euo pipefail
cd "$(dirname "$0")"

# --help answers at once, before any build; the text is LocalCloudOptions.USAGE's (LocalCloudScriptTest
# keeps them equal).
for arg in "$@"; do
  case "$arg" in
    --help | --help=* | -h | -h=*)
      cat <<'USAGE'
Usage: ./local-cloud.sh [options]

Runs Call Scheduler on this machine from template.yaml: DynamoDB Local, an AWS endpoint
(DynamoDB, EventBridge Scheduler, Lambda, SQS), the API, the web page and a Call API simulator.

  --api-port N          the API, as sam local start-api serves it      (default 3000)
  --aws-port N          the AWS endpoint for the SDK and the AWS CLI    (default 4566)
  --web-port N          the web page                                    (default 8080)
  --call-api-port N     the Call API simulator                          (default 5000)
  --call-api-url URL    use this Call API instead of the simulator      (default: $CALL_API_URL)
  --dynamodb-port N     DynamoDB Local itself, beside the AWS endpoint  (default: any free port)
  --data-dir DIR        where tables, schedules and queues persist      (default .local-cloud)
  --stack-name NAME     prefix of every resource name                   (default call-scheduler)
  --status-sync-every D run status sync every D (e.g. 10s) instead of the template's rate(1 minute)
  --allowed-origin O    CORS origin for the API                         (default: the web page's URL)
  --host ADDRESS        address to listen on                            (default 127.0.0.1)
  --scheduler-timing T  exact: at() schedules fire at their time; aws: somewhere within
                        their minute, as AWS documents                  (default exact)
  --log-format F        text: one line per event, the call id first; json: Powertools'
                        structured lines, as on AWS                     (default text)
  --require-aws-credentials
                        the AWS endpoint accepts only requests signed with the key pair it
                        prints (kept in the data directory)     (default: any credentials)
  --parameter-overrides K=V [K=V ...]
                        template parameters, as sam deploy takes them (e.g. DialDeadlineMinutes=5,
                        or CallProvider=twilio to dial through the simulator's Twilio API)
  --template FILE       the SAM template                                (default template.yaml)
  --web-dir DIR         the web page's files                            (default web/ beside the template)
  --help                this text
USAGE
      exit 0 ;;
  esac
done

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
