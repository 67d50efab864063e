#!/usr/bin/env bash
# Checks who may call what, as the stacks' auth policies say: from every client namespace of every given cluster
# stack (the namespaces whose pods have the SigV4 client identity) it calls every service of every given cluster
# stack, self-calls included. A call must reach the service where the service's callers name the calling
# <cluster>/<namespace>, and be refused with AccessDeniedException everywhere else. It calls from a workload of the
# program in that namespace (kubectl exec into its deployment), or, where none runs, from a probe pod it starts
# there with the sidecar label, which Kyverno's policy must give the SigV4 sidecar: so the path of workloads applied
# with kubectl is checked too. Prints one matrix per cluster, each service's auth policy, and for every refused call
# the service network's access-log line that refused it (who called what, and why refused). Every name (kubectl
# context, namespaces, deployments, hosts, auth policies, the probe's image, label and service account) is read from
# the cluster stacks' outputs, as the program named what it created. A stack deployed by an older version of the
# program, without the `services` output, is checked through its demo outputs, as before.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# How long a probe pod may take to become Ready: the image pull, then the sidecar's startup probe (2 s x 60).
PROBE_READY_SECONDS=300
# The sidecar every pod of a client namespace must have, the policy of Kyverno that adds it to labelled pods and the
# label of the namespaces it serves (SigV4Sidecar.CONTAINER, SidecarInjection.POLICY_NAME and
# CLIENT_NAMESPACE_LABEL; no stack output: they are the same in every cluster).
SIDECAR_CONTAINER=envoy-sigv4
SIDECAR_POLICY=sigv4-sidecar
CLIENT_NAMESPACE_LABEL="vpc-lattice-multicluster/client=true"
KYVERNO_NAMESPACE=kyverno
# The probe's own container, and the label that finds probe pods a killed run left (they stop at their deadline).
PROBE_CONTAINER=probe
PROBE_LABEL="app.kubernetes.io/managed-by=validate.sh"
# curl appends the HTTP status to every answer: the service answered (allowed) or Lattice refused (403).
STATUS_FORMAT='\nHTTP status %{http_code}\n'

usage() {
  cat <<USAGE
usage: scripts/validate.sh [--attempts N] [--delay SECONDS] [stack...]
  From every client namespace of the given cluster stacks (default: all deployed ones), calls every service of
  those stacks: allowed callers must be answered, the others refused with AccessDeniedException.
  --attempts N  tries per call while DNS and Lattice settle (default 10)
  --delay S     seconds between tries (default 15)
  A namespace where no service of the program runs is called from a probe pod the script starts there (label
  ${PROBE_LABEL}) and deletes when that namespace's calls end, on failure and on SIGINT or
  SIGTERM too.
  SIGINT or SIGTERM: the call in flight gets it once; then the calls checked so far, the command that runs them
  all again, the probe pods deleted, and exit 130 or 143.
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

# What the run has found so far; the interrupt report and the clean-up read it whenever a signal comes.
clusters=()     # the deployed stacks, in order
hosts=()        # every service, by hostname, cluster by cluster
callers=()      # every calling <cluster>/<namespace>, cluster by cluster
declare -A result=() refused=() context=()
total=0
PROBES=()       # "<stack> <namespace> <pod>" of every probe pod not known to be deleted
PROBE_LIFETIME=0
WORK="$(mktemp -d)"

# Deletes the probe pods still there, whatever ended the run. A signal now is ignored: the deletion is one API call
# per pod (at most 20 s each), and stopping it would leave a pod behind.
clean_up() {
  trap '' INT TERM
  local entry stack namespace pod
  for entry in "${PROBES[@]}"; do
    read -r stack namespace pod <<<"$entry"
    start_child kubectl --context "${context[$stack]}" delete pod -n "$namespace" "$pod" --ignore-not-found \
      --wait=false --request-timeout=20s >"$WORK/clean-up" 2>&1
    wait_child "$CHILD"
    if [[ $WAITED -eq 0 ]]; then
      say "deleted probe pod $pod in $stack/$namespace"
    else
      printf 'error: could not delete probe pod %s in %s/%s: %s; delete it with: kubectl --context %s delete pod -n %s %s (its containers stop by themselves %s s after it started)\n' \
        "$pod" "$stack" "$namespace" "$(grep -m 1 . "$WORK/clean-up")" "${context[$stack]}" "$namespace" "$pod" \
        "$PROBE_LIFETIME" >&2
    fi
  done
  rm -rf "$WORK"
}
trap clean_up EXIT
use_backend
handle_interrupts

# Every name comes from the stack's outputs, as the program named what it created. A stack without `services` was
# deployed before services could be configured: its demo is its one service, called from the demo's namespace.
service_names=(kubeContext vpcId services clientNamespaces sidecarLabel clientServiceAccount probeImage)
demo_names=(kubeContext vpcId demoNamespace demoDeployment demoContainer demoHostname demoAuthPolicy allowedCallers)
declare -A vpc=() probe_image=() sidecar_label=() client_account=()
declare -A service_stack=() service_namespace=() service_policy=() service_callers=() caller_workload=()
older=()
for stack in "${requested[@]}"; do
  if ! outputs="$(stack_outputs "$stack")" || [[ "$(jq -r '.clusterName // empty' <<<"$outputs")" == "" ]]; then
    warn "stack $stack is not deployed; left out"
    continue
  fi
  names=("${service_names[@]}")
  if [[ "$(jq -r 'has("services")' <<<"$outputs")" != true ]]; then
    names=("${demo_names[@]}")
    older+=("$stack")
    # The older outputs, in the shape of the newer ones.
    outputs="$(jq '. + {services: [{namespace: .demoNamespace, hostname: .demoHostname, deployment: .demoDeployment,
      container: .demoContainer, authPolicy: .demoAuthPolicy, callers: .allowedCallers}], clientNamespaces: [.demoNamespace]}' \
      <<<"$outputs")"
  fi
  absent="$(jq -r --args '[$ARGS.positional[] as $name | select(has($name) | not) | $name] | join(" ")' "${names[@]}" <<<"$outputs")"
  if [[ -n "$absent" ]]; then
    die "stack $stack lacks the outputs $absent: an older version of the program deployed it; run scripts/deploy.sh $stack to add them"
  fi
  clusters+=("$stack")
  context[$stack]="$(jq -r '.kubeContext' <<<"$outputs")"
  vpc[$stack]="$(jq -r '.vpcId' <<<"$outputs")"
  probe_image[$stack]="$(jq -r '.probeImage // empty' <<<"$outputs")"
  sidecar_label[$stack]="$(jq -r '.sidecarLabel // empty' <<<"$outputs")"
  client_account[$stack]="$(jq -r '.clientServiceAccount // empty' <<<"$outputs")"
  while IFS=$'\t' read -r namespace host deployment container policy allowed; do
    hosts+=("$host")
    service_stack[$host]="$stack"
    service_namespace[$host]="$namespace"
    service_policy[$host]="$policy"
    service_callers[$host]="$allowed"
    # The namespace's calls go out from its first service.
    [[ -n "${caller_workload[$stack/$namespace]:-}" ]] || caller_workload[$stack/$namespace]="$deployment $container"
  done < <(jq -r '.services[] | [.namespace, .hostname, .deployment, .container, .authPolicy, (.callers | join(" "))] | @tsv' \
    <<<"$outputs")
  mapfile -t namespaces < <(jq -r '(.clientNamespaces + [.services[].namespace]) | unique[]' <<<"$outputs")
  for namespace in "${namespaces[@]}"; do
    callers+=("$stack/$namespace")
  done
done
[[ ${#clusters[@]} -gt 0 ]] || die "no deployed cluster stack to validate; run scripts/deploy.sh first"
if [[ ${#older[@]} -gt 0 ]]; then
  warn "$(stack_list "${older[@]}") export no services output (an older version of the program deployed them): checking their demo service, called from its namespace only; scripts/deploy.sh ${older[*]} adds it"
fi
total=$((${#callers[@]} * ${#hosts[@]}))
# A probe pod stops by itself (activeDeadlineSeconds) once it has had the time to become Ready and to make every
# call of its namespace with every retry: the bound when the script cannot delete it (SIGKILL, a lost API server).
PROBE_LIFETIME=$((PROBE_READY_SECONDS + ${#hosts[@]} * attempts * (delay + 30) + 60))

# The pod a caller's calls go out from: EXEC_TARGET (kubectl exec's arguments after the namespace) and CALLER_POD (a
# readable name). Without a workload in the namespace, a probe pod (start_probe).
CALLER_PROBLEM=""
EXEC_TARGET=()
CALLER_POD=""
use_workload() {
  local deployment container
  read -r deployment container <<<"${caller_workload[$1]}"
  EXEC_TARGET=("deployments/$deployment" -c "$container")
  CALLER_POD="deployment $deployment"
}

# Starts a probe pod in caller $1 (<stack>/<namespace>) and waits until it is Ready. It is recorded before it is
# created, so the clean-up deletes it whatever happens next. Returns 1 with CALLER_PROBLEM set when the pod could
# not be created, came up without the sidecar (a FAIL of the injection, not of a call) or never became Ready.
start_probe() {
  local stack="${1%%/*}" namespace="${1#*/}" pod manifest init_containers
  pod="validate-probe-$(date +%s)-$$"
  manifest="$WORK/probe-$stack-$namespace.json"
  if [[ -z "${probe_image[$stack]}" ]]; then
    CALLER_PROBLEM="no probe"
    printf 'error: %s has no workload that can call and its stack exports no probeImage; run scripts/deploy.sh %s\n' "$1" "$stack" >&2
    return 1
  fi
  # Its container runs as user and group 1000 (any group but 0, whose traffic skips the sidecar), set on the
  # container so the sidecar's own containers keep theirs (the redirect runs as root, the proxy with group 0).
  jq -n --arg name "$pod" --arg namespace "$namespace" --arg image "${probe_image[$stack]}" \
    --arg account "${client_account[$stack]}" --arg sidecar "${sidecar_label[$stack]}" --arg managed "$PROBE_LABEL" \
    --arg container "$PROBE_CONTAINER" --argjson deadline "$PROBE_LIFETIME" '{
      apiVersion: "v1", kind: "Pod",
      metadata: {name: $name, namespace: $namespace, labels: ({($sidecar | split("=")[0]): ($sidecar | split("=")[1:] | join("=")),
        ($managed | split("=")[0]): ($managed | split("=")[1])})},
      spec: {serviceAccountName: $account, automountServiceAccountToken: false, restartPolicy: "Never",
        terminationGracePeriodSeconds: 1, activeDeadlineSeconds: $deadline,
        securityContext: {seccompProfile: {type: "RuntimeDefault"}},
        containers: [{name: $container, image: $image,
          securityContext: {runAsUser: 1000, runAsGroup: 1000, runAsNonRoot: true, allowPrivilegeEscalation: false,
            capabilities: {drop: ["ALL"]}},
          resources: {requests: {cpu: "50m", memory: "64Mi"}, limits: {memory: "128Mi"}}}]}}' >"$manifest"
  PROBES+=("$stack $namespace $pod")
  say "$1: no service of the program runs there; calling from probe pod $pod (deleted when the namespace's calls end; it stops by itself after $PROBE_LIFETIME s at the latest)"
  local -a kubectl=(kubectl --context "${context[$stack]}")
  if ! run_child "$WORK/probe" "${kubectl[@]}" apply -f "$manifest"; then
    CALLER_PROBLEM="no probe"
    printf 'error: could not create probe pod %s in %s: %s\n' "$pod" "$1" "$(grep -m 1 -v '^Warning:' "$WORK/probe")" >&2
    if grep -q webhook "$WORK/probe"; then
      printf '  a webhook refused it: Kyverno refuses labelled pods while it is down (its policy fails closed); check its pods: %s get pods -n %s\n' \
        "${kubectl[*]}" "$KYVERNO_NAMESPACE" >&2
    fi
    return 1
  fi
  if ! run_child "$WORK/probe" "${kubectl[@]}" get pod -n "$namespace" "$pod" -o 'jsonpath={.spec.initContainers[*].name}'; then
    CALLER_PROBLEM="no probe"
    printf 'error: could not read probe pod %s in %s: %s\n' "$pod" "$1" "$(grep -m 1 . "$WORK/probe")" >&2
    return 1
  fi
  init_containers="$(cat "$WORK/probe")"
  if [[ " $init_containers " != *" $SIDECAR_CONTAINER "* ]]; then
    CALLER_PROBLEM="no sidecar"
    printf 'error: the sidecar policy did not inject: probe pod %s in namespace %s of %s (context %s), labelled %s, came up without the %s init container (init containers: %s), so its calls would leave unsigned. Check the policy: %s get mutatingpolicy %s -o yaml (it adds the sidecar to pods labelled %s in namespaces labelled %s: %s get namespace %s --show-labels), and Kyverno'"'"'s pods: %s get pods -n %s\n' \
      "$pod" "$namespace" "$stack" "${context[$stack]}" "${sidecar_label[$stack]}" "$SIDECAR_CONTAINER" \
      "${init_containers:-none}" "${kubectl[*]}" "$SIDECAR_POLICY" "${sidecar_label[$stack]}" "$CLIENT_NAMESPACE_LABEL" "${kubectl[*]}" \
      "$namespace" "${kubectl[*]}" "$KYVERNO_NAMESPACE" >&2
    return 1
  fi
  if ! run_child "$WORK/probe" "${kubectl[@]}" wait -n "$namespace" --for=condition=Ready "pod/$pod" \
    --timeout="${PROBE_READY_SECONDS}s"; then
    CALLER_PROBLEM="no probe"
    local why
    why="$(grep -m 1 . "$WORK/probe")"
    run_child "$WORK/probe" "${kubectl[@]}" get pod -n "$namespace" "$pod" -o json || true
    printf 'error: probe pod %s in %s did not become Ready within %s s: %s; its containers: %s\n' "$pod" "$1" \
      "$PROBE_READY_SECONDS" "$why" "$(jq -r '[(.status.initContainerStatuses // [])[], (.status.containerStatuses // [])[]
        | "\(.name) \(.state | keys[0])" + (.state[].reason // "" | if . == "" then "" else " (\(.))" end)]
        | join(", ") | select(. != "") // "no status yet"' \
        "$WORK/probe" 2>/dev/null || echo unknown)" >&2
    return 1
  fi
  EXEC_TARGET=("pod/$pod" -c "$PROBE_CONTAINER")
  CALLER_POD="probe pod $pod"
}

# Deletes the probe pod of caller $1, if it has one; one that cannot be deleted now is left to the clean-up.
stop_probe() {
  local i stack namespace pod
  for i in "${!PROBES[@]}"; do
    read -r stack namespace pod <<<"${PROBES[$i]}"
    [[ "$stack/$namespace" == "$1" ]] || continue
    if run_child "$WORK/probe" kubectl --context "${context[$stack]}" delete pod -n "$namespace" "$pod" \
      --ignore-not-found --wait=false; then
      unset 'PROBES[i]'
      PROBES=("${PROBES[@]}")
    fi
    return 0
  done
}

# Reads the answer in file $1: sets ANSWER (its status and first line, for the log), STATUS (the HTTP status, 000
# when none came) and NO_CURL (1 when the pod has no curl).
read_answer() {
  local body
  STATUS="$(sed -n 's/^HTTP status \([0-9][0-9][0-9]\)$/\1/p' "$1" | tail -n 1)"
  STATUS="${STATUS:-000}"
  body="$(grep -v '^HTTP status [0-9]*$' "$1" | grep -m 1 . | cut -c 1-300 || true)"
  ANSWER="HTTP $STATUS: $body"
  [[ "$STATUS" != 000 ]] || ANSWER="$body"
  NO_CURL=0
  if [[ "$STATUS" == 000 ]] && grep -Eq '"curl": executable file not found|curl: (command )?not found' "$1"; then
    NO_CURL=1
  fi
}

# Calls service $2 from caller $1 until the answer is the expected one ($3: allowed or denied) or the attempts run
# out. Allowed: the service answered (an HTTP status below 500 other than 401 and 403); denied: AccessDeniedException.
# Sets VERDICT (PASS, FAIL, or NO_CURL when the caller's pod has no curl) and ANSWER (the last answer). kubectl and
# sleep run as children (run_child): a signal reaches them once and stops the script when they have ended.
check_call() {
  local caller="$1" host="$2" expected="$3" attempt stack="${1%%/*}" namespace="${1#*/}"
  ANSWER=""
  VERDICT=FAIL
  for ((attempt = 1; attempt <= attempts; attempt++)); do
    run_child "$WORK/answer" kubectl --context "${context[$stack]}" exec -n "$namespace" "${EXEC_TARGET[@]}" -- \
      curl -s --max-time 10 -A "validate.sh $caller" -w "$STATUS_FORMAT" "$host" || true
    read_answer "$WORK/answer"
    if [[ $NO_CURL -eq 1 ]]; then
      VERDICT=NO_CURL
      return
    fi
    if grep -q AccessDeniedException "$WORK/answer"; then
      [[ "$expected" == allowed ]] || { VERDICT=PASS; return; }
    elif [[ "$expected" == allowed && "$STATUS" =~ ^[1-4][0-9][0-9]$ && "$STATUS" != 401 && "$STATUS" != 403 ]]; then
      VERDICT=PASS
      return
    fi
    [[ $attempt -ge $attempts ]] || run_child "$WORK/sleep" sleep "$delay"
  done
}

# The width of the widest of "$@".
widest() {
  local text width=0
  for text in "$@"; do
    [[ ${#text} -le $width ]] || width=${#text}
  done
  printf '%s' "$width"
}

# After a signal: the calls checked so far and the command that checks them all again. The clean-up then deletes
# the probe pods.
interrupt_report() {
  local caller host width cells=()
  for caller in "${callers[@]}"; do
    for host in "${hosts[@]}"; do cells+=("$caller -> $host"); done
  done
  width="$(widest "${cells[@]}")"
  printf '\nSIG%s: stopped after %s of %s calls:\n' "$INTERRUPTED" "${#result[@]}" "$total"
  for caller in "${callers[@]}"; do
    for host in "${hosts[@]}"; do
      printf '  %-*s  %s\n' "$width" "$caller -> $host" "${result[$caller,$host]:-not checked}"
    done
  done
  printf 'Run it again with:\n  %s\n' "$0 --attempts $attempts --delay $delay ${clusters[*]}"
}

started_ms=$(($(date +%s) * 1000))
failures=0
not_made=0
unable=()
for caller in "${callers[@]}"; do
  CALLER_PROBLEM=""
  if [[ -n "${caller_workload[$caller]:-}" ]]; then
    use_workload "$caller"
  else
    start_probe "$caller" || unable+=("$caller")
  fi
  for host in "${hosts[@]}"; do
    expected=denied
    [[ " ${service_callers[$host]} " == *" $caller "* ]] && expected=allowed
    if [[ -n "$CALLER_PROBLEM" ]]; then
      result[$caller,$host]="FAIL ($expected; $CALLER_PROBLEM)"
      not_made=$((not_made + 1))
      continue
    fi
    say "$caller -> $host: expecting $expected (from $CALLER_POD)"
    check_call "$caller" "$host" "$expected"
    if [[ "$VERDICT" == NO_CURL ]]; then
      warn "$CALLER_POD in $caller has no curl: calling from a probe pod there instead"
      if start_probe "$caller"; then
        check_call "$caller" "$host" "$expected"
      else
        unable+=("$caller")
        result[$caller,$host]="FAIL ($expected; $CALLER_PROBLEM)"
        not_made=$((not_made + 1))
        continue
      fi
    fi
    result[$caller,$host]="$VERDICT ($expected)"
    [[ "$ANSWER" == *AccessDeniedException* ]] && refused[$caller,$host]=1
    printf '    %s\n' "$ANSWER" >&2
    [[ "$VERDICT" == PASS ]] || failures=$((failures + 1))
  done
  stop_probe "$caller"
done

# One matrix per cluster: its services across, every caller down.
for stack in "${clusters[@]}"; do
  columns=()
  for host in "${hosts[@]}"; do
    [[ "${service_stack[$host]}" != "$stack" ]] || columns+=("$host")
  done
  [[ ${#columns[@]} -gt 0 ]] || continue
  printf '\nServices of %s: each cell is the result and, in brackets, the answer the auth policy calls for\n' "$stack"
  row_width="$(widest 'from \ to' "${callers[@]}")"
  printf '%-*s' "$row_width" 'from \ to'
  widths=()
  for host in "${columns[@]}"; do
    cells=("$host")
    for caller in "${callers[@]}"; do cells+=("${result[$caller,$host]}"); done
    widths+=("$(widest "${cells[@]}")")
  done
  widths[-1]=0 # no padding at the end of a line
  for i in "${!columns[@]}"; do printf '  %-*s' "${widths[$i]}" "${columns[$i]}"; done
  printf '\n'
  for caller in "${callers[@]}"; do
    printf '%-*s' "$row_width" "$caller"
    for i in "${!columns[@]}"; do printf '  %-*s' "${widths[$i]}" "${result[$caller,${columns[$i]}]}"; done
    printf '\n'
  done
done

for host in "${hosts[@]}"; do
  stack="${service_stack[$host]}"
  printf '\nIAMAuthPolicy of %s (kubectl --context %s get IAMAuthPolicy -n %s %s):\n' \
    "$host" "${context[$stack]}" "${service_namespace[$host]}" "${service_policy[$host]}"
  if run_child "$WORK/policy" kubectl --context "${context[$stack]}" get IAMAuthPolicy -n "${service_namespace[$host]}" \
    "${service_policy[$host]}" -o json && jq '.spec.policy | fromjson' "$WORK/policy"; then
    :
  else
    warn "could not read the auth policy of $host: $(head -n 1 "$WORK/policy")"
  fi
done

# The access-log lines of the denied calls: the service network logs every request that crosses it, in the
# environment's account (run with its credentials). Lines arrive a minute or two after the call. A line is the
# caller's when it names the service's host and comes from the caller's VPC; of those, the one with the caller's
# user agent (curl -A), which the namespaces of one cluster share the VPC of.
denied=()
for caller in "${callers[@]}"; do
  for host in "${hosts[@]}"; do
    [[ -n "${refused[$caller,$host]:-}" ]] && denied+=("$caller,$host")
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
        caller="${cell%,*}"
        host="${cell#*,}"
        reason[$cell]="$(jq -r --arg host "$host" --arg vpc "${vpc[${caller%%/*}]}" --arg agent "validate.sh $caller" \
          '[.events[].message | fromjson?
          | select((.hostHeader // "" | split(":")[0]) == $host and (.sourceVpcArn // "" | endswith("/" + $vpc)))
          | select(.userAgent == $agent or (.userAgent // "" | startswith("validate.sh ") | not))]
          | (map(select(.userAgent == $agent)) + map(select(.userAgent != $agent)))[0] // empty
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
      cells=()
      for cell in "${denied[@]}"; do cells+=("${cell%,*} -> ${cell#*,}"); done
      width="$(widest "${cells[@]}")"
      for cell in "${denied[@]}"; do
        printf '  %-*s  %s\n' "$width" "${cell%,*} -> ${cell#*,}" \
          "${reason[$cell]:-no access-log line yet (they arrive within minutes; see $log_group)}"
      done
    fi
  fi
fi

problems=""
[[ $failures -eq 0 ]] || problems="$failures of $total calls did not answer as their auth policies say"
if [[ ${#unable[@]} -gt 0 ]]; then
  mapfile -t unable < <(printf '%s\n' "${unable[@]}" | sort -u)
  problems="${problems:+$problems; }$not_made of $total calls were not made: $(stack_list "${unable[@]}") had no pod to call from (no sidecar, or no probe pod: see the errors above)"
fi
[[ -z "$problems" ]] || die "$problems"
say "all $total calls answered as their auth policies say"
