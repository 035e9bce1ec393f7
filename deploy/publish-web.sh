#!/bin/bash
# Publishes the web page of a deployed stack: uploads web/ to the stack's website bucket and writes the
# page's config.js, pointing it at the stack's API (both read from the stack's outputs).
#   deploy/publish-web.sh [STACK]        (default: call-scheduler, as in samconfig.toml)
set -euo pipefail
cd "$(dirname "$0")/.."
stack="${1:-call-scheduler}"

api_url="$(deploy/stack-output.sh "$stack" ApiUrl)"
bucket="$(deploy/stack-output.sh "$stack" WebsiteBucketName)"
site="$(deploy/stack-output.sh "$stack" WebsiteUrl)"

echo "Uploading web/ to s3://$bucket"
aws s3 sync web/ "s3://$bucket/" --delete --exclude config.js --only-show-errors
echo "Writing config.js (API $api_url)"
printf 'window.CALL_SCHEDULER_CONFIG = { apiBaseUrl: "%s" };\n' "$api_url" \
  | aws s3 cp - "s3://$bucket/config.js" --content-type "application/javascript" --cache-control "no-cache" --only-show-errors
echo "Web page: $site"
