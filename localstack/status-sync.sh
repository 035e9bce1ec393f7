#!/bin/bash
# The status sync and the campaign runner for a run on LocalStack, where nothing fires the template's rate(1 minute)
# schedules: invokes StatusSyncFunction and CampaignRunnerFunction through `sam local invoke` every EVERY seconds
# (default 60, as on AWS). Each status sync also dials the calls that are due, since LocalStack's Scheduler never
# fires their schedules.
#   localstack/status-sync.sh [EVERY]
set -euo pipefail
cd "$(dirname "$0")/.."
every="${1:-60}"
echo "status sync every ${every}s against LocalStack (Ctrl-C to stop)"
while true; do
  for function in StatusSyncFunction CampaignRunnerFunction; do
    sam local invoke "$function" --no-event --env-vars localstack/env.json \
      --docker-network call-scheduler --region us-east-1 2>&1 | tail -n 1
  done
  sleep "$every"
done
