#!/bin/bash
# Removes a deployed stack: empties its website bucket (CloudFormation cannot delete a bucket that has
# objects), deletes the stack and waits for it. The calls table is kept (DeletionPolicy: Retain) so that
# no call history is lost by accident; the last line says how to delete it too.
#   deploy/teardown.sh [STACK]           (default: call-scheduler)
set -euo pipefail
cd "$(dirname "$0")/.."
stack="${1:-call-scheduler}"

source deploy/stack-outputs.sh
load_outputs "$stack"
bucket="$(output WebsiteBucketName)"
table="$(output CallsTableName)"

echo "Emptying s3://$bucket"
aws s3 rm "s3://$bucket" --recursive --only-show-errors
echo "Deleting stack $stack (a few minutes)"
aws cloudformation delete-stack --stack-name "$stack"
aws cloudformation wait stack-delete-complete --stack-name "$stack"
echo "Stack $stack deleted. The table $table was kept; to delete it as well:"
echo "  aws dynamodb delete-table --table-name $table"
