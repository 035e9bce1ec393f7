#!/bin/bash
# Prints one output of the deployed stack: deploy/stack-output.sh STACK OUTPUT_KEY [--optional]
# Fails with a message naming the stack when it does not exist, or when the output does not exist and
# is not --optional (an optional output that is absent prints nothing).
set -euo pipefail
stack="$1"
key="$2"
optional="${3:-}"
value="$(aws cloudformation describe-stacks --stack-name "$stack" \
  --query "Stacks[0].Outputs[?OutputKey=='$key'].OutputValue | [0]" --output text)" || {
  echo "error: cannot read stack $stack; is it deployed in this region (AWS_REGION / --region)?" >&2
  exit 1
}
if [ -z "$value" ] || [ "$value" = "None" ]; then
  if [ "$optional" = "--optional" ]; then
    exit 0
  fi
  echo "error: stack $stack has no output $key; deploy it with sam deploy first" >&2
  exit 1
fi
echo "$value"
