#!/bin/bash
# Publishes the web page of a deployed stack: uploads web/ to the stack's website bucket and writes the
# page's config.js, pointing it at the stack's API (both read from the stack's outputs). When the stack
# requires an API key (ApiKeyRequired=true), config.js carries the key, so that the page can call the API.
#   deploy/publish-web.sh [STACK]        (default: call-scheduler, as in samconfig.toml)
set -euo pipefail
cd "$(dirname "$0")/.."
stack="${1:-call-scheduler}"

source deploy/stack-outputs.sh
load_outputs "$stack"
api_url="$(output ApiUrl)"
bucket="$(output WebsiteBucketName)"
site="$(output WebsiteUrl)"
api_key_id="$(output ApiKeyId --optional)"

config="window.CALL_SCHEDULER_CONFIG = { apiBaseUrl: \"$api_url\" };"
if [ -n "$api_key_id" ]; then
  api_key="$(aws apigateway get-api-key --api-key "$api_key_id" --include-value --query value --output text)"
  config="window.CALL_SCHEDULER_CONFIG = { apiBaseUrl: \"$api_url\", apiKey: \"$api_key\" };"
  echo "note: the API requires a key; config.js carries it, so whoever can load the page can use the key"
fi

echo "Uploading web/ to s3://$bucket"
aws s3 sync web/ "s3://$bucket/" --delete --exclude config.js --only-show-errors
echo "Writing config.js (API $api_url)"
printf '%s\n' "$config" \
  | aws s3 cp - "s3://$bucket/config.js" --content-type "application/javascript" --cache-control "no-cache" --only-show-errors
echo "Web page: $site"
