#!/bin/bash
# Publishes the web page of a deployed stack: uploads web/ to the stack's private website bucket, writes the
# page's config.js pointing it at the stack's API, and invalidates the CloudFront distribution that serves the
# page over HTTPS (all read from the stack's outputs). config.js never carries an API key: it is public. When
# the API requires one, the page asks for it once and keeps it in the browser.
#   deploy/publish-web.sh [STACK]        (default: call-scheduler, as in samconfig.toml)
set -euo pipefail
cd "$(dirname "$0")/.."
stack="${1:-call-scheduler}"

source deploy/stack-outputs.sh
load_outputs "$stack"
api_url="$(output ApiUrl)"
bucket="$(output WebsiteBucketName)"
site="$(output WebsiteUrl)"
distribution="$(output WebsiteDistributionId)"
api_key_id="$(output ApiKeyId --optional)"

echo "Uploading web/ to s3://$bucket (private; CloudFront serves it)"
aws s3 sync web/ "s3://$bucket/" --delete --exclude config.js --only-show-errors
echo "Writing config.js (API $api_url)"
printf '%s\n' "window.CALL_SCHEDULER_CONFIG = { apiBaseUrl: \"$api_url\" };" \
  | aws s3 cp - "s3://$bucket/config.js" --content-type "application/javascript" --cache-control "no-cache" --only-show-errors
invalidation="$(aws cloudfront create-invalidation --distribution-id "$distribution" --paths '/*' \
  --query Invalidation.Id --output text)"
echo "Invalidated CloudFront's copy (distribution $distribution, invalidation $invalidation): the new page is served"
echo "  within a few minutes (aws cloudfront wait invalidation-completed --distribution-id $distribution --id $invalidation)"
if [ -n "$api_key_id" ]; then
  echo "The API requires a key; the page asks for it once. Read it with:"
  echo "  aws apigateway get-api-key --api-key $api_key_id --include-value --query value --output text"
fi
echo "Web page: $site"
