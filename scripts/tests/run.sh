#!/usr/bin/env bash
# Tests of deploy.sh, destroy.sh and validate.sh against fake pulumi, kubectl, aws and mvn executables that
# record their calls. Each test runs in its own sandbox: a PATH holding only the fakes and the basic tools the
# scripts need, a fresh HOME, state and log directory.
set -uo pipefail

TESTS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SCRIPTS="$(cd "$TESTS_DIR/.." && pwd)"
PROJECT="$(cd "$SCRIPTS/.." && pwd)"
TOOLS=(bash env dirname basename cat sed sort tr mkdir tee head tail jq sleep grep cut wc rm mktemp date ls touch find cp ln sha256sum)
REAL_JAVA="$(command -v java)"
JAR="$PROJECT/target/vpc-lattice-multicluster.jar"
[[ -f "$JAR" ]] || { echo "error: $JAR is missing: run \`mvn package\` first (scripts/test.sh does)" >&2; exit 1; }
LOAD_CACHE="$(mktemp -d)"
trap 'rm -rf "$LOAD_CACHE"' EXIT

sandbox() {
  SANDBOX="$(mktemp -d)"
  mkdir -p "$SANDBOX/bin" "$SANDBOX/home" "$SANDBOX/state"
  local tool
  for tool in "${TOOLS[@]}"; do
    ln -s "$(command -v "$tool")" "$SANDBOX/bin/$tool"
  done
  for tool in "$TESTS_DIR"/fakes/*; do
    ln -s "$tool" "$SANDBOX/bin/${tool##*/}"
  done
  export PATH="$SANDBOX/bin" HOME="$SANDBOX/home" LOG_DIR="$SANDBOX/logs"
  export FAKE_LOG="$SANDBOX/calls.log" FAKE_STATE="$SANDBOX/state" FAKE_PROJECT="$PROJECT"
  export FAKE_REAL_JAVA="$REAL_JAVA" FAKE_JAR="$JAR" FAKE_LOAD_CACHE="$LOAD_CACHE"
  export PULUMI_CONFIG_PASSPHRASE=test FAKE_DELAY=0.3
  unset PULUMI_BACKEND_URL FAKE_FAIL FAKE_ALLOW FAKE_UNSETTLED FAKE_AWS_NO_CREDENTIALS FAKE_PLAN_FAIL FAKE_STACK_LS_FAILS
  touch "$FAKE_LOG"
}

# Runs a script, keeping its exit code, stdout and stderr.
run() {
  "$SCRIPTS/$1" "${@:2}" >"$SANDBOX/out" 2>"$SANDBOX/err"
  STATUS=$?
}

fail() {
  printf 'FAIL: %s\n' "$*"
  printf -- '--- stdout\n%s\n--- stderr\n%s\n--- calls\n%s\n' "$(cat "$SANDBOX/out" 2>/dev/null)" \
    "$(cat "$SANDBOX/err" 2>/dev/null)" "$(cat "$FAKE_LOG")"
  exit 1
}

assert_status() { [[ "$STATUS" -eq "$1" ]] || fail "exit status $STATUS, expected $1"; }
assert_contains() { grep -qF -- "$2" "$SANDBOX/$1" || fail "$1 lacks: $2"; }
assert_not_contains() { ! grep -qF -- "$2" "$SANDBOX/$1" || fail "$1 should not contain: $2"; }
assert_calls() { [[ "$(grep -cF -- "$1" "$FAKE_LOG")" -eq "$2" ]] || fail "expected $2 calls matching '$1', got $(grep -cF -- "$1" "$FAKE_LOG")"; }
line_of() { grep -nF -- "$1" "$FAKE_LOG" | head -n 1 | cut -d: -f1; }
assert_before() {
  local first second
  first="$(line_of "$1")"
  second="$(line_of "$2")"
  [[ -n "$first" && -n "$second" && "$first" -lt "$second" ]] || fail "'$1' should come before '$2'"
}
deployed() {
  local stack
  for stack in "$@"; do echo 25 >"$FAKE_STATE/stacks/$stack"; done
}
fresh_state() { mkdir -p "$FAKE_STATE/stacks"; }

# --- deploy ---

test_deploy_builds_once_creates_stacks_and_deploys_environment_before_clusters_in_parallel() {
  run deploy.sh
  assert_status 0
  assert_calls "mvn -q -B package -DskipTests" 1
  assert_calls "-jar $PROJECT/target/vpc-lattice-multicluster.jar plan environment cluster1 cluster2" 1
  assert_before "plan environment cluster1 cluster2" "pulumi stack init environment"
  assert_calls "pulumi stack init environment --secrets-provider passphrase" 1
  assert_calls "pulumi stack init cluster1" 1
  assert_calls "pulumi stack init cluster2" 1
  assert_before "end up environment" "start up cluster1"
  assert_before "end up environment" "start up cluster2"
  assert_before "start up cluster2" "end up cluster1"
  assert_before "start up cluster1" "end up cluster2"
  assert_calls "aws eks update-kubeconfig --name eks-cluster1 --alias eks-cluster1 --region eu-west-1" 1
  assert_calls "aws eks update-kubeconfig --name eks-cluster2 --alias eks-cluster2 --region eu-west-1" 1
  assert_contains out "[cluster1] Previewing up (cluster1)"
  assert_contains err "state backend: file://$HOME/.pulumi-state/vpc-lattice-multicluster"
  [[ -s "$LOG_DIR/up-cluster2.log" ]] || fail "no log kept for cluster2"
  assert_contains out "cluster2         ok"
}

test_deploy_changes_nothing_when_the_offline_plan_finds_a_bad_value() {
  export FAKE_PLAN_FAIL=1
  run deploy.sh
  assert_status 1
  assert_contains err "invalid configuration: vpc-lattice-multicluster:vpcCidr"
  assert_contains err "the offline plan failed, nothing was deployed"
  assert_calls "pulumi stack init" 0
  assert_calls "start up" 0
}

test_deploy_sequential_runs_one_cluster_at_a_time() {
  run deploy.sh --sequential
  assert_status 0
  assert_before "end up cluster1" "start up cluster2"
}

test_deploy_twice_changes_nothing_the_second_time() {
  run deploy.sh
  assert_status 0
  : >"$FAKE_LOG"
  run deploy.sh
  assert_status 0
  assert_calls "pulumi stack init" 0
  assert_contains out "[cluster1] Resources: 25 unchanged"
  assert_not_contains out "changed to"
}

test_deploy_named_stacks_only() {
  fresh_state
  deployed environment
  run deploy.sh cluster2
  assert_status 0
  assert_calls "start up environment" 0
  assert_calls "start up cluster1" 0
  assert_calls "start up cluster2" 1
}

test_deploy_failure_names_the_stack_and_exits_non_zero() {
  export FAKE_FAIL=cluster2
  run deploy.sh
  assert_status 1
  assert_contains err "error: deploy failed for: cluster2"
  assert_contains out "cluster2         FAILED"
  assert_contains out "cluster1         ok"
  assert_calls "update-kubeconfig --name eks-cluster2" 0
}

test_deploy_stops_before_clusters_when_the_environment_fails() {
  export FAKE_FAIL=environment
  run deploy.sh
  assert_status 1
  assert_contains err "stack environment failed; the clusters need it, so none was deployed"
  assert_calls "start up cluster" 0
}

test_deploy_names_every_missing_tool_before_doing_anything() {
  rm "$SANDBOX/bin/kubectl" "$SANDBOX/bin/aws"
  run deploy.sh
  assert_status 1
  assert_contains err "error: aws is missing: install the AWS CLI v2"
  assert_contains err "error: kubectl is missing: install it"
  assert_calls "pulumi" 0
  assert_calls "mvn" 0
}

test_deploy_refuses_without_aws_credentials() {
  export FAKE_AWS_NO_CREDENTIALS=1
  run deploy.sh
  assert_status 1
  assert_contains err "no usable AWS credentials"
  assert_calls "pulumi" 0
}

test_deploy_says_when_the_passphrase_is_missing() {
  unset PULUMI_CONFIG_PASSPHRASE
  run deploy.sh
  assert_status 1
  assert_contains err "PULUMI_CONFIG_PASSPHRASE is not set"
  assert_calls "pulumi stack init" 0
}

test_deploy_honours_a_given_backend() {
  export PULUMI_BACKEND_URL="s3://team-state/lattice"
  run deploy.sh environment
  assert_status 0
  assert_contains err "state backend: s3://team-state/lattice"
  assert_calls "pulumi stack init environment --secrets-provider passphrase" 1
}

test_deploy_to_pulumi_cloud_needs_no_passphrase() {
  export PULUMI_BACKEND_URL="https://api.pulumi.com"
  unset PULUMI_CONFIG_PASSPHRASE
  run deploy.sh environment
  assert_status 0
  assert_calls "pulumi stack init environment --non-interactive" 1
}

test_deploy_refuses_unknown_stacks_and_options() {
  run deploy.sh cluster9
  assert_status 1
  assert_contains err "unknown stack 'cluster9'"
  run deploy.sh --fast
  assert_status 1
  assert_contains err "usage: scripts/deploy.sh"
}

# Loaded by the fake CLI with the real CLI's rules: an unquoted number for a string default stops every command.
test_deploy_stops_with_the_clis_message_when_pulumi_yaml_breaks_its_load_rules() {
  local copy="$SANDBOX/project"
  mkdir -p "$copy/target"
  cp -R "$PROJECT/scripts" "$copy/scripts"
  cp "$PROJECT"/Pulumi*.yaml "$copy/"
  ln -s "$JAR" "$copy/target/vpc-lattice-multicluster.jar"
  sed -i 's/default: "1.35"/default: 1.35/' "$copy/Pulumi.yaml"
  "$copy/scripts/deploy.sh" >"$SANDBOX/out" 2>"$SANDBOX/err"
  STATUS=$?
  assert_status 1
  assert_contains err "error: could not unmarshal 'Pulumi.yaml': The default value specified for configuration key 'kubernetesVersion' is not of the expected type 'string'"
  assert_contains err "pulumi stack ls failed"
  assert_calls "pulumi stack init" 0
  assert_calls "start up" 0
}

test_destroy_stops_when_pulumi_cannot_list_the_stacks() {
  fresh_state
  deployed environment cluster1
  export FAKE_STACK_LS_FAILS=1
  run destroy.sh
  assert_status 1
  assert_contains err "pulumi stack ls failed"
  assert_calls "start destroy" 0
}

# --- destroy ---

test_destroy_removes_clusters_in_parallel_then_the_environment() {
  fresh_state
  deployed environment cluster1 cluster2
  run destroy.sh
  assert_status 0
  assert_before "start destroy cluster2" "end destroy cluster1"
  assert_before "end destroy cluster1" "start destroy environment"
  assert_before "end destroy cluster2" "start destroy environment"
  assert_calls "kubectl config delete-context eks-cluster1" 1
  assert_contains err "destroyed: cluster1 cluster2 environment"
}

test_destroy_sequential_runs_one_cluster_at_a_time() {
  fresh_state
  deployed environment cluster1 cluster2
  run destroy.sh --sequential
  assert_status 0
  assert_before "end destroy cluster1" "start destroy cluster2"
}

test_destroy_refuses_the_environment_while_a_cluster_has_resources() {
  fresh_state
  deployed environment cluster1
  run destroy.sh environment
  assert_status 1
  assert_contains err "not destroying environment: cluster stacks still have resources: cluster1"
  assert_calls "start destroy" 0
  run destroy.sh --force environment
  assert_status 0
  assert_calls "start destroy environment" 1
}

test_destroy_keeps_the_environment_when_a_cluster_fails() {
  fresh_state
  deployed environment cluster1 cluster2
  export FAKE_FAIL=cluster1
  run destroy.sh
  assert_status 1
  assert_contains err "cluster stacks still have resources: cluster1"
  assert_calls "start destroy environment" 0
  assert_calls "end destroy cluster2" 1
}

test_destroy_skips_stacks_that_do_not_exist() {
  fresh_state
  deployed environment
  run destroy.sh
  assert_status 0
  assert_contains err "stack cluster1 does not exist; nothing to destroy"
  assert_calls "start destroy environment" 1
}

# --- validate ---

test_validate_passes_when_every_pair_answers_as_the_policies_say() {
  fresh_state
  deployed environment cluster1 cluster2
  export FAKE_ALLOW="cluster1>cluster2 cluster2>cluster1"
  run validate.sh --delay 0
  assert_status 0
  assert_contains out "PASS (allowed)"
  assert_contains out "PASS (denied)"
  assert_calls "exec -n apps deployments/demo-cluster1-v1 -c demo-cluster1-v1 -- curl -s --max-time 10 demo-cluster2.vpc-lattice-octank.io" 1
  assert_calls "exec -n apps deployments/demo-cluster1-v1 -c demo-cluster1-v1 -- curl -s --max-time 10 demo-cluster1.vpc-lattice-octank.io" 1
  assert_calls "get IAMAuthPolicy -n apps demo-cluster2-iam-auth-policy -o json" 1
  assert_contains err "all 4 calls answered as their auth policies say"
}

test_validate_fails_when_a_call_is_let_through_that_should_not_be() {
  fresh_state
  deployed environment cluster1 cluster2
  export FAKE_ALLOW="cluster1>cluster2 cluster2>cluster1 cluster1>cluster1"
  run validate.sh --attempts 2 --delay 0
  assert_status 1
  assert_contains out "FAIL (denied)"
  assert_contains err "1 of 4 calls did not answer as their auth policies say"
}

test_validate_retries_while_dns_settles() {
  fresh_state
  deployed environment cluster1 cluster2
  export FAKE_ALLOW="cluster1>cluster2 cluster2>cluster1" FAKE_UNSETTLED=2
  run validate.sh --attempts 3 --delay 0
  assert_status 0
  assert_calls "-- curl" 6
}

test_validate_needs_deployed_clusters() {
  fresh_state
  run validate.sh
  assert_status 1
  assert_contains err "no deployed cluster stack to validate"
}

main() {
  local tests failed=0 name
  mapfile -t tests < <(declare -F | sed -n 's/^declare -f \(test_.*\)/\1/p')
  for name in "${tests[@]}"; do
    if [[ -n "${1:-}" && "$name" != *"$1"* ]]; then
      continue
    fi
    if (sandbox && "$name"); then
      printf 'ok   %s\n' "$name"
    else
      printf 'FAIL %s\n' "$name"
      failed=$((failed + 1))
    fi
  done
  printf '%d script tests, %d failed\n' "${#tests[@]}" "$failed"
  [[ $failed -eq 0 ]]
}

main "$@"
