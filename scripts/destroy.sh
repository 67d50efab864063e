#!/usr/bin/env bash
# Destroys every cluster stack (in parallel unless --sequential), then the environment, in one pass, and removes
# the kubectl context each destroyed cluster stack's kubeContext output names. The stacks own every Lattice and DNS
# resource, so there is nothing to clean up by hand.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  cat >&2 <<USAGE
usage: scripts/destroy.sh [--sequential] [--force] [stack...]
  Destroys every cluster stack, then the environment.
  --sequential  destroy the cluster stacks one at a time
  --force       destroy the environment even while a cluster stack still has resources
  stack...      destroy only these stacks (clusters first, the environment last)
USAGE
}

parse_stack_arguments 1 "$@"
prepare_stack_run
requested=("${REQUESTED[@]}")
environment="$(environment_stack)"
if [[ ${#requested[@]} -eq 0 ]]; then
  mapfile -t requested < <(cluster_stacks; printf '%s\n' "$environment")
fi
check_stack_names "${requested[@]}"

listing="$(stack_listing)"
mapfile -t known < <(existing_stacks "$listing")
clusters=()
destroy_environment=0
for stack in "${requested[@]}"; do
  if [[ " ${known[*]} " != *" $stack "* ]]; then
    say "stack $stack does not exist; nothing to destroy"
  elif [[ "$stack" == "$environment" ]]; then
    destroy_environment=1
  else
    clusters+=("$stack")
  fi
done

failed=()
if [[ ${#clusters[@]} -gt 0 ]]; then
  # The kubectl context deploy.sh added, as the stack names it, read while the stack still has its outputs. A stack
  # without outputs never completed a deployment, so deploy.sh added no context for it. Stacks deployed before the
  # kubeContext output existed named the context after the cluster (their clusterName).
  declare -A contexts=()
  for stack in "${clusters[@]}"; do
    outputs="$(stack_outputs "$stack")" || outputs='{}'
    contexts[$stack]="$(jq -r '.kubeContext // .clusterName // empty' <<<"$outputs")"
  done
  run_for_stacks destroy "${clusters[@]}"
  failed=("${FAILED[@]}")
  for stack in "${clusters[@]}"; do
    if [[ " ${failed[*]} " != *" $stack "* && -n "${contexts[$stack]}" ]]; then
      kubectl config delete-context "${contexts[$stack]}" >/dev/null 2>&1 || true
    fi
  done
fi

if [[ $destroy_environment -eq 1 ]]; then
  blocking=()
  listing="$(stack_listing)"
  while IFS= read -r stack; do
    [[ "$stack" == "$environment" ]] && continue
    if [[ "$(stack_resource_count "$listing" "$stack")" -gt 0 ]]; then
      blocking+=("$stack")
    fi
  done < <(existing_stacks "$listing")
  if [[ ${#blocking[@]} -gt 0 && $FORCE -eq 0 ]]; then
    FAILED=("${failed[@]}")
    summarize destroy "${clusters[@]}"
    die "not destroying $environment: cluster stacks still have resources: ${blocking[*]}; destroy them first, or pass --force"
  fi
  SEQUENTIAL=1 run_for_stacks destroy "$environment"
  failed+=("${FAILED[@]}")
fi

all=("${clusters[@]}")
[[ $destroy_environment -eq 1 ]] && all+=("$environment")
FAILED=("${failed[@]}")
summarize destroy "${all[@]}"
if [[ ${#failed[@]} -gt 0 ]]; then
  die "destroy failed for: ${failed[*]} (see the logs above); run it again once the cause is fixed"
fi
say "destroyed: ${all[*]}"
