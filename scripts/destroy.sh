#!/usr/bin/env bash
# Destroys every cluster stack (in parallel unless --sequential), then the environment, in one pass, and removes
# the kubectl context each destroyed cluster stack's kubeContext output names. The stacks own every Lattice and DNS
# resource, so there is nothing to clean up by hand.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  cat <<USAGE
usage: scripts/destroy.sh [--sequential] [--force] [stack...]
  Destroys every cluster stack, then the environment.
  --sequential  destroy the cluster stacks one at a time
  --force       destroy the environment even while a cluster stack still has resources
  stack...      destroy only these stacks (clusters first, the environment last)
  Refuses stacks with pending operations before it destroys anything. SIGINT or SIGTERM: every running pulumi
  gets it once and cancels; then one line per stack and the command that resumes; exit 130 or 143.
USAGE
}

# How to destroy stack $1, which the backend holds (with $2 resources) but whose Pulumi.<stack>.yaml is gone; then
# stops. The CLI can: `pulumi destroy --stack S` in the project reads an absent stack file as empty settings
# (sdk/go/common/workspace/loaders.go LoadProjectStack), takes the secrets provider from the state and writes it into
# a new stack file (pkg/cmd/pulumi/operations/destroy.go:120-122, pkg/cmd/pulumi/stack/secrets.go:258-285,
# pkg/cmd/pulumi/config/io.go:194-212), runs no program, so validates no configuration (destroy.go:277-300), and
# configures each provider with the inputs its state recorded (pkg/resource/deploy/providers/registry.go, Same).
# `pulumi stack rm` then removes the stack and its stack file; with resources left it refuses unless --force, which
# would leave them in AWS (pkg/cmd/pulumi/stack/stack_remove.go:94-117).
refuse_gone_file() {
  local stack="$1" resources="$2" file="Pulumi.$1.yaml" restore removal pulumi
  pulumi="$(pulumi_hint)"
  restore="git checkout HEAD -- $file"
  if ! git -C "$PROJECT_DIR" cat-file -e "HEAD:$file" 2>/dev/null; then
    removal="$(git -C "$PROJECT_DIR" log -1 --format=%h --diff-filter=D -- "$file" 2>/dev/null || true)"
    restore="git checkout ${removal:-<the commit that removed it>}^ -- $file"
  fi
  printf 'error: stack %s has no %s any more, but the backend still holds it (%s resources); destroy it in %s
' \
    "$stack" "$file" "$resources" "$PROJECT_DIR" >&2
  printf '  with its file back:  %s  &&  scripts/destroy.sh %s  &&  %s stack rm --stack %s --yes
' \
    "$restore" "$stack" "$pulumi" "$stack" >&2
  printf '  or without it:       %s destroy --stack %s --yes  &&  %s stack rm --stack %s --yes
' \
    "$pulumi" "$stack" "$pulumi" "$stack" >&2
  printf '  (without the file, destroy uses the settings and secrets provider the state recorded and writes a new %s
' "$file" >&2
  printf '  holding only its encryption salt; stack rm removes the stack and that file; never stack rm --force while it
' >&2
  printf '  has resources: they would stay in AWS)
' >&2
  exit 1
}

parse_stack_arguments "--sequential --force" "$@"
prepare_stack_run
requested=("${REQUESTED[@]}")
environment="$(environment_stack)"
if [[ ${#requested[@]} -eq 0 ]]; then
  mapfile -t requested < <(cluster_stacks; printf '%s\n' "$environment")
fi
RUN_ACTION=destroy
RUN_STACKS=("${requested[@]}")
RESUME=("$0")
[[ $SEQUENTIAL -eq 0 ]] || RESUME+=(--sequential)
[[ $FORCE -eq 0 ]] || RESUME+=(--force)
unknown=()
for stack in "${requested[@]}"; do
  is_project_stack "$stack" || unknown+=("$stack")
done
if [[ ${#unknown[@]} -eq 0 ]]; then
  require_aws_credentials
  use_backend
  listing="$(stack_listing)"
else
  # A name the project does not know may be a stack whose file is gone: only the backend can tell.
  select_backend
  listing="$(stack_listing)"
  for stack in "${unknown[@]}"; do
    if [[ " $(existing_stacks "$listing" | tr '\n' ' ') " == *" $stack "* ]]; then
      refuse_gone_file "$stack" "$(stack_resource_count "$listing" "$stack")"
    fi
  done
  check_stack_names "${unknown[@]}"
fi
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
RUN_STACKS=("${clusters[@]}")
[[ $destroy_environment -eq 0 ]] || RUN_STACKS+=("$environment")
check_pending_operations destroyed "${RUN_STACKS[@]}"

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
  for stack in "${clusters[@]}"; do
    if finished "$stack" && [[ -n "${contexts[$stack]}" ]]; then
      kubectl config delete-context "${contexts[$stack]}" >/dev/null 2>&1 || true
    fi
  done
  [[ -z "$INTERRUPTED" ]] || interrupted_exit
fi

if [[ $destroy_environment -eq 1 ]]; then
  blocking=()
  listing="$(stack_listing)"
  while IFS= read -r stack; do
    [[ "$stack" == "$environment" ]] && continue
    if [[ "$(stack_resource_count "$listing" "$stack")" -gt 0 ]]; then
      if is_project_stack "$stack"; then
        blocking+=("$stack")
      else
        blocking+=("$stack (whose Pulumi.$stack.yaml is gone; scripts/destroy.sh $stack says how to destroy it)")
      fi
    fi
  done < <(existing_stacks "$listing")
  if [[ ${#blocking[@]} -gt 0 && $FORCE -eq 0 ]]; then
    summarize
    die "not destroying $environment: cluster stacks still have resources: $(stack_list "${blocking[@]}"); destroy them first, or pass --force"
  fi
  SEQUENTIAL=1 run_for_stacks destroy "$environment"
  [[ -z "$INTERRUPTED" ]] || interrupted_exit
fi

summarize
mapfile -t left < <(unfinished_stacks)
if [[ ${#left[@]} -gt 0 ]]; then
  die "destroy did not finish for: ${left[*]} (see the logs above); once the cause is fixed: $(resume_command)"
fi
say "destroyed: ${RUN_STACKS[*]}"
