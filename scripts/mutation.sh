#!/usr/bin/env bash
# Mutation testing with PIT (docs/mutation.md): compiles, mutates the pure packages and the config rules with the
# STRONGER mutators, runs their unit tests against every mutant, then prints the score line, the score of each
# package and every mutant no test killed, grouped by class (read from PIT's mutations.xml with the JDK's XML
# parser). Fails when fewer than 90% of the mutants are killed (pom.xml's mutationThreshold). Not part of
# scripts/test.sh: it takes minutes.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  cat <<'EOF'
usage: scripts/mutation.sh [--report-only] [-h|--help]

Runs PIT over the pure packages (policies, naming, network, accounts, eks, limits) and the config rules with the
STRONGER mutators, then prints the score, each package's score and the surviving mutants per class. Exits non-zero
when the build fails or fewer than 90% of the mutants are killed. Reports: target/pit-reports (index.html, mutations.xml).

  --report-only   print the report of the last run (target/pit-reports/mutations.xml) without running PIT
  -h, --help      show this help
EOF
}

report_only=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --report-only) report_only=1 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument $1" ;;
  esac
  shift
done

require_commands java mvn
cd "$PROJECT_DIR"
REPORTS="$PROJECT_DIR/target/pit-reports"
MUTATIONS="$REPORTS/mutations.xml"
LOG="$PROJECT_DIR/target/mutation.log"

# The report of mutations.xml: score, packages, survivors (scripts/MutationReport.java).
print_report() {
  [[ -f "$MUTATIONS" ]] || die "no PIT report at $MUTATIONS"
  java "$PROJECT_DIR/scripts/MutationReport.java" "$MUTATIONS"
}

if [[ $report_only -eq 1 ]]; then
  print_report
  exit 0
fi

rm -rf "$REPORTS"
mkdir -p "$PROJECT_DIR/target"
say "compiling, then running PIT with 2 threads (several minutes; log: $LOG)"
start="$(date +%s)"
status=0
mvn -B test-compile org.pitest:pitest-maven:mutationCoverage >"$LOG" 2>&1 || status=$?
elapsed=$(($(date +%s) - start))
if [[ ! -f "$MUTATIONS" ]]; then
  tail -n 40 "$LOG" >&2
  die "PIT wrote no report (exit $status): see $LOG"
fi
print_report
printf 'took %dm%02ds (compile and PIT)\n' $((elapsed / 60)) $((elapsed % 60))
if [[ $status -ne 0 ]]; then
  grep -m 1 -o 'Mutation score of [0-9]* is below threshold of [0-9]*' "$LOG" >&2 || tail -n 20 "$LOG" >&2
  die "mutation testing failed (exit $status): see $LOG and $REPORTS/index.html"
fi
say "report: $REPORTS/index.html"
