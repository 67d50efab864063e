#!/usr/bin/env bash
# The seed README's validation for every ordered pair of clusters, self-calls included: from the demo pod of one
# cluster, call the demo service of another. Allowed pairs (from the stacks' allowedCallers) must answer with the
# target pod's greeting, the others with AccessDeniedException. Prints the matrix, each service's auth policy, and
# for every denied call the service network's access-log line that denied it (who called what, and why refused).
# Every name (kubectl context, namespace, deployment, container, host, auth policy) is read from the cluster
# stacks' outputs, as the program named what it created.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  cat <<USAGE
usage: scripts/validate.sh [--attempts N] [--delay SECONDS] [stack...]
  Checks every ordered pair of the given cluster stacks (default: all deployed ones).
  --attempts N  tries per call while DNS and Lattice settle (default 10)
  --delay S     seconds between tries (default 15)
  SIGINT or SIGTERM: the call in flight gets it once; then the pairs checked so far, the command that runs the
  rest, and exit 130 or 143.
USAGE
}

attempts=10
delay=15
requested=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --attempts | --delay)
      [[ $# -ge 2 ]] || die "$1 needs a value: expected $1 N"
      [[ "$1" == --attempts ]] && attempts="$2" || delay="$2"
      shift
      ;;
    -h | --help) usage; exit 0 ;;
    -*) die "unknown option '$1': expected --attempts N, --delay SECONDS, -h/--help or cluster stack names (see --help)" ;;
    *) requested+=("$1") ;;
  esac
  shift
done
[[ "$attempts" =~ ^[1-9][0-9]*$ ]] || die "--attempts $attempts: expected a positive whole number of tries"
[[ "$delay" =~ ^[0-9]+$ ]] || die "--delay $delay: expected a whole number of seconds"

require_commands pulumi kubectl jq java
ensure_jar
load_project_stacks
if [[ ${#requested[@]} -eq 0 ]]; then
  mapfile -t requested < <(cluster_stacks)
fi
check_stack_names "${requested[@]}"
for stack in "${requested[@]}"; do
  [[ "$stack" != "$(environment_stack)" ]] ||
    die "'$stack' is the environment: validate.sh calls between cluster stacks; expected one of $(stack_list "${PROJECT_STACKS[@]:1}")"
done
use_backend
handle_interrupts
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# Every name comes from the stack's outputs, as the program named what it created.
names=(kubeContext demoNamespace demoDeployment demoContainer demoHostname demoAuthPolicy allowedCallers vpcId)
declare -A context namespace deployment container hostname policy callers vpc
clusters=()
for stack in "${requested[@]}"; do
  if ! outputs="$(stack_outputs "$stack")" || [[ "$(jq -r '.clusterName // empty' <<<"$outputs")" == "" ]]; then
    warn "stack $stack is not deployed; left out"
    continue
  fi
  absent="$(jq -r --args '[$ARGS.positional[] as $name | select(has($name) | not) | $name] | join(" ")' "${names[@]}" <<<"$outputs")"
  if [[ -n "$absent" ]]; then
    die "stack $stack lacks the outputs $absent: an older version of the program deployed it; run scripts/deploy.sh $stack to add them"
  fi
  clusters+=("$stack")
  context[$stack]="$(jq -r '.kubeContext' <<<"$outputs")"
  namespace[$stack]="$(jq -r '.demoNamespace' <<<"$outputs")"
  deployment[$stack]="$(jq -r '.demoDeployment' <<<"$outputs")"
  container[$stack]="$(jq -r '.demoContainer' <<<"$outputs")"
  hostname[$stack]="$(jq -r '.demoHostname' <<<"$outputs")"
  policy[$stack]="$(jq -r '.demoAuthPolicy' <<<"$outputs")"
  callers[$stack]="$(jq -r '.allowedCallers | join(" ")' <<<"$outputs")"
  vpc[$stack]="$(jq -r '.vpcId' <<<"$outputs")"
done
[[ ${#clusters[@]} -gt 0 ]] || die "no deployed cluster stack to validate; run scripts/deploy.sh first"

# Calls dst from src's demo pod until the answer is the expected one or the attempts run out. Sets VERDICT (PASS
# or FAIL) and ANSWER (the last answer). kubectl and sleep run as children (run_child): a signal reaches them once
# and stops the script when they have ended.
check_pair() {
  local src="$1" dst="$2" expected="$3" attempt
  ANSWER=""
  VERDICT=FAIL
  for ((attempt = 1; attempt <= attempts; attempt++)); do
    run_child "$WORK/answer" kubectl --context "${context[$src]}" exec -n "${namespace[$src]}" \
      "deployments/${deployment[$src]}" -c "${container[$src]}" -- curl -s --max-time 10 "${hostname[$dst]}" || true
    ANSWER="$(cat "$WORK/answer")"
    if [[ "$expected" == allowed && "$ANSWER" == *"Hello from ${deployment[$dst]}"* ]] \
      || [[ "$expected" == denied && "$ANSWER" == *AccessDeniedException* ]]; then
      VERDICT=PASS
      return
    fi
    [[ $attempt -ge $attempts ]] || run_child "$WORK/sleep" sleep "$delay"
  done
}

# After a signal: the pairs checked so far and the command that checks them all again.
interrupt_report() {
  local src dst
  printf '\nSIG%s: stopped after %s of %s calls:\n' "$INTERRUPTED" "${#result[@]}" $((${#clusters[@]} * ${#clusters[@]}))
  for src in "${clusters[@]}"; do
    for dst in "${clusters[@]}"; do
      printf '  %-22s %s\n' "$src -> $dst" "${result[$src,$dst]:-not checked}"
    done
  done
  printf 'Run it again with:\n  %s\n' "$0 --attempts $attempts --delay $delay ${clusters[*]}"
}

started_ms=$(($(date +%s) * 1000))
failures=0
declare -A result=() refused=()
for src in "${clusters[@]}"; do
  for dst in "${clusters[@]}"; do
    expected=denied
    [[ " ${callers[$dst]} " == *" $src/${namespace[$src]} "* ]] && expected=allowed
    say "$src -> $dst: expecting $expected"
    check_pair "$src" "$dst" "$expected"
    result[$src,$dst]="$VERDICT ($expected)"
    [[ "$ANSWER" == *AccessDeniedException* ]] && refused[$src,$dst]=1
    printf '    %s\n' "$ANSWER" >&2
    [[ "$VERDICT" == PASS ]] || failures=$((failures + 1))
  done
done

printf '\nfrom \\ to'
for dst in "${clusters[@]}"; do printf '  %-22s' "$dst"; done
printf '\n'
for src in "${clusters[@]}"; do
  printf '%-10s' "$src"
  for dst in "${clusters[@]}"; do printf '  %-22s' "${result[$src,$dst]}"; done
  printf '\n'
done

for stack in "${clusters[@]}"; do
  printf '\nIAMAuthPolicy of %s (kubectl --context %s get IAMAuthPolicy -n %s %s):\n' \
    "$stack" "${context[$stack]}" "${namespace[$stack]}" "${policy[$stack]}"
  if run_child "$WORK/policy" kubectl --context "${context[$stack]}" get IAMAuthPolicy -n "${namespace[$stack]}" \
    "${policy[$stack]}" -o json && jq '.spec.policy | fromjson' "$WORK/policy"; then
    :
  else
    warn "could not read the auth policy of $stack: $(head -n 1 "$WORK/policy")"
  fi
done

# The access-log lines of the denied calls: the service network logs every request that crosses it, in the
# environment's account (run with its credentials). Lines arrive a minute or two after the call.
denied=()
for src in "${clusters[@]}"; do
  for dst in "${clusters[@]}"; do
    [[ -n "${refused[$src,$dst]:-}" ]] && denied+=("$src,$dst")
  done
done
if [[ ${#denied[@]} -gt 0 ]]; then
  printf '
Why each denied call was refused (access logs of the service network):
'
  environment_outputs="$(stack_outputs "$(environment_stack)" 2>/dev/null || echo '{}')"
  log_group="$(jq -r '.accessLogGroup // empty' <<<"$environment_outputs")"
  log_region="$(jq -r '.region // empty' <<<"$environment_outputs")"
  if [[ -z "$log_group" ]]; then
    warn "the environment exports no accessLogGroup (deployed by an older version): run scripts/deploy.sh $(environment_stack)"
  elif ! command -v aws >/dev/null 2>&1; then
    warn "aws is missing: install the AWS CLI v2 to read the access logs in $log_group"
  else
    declare -A reason
    unreadable=""
    for ((attempt = 1; attempt <= attempts; attempt++)); do
      if ! run_child "$WORK/events" aws logs filter-log-events --region "$log_region" --log-group-name "$log_group" \
        --start-time "$started_ms" --filter-pattern '{ $.responseCode = 403 }' --output json; then
        unreadable="$(grep -m 1 . "$WORK/events")"
        break
      fi
      events="$(cat "$WORK/events")"
      unexplained=0
      for cell in "${denied[@]}"; do
        [[ -n "${reason[$cell]:-}" ]] && continue
        src="${cell%,*}"
        dst="${cell#*,}"
        reason[$cell]="$(jq -r --arg host "${hostname[$dst]}" --arg vpc "${vpc[$src]}" '[.events[].message | fromjson?
          | select((.hostHeader // "" | split(":")[0]) == $host and (.sourceVpcArn // "" | endswith("/" + $vpc)))][0] // empty
          | "caller \(.callerPrincipal // "anonymous") -> service \(.serviceArn): \(.responseCode) \(.failureReason // "")"
            + (if (.authDeniedReason // "null") != "null" then ", refused by the \(.authDeniedReason | ascii_downcase) auth policy" else "" end)' \
          <<<"$events")"
        [[ -n "${reason[$cell]}" ]] || unexplained=1
      done
      [[ $unexplained -eq 0 || $attempt -eq $attempts ]] && break
      run_child "$WORK/sleep" sleep "$delay"
    done
    if [[ -n "$unreadable" ]]; then
      warn "could not read the access logs in $log_group (they are in the environment's account; run with its credentials): $unreadable"
    else
      for cell in "${denied[@]}"; do
        printf '  %-22s %s\n' "${cell%,*} -> ${cell#*,}" \
          "${reason[$cell]:-no access-log line yet (they arrive within minutes; see $log_group)}"
      done
    fi
  fi
fi

if [[ $failures -gt 0 ]]; then
  die "$failures of $((${#clusters[@]} * ${#clusters[@]})) calls did not answer as their auth policies say"
fi
say "all $((${#clusters[@]} * ${#clusters[@]})) calls answered as their auth policies say"
