#!/bin/bash
# LocalStack init hook (ready stage): creates what the functions need, named as template.yaml names them
# for the stack "call-scheduler": the calls table with its two indexes, the schedule group and the dispatch
# dead-letter queue. Safe to run again: what exists is left as it is.
#
# Outside LocalStack (the project's tests run it against other endpoints), set
#   AWS_CLI="aws --endpoint-url http://localhost:4566"  and  RESOURCES_DIR=localstack/resources
set -euo pipefail

AWS_CLI="${AWS_CLI:-awslocal}"
RESOURCES_DIR="${RESOURCES_DIR:-/etc/localstack/call-scheduler}"
STACK="${STACK_NAME:-call-scheduler}"
TABLE="$STACK-CallsTable"

aws() { $AWS_CLI "$@"; }

if aws dynamodb describe-table --table-name "$TABLE" >/dev/null 2>&1; then
  echo "call-scheduler: table $TABLE exists"
else
  aws dynamodb create-table --table-name "$TABLE" --cli-input-json "file://$RESOURCES_DIR/calls-table.json" >/dev/null
  aws dynamodb wait table-exists --table-name "$TABLE"
  echo "call-scheduler: created table $TABLE"
fi

if aws scheduler get-schedule-group --name "$STACK-calls" >/dev/null 2>&1; then
  echo "call-scheduler: schedule group $STACK-calls exists"
else
  aws scheduler create-schedule-group --name "$STACK-calls" >/dev/null
  echo "call-scheduler: created schedule group $STACK-calls"
fi

# CreateQueue with the same name and attributes returns the existing queue.
aws sqs create-queue --queue-name "$STACK-dispatch-dlq" --attributes MessageRetentionPeriod=1209600 >/dev/null
echo "call-scheduler: queue $STACK-dispatch-dlq ready"
