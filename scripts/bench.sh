#!/usr/bin/env bash
# Benchmark of the program's start-up paths (not a test: nothing asserts a time). Builds once, then over several
# runs prints min and median wall time of: every stack planned in one JVM from the jar; one cluster stack per JVM
# from the jar, with and without the JVM options scripts/plan.sh uses; the same stack through
# `mvn compile exec:java` (what Pulumi's default Maven executor runs); the warm test suite. Writes the table,
# date and machine to docs/performance.md unless --no-write.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

runs=5
suite_runs=3
write=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) runs="${2:?--runs needs a number}"; shift ;;
    --suite-runs) suite_runs="${2:?--suite-runs needs a number}"; shift ;;
    --no-write) write=0 ;;
    *) die "usage: scripts/bench.sh [--runs N] [--suite-runs N] [--no-write]" ;;
  esac
  shift
done
require_commands java mvn

cd "$PROJECT_DIR"
out="$PROJECT_DIR/target/bench"
rm -rf "$out"
mkdir -p "$out"
say "building once"
mvn -q -B -o package -DskipTests 2>/dev/null || mvn -q -B package -DskipTests
rm -f "$CDS_ARCHIVE"
mapfile -t fast < <(java_options)
say "training the class-data archive and planning the environment once"
java "${fast[@]}" -jar "$JAR" plan --out "$out/plan" >/dev/null
mapfile -t fast < <(java_options)
environment_plan="$out/plan/environment.json"
one_stack=(plan --out "$out/one" --environment-plan "$environment_plan" cluster1)

# Prints the wall time of "$@" in milliseconds; the command's output is discarded.
millis() {
  local start end
  start="$(date +%s%N)"
  "$@" >/dev/null 2>&1 || die "benchmark command failed: $*"
  end="$(date +%s%N)"
  printf '%d\n' $(((end - start) / 1000000))
}

# Runs "$@" N times; prints "min median".
measure() {
  local n="$1" i
  shift
  local -a times=()
  for ((i = 0; i < n; i++)); do
    times+=("$(millis "$@")")
  done
  mapfile -t times < <(printf '%s\n' "${times[@]}" | sort -n)
  printf '%s %s\n' "${times[0]}" "${times[$((n / 2))]}"
}

declare -A result
say "1/5 every stack in one JVM from the jar"
result[all]="$(measure "$runs" java "${fast[@]}" -jar "$JAR" plan --out "$out/all")"
say "2/5 one cluster stack per JVM from the jar, plan.sh's JVM options"
result[one]="$(measure "$runs" java "${fast[@]}" -jar "$JAR" "${one_stack[@]}")"
say "3/5 one cluster stack per JVM from the jar, plain java -jar (what pulumi up runs)"
result[plain]="$(measure "$runs" java -jar "$JAR" "${one_stack[@]}")"
say "4/5 the same stack through mvn compile exec:java"
result[maven]="$(measure "$runs" mvn -q -B -o compile exec:java -Dexec.args="${one_stack[*]}")"
say "5/5 the warm test suite"
mvn -q -B -o test-compile >/dev/null 2>&1
result[suite]="$(measure "$suite_runs" mvn -q -B -o test)"

median() { cut -d' ' -f2 <<<"${result[$1]}"; }
minimum() { cut -d' ' -f1 <<<"${result[$1]}"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }

cores="$(nproc)"
memory="$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)"
java_version="$(java -version 2>&1 | head -n 1)"
table="$(cat <<TABLE
| path | runs | min (ms) | median (ms) | target |
|---|---|---|---|---|
| every stack (environment, $(cluster_stacks | tr '\n' ' ' | sed 's/ $//; s/ /, /g')) in one JVM, jar, plan.sh options | $runs | $(minimum all) | $(median all) | under 3000 |
| one cluster stack per JVM, jar, plan.sh options | $runs | $(minimum one) | $(median one) | under 1500 |
| one cluster stack per JVM, jar, plain \`java -jar\` | $runs | $(minimum plain) | $(median plain) | under 1500 |
| one cluster stack, \`mvn -q compile exec:java\` | $runs | $(minimum maven) | $(median maven) | |
| warm test suite, \`mvn -q test\` | $suite_runs | $(minimum suite) | $(median suite) | under 60000 |

Maven path / jar path (medians): $(ratio "$(median maven)" "$(median plain)") against plain \`java -jar\`, $(ratio "$(median maven)" "$(median one)") against the plan.sh options (target: at least 2).
TABLE
)"
printf '\n%s\n\nmachine: %s cores, %s, %s\n' "$table" "$cores" "$memory" "$java_version"

if [[ $write -eq 1 ]]; then
  doc="$PROJECT_DIR/docs/performance.md"
  begin='<!-- bench:begin -->'
  end='<!-- bench:end -->'
  [[ -f "$doc" ]] || die "$doc is missing"
  block="$(printf '%s\nMeasured %s on %s cores, %s, %s (%s).\n\n%s\n%s' "$begin" "$(date -u +%Y-%m-%d)" "$cores" "$memory" \
    "$java_version" "$(uname -sm)" "$table" "$end")"
  BLOCK="$block" awk -v begin="$begin" -v end="$end" '
    $0 == begin { print ENVIRON["BLOCK"]; skip = 1; next }
    $0 == end { skip = 0; next }
    !skip { print }' "$doc" >"$doc.new"
  mv "$doc.new" "$doc"
  say "wrote the table into $doc"
fi
