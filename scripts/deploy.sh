#!/usr/bin/env bash
# Deploys the environment stack, then every cluster stack (in parallel unless --sequential), and adds a kubectl
# context per cluster. Stack names as arguments deploy only those. Safe to run again: it changes nothing then.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  cat <<USAGE
usage: scripts/deploy.sh [--sequential] [--skip-plan] [stack...]
  Deploys the environment, then every cluster stack (Pulumi.<stack>.yaml) in parallel.
  --sequential  deploy the cluster stacks one at a time
  --skip-plan   skip the offline plan that checks every requested stack's configuration first
  stack...      deploy only these stacks (the environment first if named)
  Before the first pulumi up it checks each stack's AWS identity (aws:profile, aws:assumeRole, accountId) and
  refuses stacks with pending operations. SIGINT or SIGTERM: every running pulumi gets it once and cancels; then
  one line per stack and the command that resumes; exit 130 or 143.
USAGE
}

parse_stack_arguments "--sequential --skip-plan" "$@"
prepare_stack_run
requested=("${REQUESTED[@]}")
environment="$(environment_stack)"
if [[ ${#requested[@]} -eq 0 ]]; then
  mapfile -t requested < <(all_stacks)
fi
check_stack_names "${requested[@]}"
# Deploy in the order the stacks depend on each other, whatever the order asked.
clusters=()
deploy_environment=0
for stack in "${requested[@]}"; do
  if [[ "$stack" == "$environment" ]]; then
    deploy_environment=1
  else
    clusters+=("$stack")
  fi
done
RUN_ACTION=up
RUN_STACKS=()
[[ $deploy_environment -eq 0 ]] || RUN_STACKS+=("$environment")
RUN_STACKS+=("${clusters[@]}")
RESUME=("$0")
[[ $SEQUENTIAL -eq 0 ]] || RESUME+=(--sequential)
[[ $SKIP_PLAN -eq 0 ]] || RESUME+=(--skip-plan)

require_aws_credentials
use_backend
# Every requested stack's configuration is checked offline before anything in AWS changes.
mkdir -p "$LOG_DIR"
if [[ $SKIP_PLAN -eq 1 ]]; then
  warn "--skip-plan: the configuration is not checked offline; a bad value stops that stack's pulumi up instead, possibly after other stacks changed"
elif ! offline_plan "${RUN_STACKS[@]}" >"$LOG_DIR/plan.log" 2>&1; then
  if ! grep '^error:' "$LOG_DIR/plan.log" >&2; then
    tail -n 5 "$LOG_DIR/plan.log" >&2
  fi
  die "the offline plan failed, nothing was deployed; the full log is $LOG_DIR/plan.log"
fi
check_stack_identities "${RUN_STACKS[@]}"

listing="$(stack_listing)"
mapfile -t known < <(existing_stacks "$listing")
existing=()
for stack in "${RUN_STACKS[@]}"; do
  [[ " ${known[*]} " != *" $stack "* ]] || existing+=("$stack")
done
check_pending_operations deployed "${existing[@]}"
for stack in "${RUN_STACKS[@]}"; do
  if [[ " ${known[*]} " != *" $stack "* ]]; then
    say "creating stack $stack"
    (cd "$PROJECT_DIR" && pulumi stack init "$stack" "${SECRETS_PROVIDER[@]}" --non-interactive) >/dev/null
  fi
done

if [[ $deploy_environment -eq 1 ]]; then
  SEQUENTIAL=1 run_for_stacks up "$environment"
  [[ -z "$INTERRUPTED" ]] || interrupted_exit
  if ! finished "$environment"; then
    summarize
    die "stack $environment ${OUTCOME[$environment]}; the clusters need it, so none was deployed (see $LOG_DIR/up-$environment.log)"
  fi
fi

if [[ ${#clusters[@]} -gt 0 ]]; then
  run_for_stacks up "${clusters[@]}"
  [[ -z "$INTERRUPTED" ]] || interrupted_exit
  for stack in "${clusters[@]}"; do
    finished "$stack" || continue
    command="$(cd "$PROJECT_DIR" && pulumi stack output configureKubectl --stack "$stack" --non-interactive)"
    read -r -a words <<<"$command"
    if [[ "${words[*]:0:3}" != "aws eks update-kubeconfig" ]]; then
      warn "stack $stack: unexpected configureKubectl output, no kubectl context added: $command"
      continue
    fi
    say "kubectl context for $stack: ${words[*]}"
    "${words[@]}" >/dev/null
  done
fi

summarize
mapfile -t left < <(unfinished_stacks)
if [[ ${#left[@]} -gt 0 ]]; then
  die "deploy did not finish for: ${left[*]} (see the logs above); once the cause is fixed: $(resume_command)"
fi
say "deployed: ${RUN_STACKS[*]}"
