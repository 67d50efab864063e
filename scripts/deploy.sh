#!/usr/bin/env bash
# Deploys the environment stack, then every cluster stack (in parallel unless --sequential), and adds a kubectl
# context per cluster. Stack names as arguments deploy only those. Safe to run again: it changes nothing then.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  cat >&2 <<USAGE
usage: scripts/deploy.sh [--sequential] [stack...]
  Deploys the environment, then every cluster stack (Pulumi.<stack>.yaml) in parallel.
  --sequential  deploy the cluster stacks one at a time
  stack...      deploy only these stacks (the environment first if named)
USAGE
}

parse_stack_arguments 0 "$@"
prepare_stack_run
requested=("${REQUESTED[@]}")
environment="$(environment_stack)"
if [[ ${#requested[@]} -eq 0 ]]; then
  mapfile -t requested < <(all_stacks)
fi
check_stack_names "${requested[@]}"
# Every requested stack's configuration is checked offline before anything in AWS changes.
mkdir -p "$LOG_DIR"
if ! offline_plan "${requested[@]}" >"$LOG_DIR/plan.log" 2>&1; then
  cat "$LOG_DIR/plan.log" >&2
  die "the offline plan failed, nothing was deployed; fix the configuration above"
fi

listing="$(stack_listing)"
mapfile -t known < <(existing_stacks "$listing")
for stack in "${requested[@]}"; do
  if [[ " ${known[*]} " != *" $stack "* ]]; then
    say "creating stack $stack"
    (cd "$PROJECT_DIR" && pulumi stack init "$stack" "${SECRETS_PROVIDER[@]}" --non-interactive) >/dev/null
  fi
done

clusters=()
deploy_environment=0
for stack in "${requested[@]}"; do
  if [[ "$stack" == "$environment" ]]; then
    deploy_environment=1
  else
    clusters+=("$stack")
  fi
done

failed=()
if [[ $deploy_environment -eq 1 ]]; then
  SEQUENTIAL=1 run_for_stacks up "$environment"
  if [[ ${#FAILED[@]} -gt 0 ]]; then
    summarize up "$environment"
    die "stack $environment failed; the clusters need it, so none was deployed (see $LOG_DIR/up-$environment.log)"
  fi
fi

if [[ ${#clusters[@]} -gt 0 ]]; then
  run_for_stacks up "${clusters[@]}"
  failed=("${FAILED[@]}")
  for stack in "${clusters[@]}"; do
    [[ " ${failed[*]} " == *" $stack "* ]] && continue
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

all=()
[[ $deploy_environment -eq 1 ]] && all+=("$environment")
all+=("${clusters[@]}")
FAILED=("${failed[@]}")
summarize up "${all[@]}"
if [[ ${#failed[@]} -gt 0 ]]; then
  die "deploy failed for: ${failed[*]} (see the logs above)"
fi
say "deployed: ${all[*]}"
