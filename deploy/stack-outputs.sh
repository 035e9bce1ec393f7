# Sourced by the deploy scripts: reads a stack's outputs with one describe-stacks call.
#   load_outputs STACK          fails, naming the stack, when it cannot be read
#   output KEY [--optional]     prints one output; fails, naming it, when absent (unless --optional)

load_outputs() {
  OUTPUTS_STACK="$1"
  OUTPUTS="$(aws cloudformation describe-stacks --stack-name "$OUTPUTS_STACK" \
    --query "Stacks[0].Outputs[].[OutputKey,OutputValue]" --output text)" || {
    echo "error: cannot read stack $OUTPUTS_STACK; is it deployed in this region (AWS_REGION / --region)?" >&2
    exit 1
  }
}

output() {
  local value
  value="$(awk -F'\t' -v key="$1" '$1 == key { print $2 }' <<<"$OUTPUTS")"
  if [ -z "$value" ] && [ "${2:-}" != "--optional" ]; then
    echo "error: stack $OUTPUTS_STACK has no output $1; deploy it with sam deploy first" >&2
    exit 1
  fi
  printf '%s\n' "$value"
}
