#!/usr/bin/env bash
# Benchmark of the program's start-up paths (not a test: nothing asserts a time). Builds once, then over several
# runs prints min and median wall time of: every stack planned in one JVM from the jar; one cluster stack per JVM
# from the jar, with and without the JVM options scripts/plan.sh uses; the same stack through
# `mvn compile exec:java` (what Pulumi's default Maven executor runs); the warm test suite. Writes the table,
# date and machine to docs/performance.md unless --no-write. Each Maven path runs once unmeasured first, online,
# so a machine that never ran it fetches its plugins (exec-maven-plugin, the Surefire providers); the measured runs
# are offline. A path that fails stops the benchmark, naming it.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  cat <<USAGE
usage: scripts/bench.sh [--runs N] [--suite-runs N] [--no-write]
  Measures the program's start-up paths (min and median wall time) and writes the table into docs/performance.md.
  --runs N        runs of each start-up path (default 5)
  --suite-runs N  runs of the warm test suite (default 3)
  --no-write      print the table only
USAGE
}

runs=5
suite_runs=3
write=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs | --suite-runs)
      [[ $# -ge 2 && "$2" =~ ^[1-9][0-9]*$ ]] || die "$1 ${2:-}: expected a positive whole number of runs"
      [[ "$1" == --runs ]] && runs="$2" || suite_runs="$2"
      shift
      ;;
    --no-write) write=0 ;;
    -h | --help) usage; exit 0 ;;
    *) die "unknown argument '$1': expected --runs N, --suite-runs N, --no-write or -h/--help (see --help)" ;;
  esac
  shift
done
require_commands java mvn

# Runs the path named $2 with "$@" (after the two first words) once, unmeasured; a failure stops the benchmark with
# the end of its output. Run online, it fetches what a fresh machine lacks.
prepare() {
  local key="$1" name="$2"
  shift 2
  if ! "$@" >"$out/$key.log" 2>&1; then
    tail -n 20 "$out/$key.log" >&2
    die "path '$name' failed: $* (its whole output: $out/$key.log)"
  fi
}

# Runs the path named $3 with "$@" (after the three first words) $2 times and sets result[$1] to "min median" in
# milliseconds. Not in a command substitution: a failure there would end only the subshell and leave an empty time.
declare -A result
measure() {
  local key="$1" n="$2" name="$3" i start end
  shift 3
  local -a times=()
  for ((i = 0; i < n; i++)); do
    start="$(date +%s%N)"
    "$@" >"$out/$key.log" 2>&1 || {
      tail -n 20 "$out/$key.log" >&2
      die "path '$name' failed on run $((i + 1)): $* (its whole output: $out/$key.log)"
    }
    end="$(date +%s%N)"
    times+=($(((end - start) / 1000000)))
  done
  mapfile -t times < <(printf '%s\n' "${times[@]}" | sort -n)
  result[$key]="${times[0]} ${times[$((n / 2))]}"
}

cd "$PROJECT_DIR"
out="$PROJECT_DIR/target/bench"
rm -rf "$out"
mkdir -p "$out"
say "building once"
prepare build "mvn package" mvn -q -B package -DskipTests
rm -f "$CDS_ARCHIVE"
mapfile -t fast < <(java_options)
say "training the class-data archive and planning the environment once"
prepare train "plan every stack (training the class-data archive)" java "${fast[@]}" -jar "$JAR" plan --out "$out/plan"
mapfile -t fast < <(java_options)
environment_plan="$out/plan/environment.json"
one_stack=(plan --out "$out/one" --environment-plan "$environment_plan" cluster1)

say "1/6 every stack in one JVM from the jar"
measure all "$runs" "every stack in one JVM" java "${fast[@]}" -jar "$JAR" plan --out "$out/all"
say "2/6 one cluster stack per JVM from the jar, plan.sh's JVM options"
measure one "$runs" "one cluster stack, plan.sh options" java "${fast[@]}" -jar "$JAR" "${one_stack[@]}"
say "3/6 one cluster stack per JVM from the jar, plain java -jar (what pulumi up runs)"
measure plain "$runs" "one cluster stack, plain java -jar" java -jar "$JAR" "${one_stack[@]}"
say "4/6 the same stack through mvn compile exec:java"
maven_path=(mvn -q -B compile exec:java -Dexec.args="${one_stack[*]}")
prepare maven "mvn compile exec:java" "${maven_path[@]}"
measure maven "$runs" "mvn compile exec:java" "${maven_path[@]:0:3}" -o "${maven_path[@]:3}"
say "5/6 the warm test suite"
prepare suite "mvn test" mvn -q -B test
measure suite "$suite_runs" "mvn test" mvn -q -B -o test

# Each phase of `plan --timings` (every stack in one JVM), median over $runs runs, with and without plan.sh's
# options; a run's lines look like "timing: plan of cluster1 632 ms" and "cluster1 (project): 107 resources".
phases() {
  local key="$1" i
  shift
  for ((i = 0; i < runs; i++)); do
    "$@" plan --timings --out "$out/phases-$key" >"$out/phases-$key.log" 2>&1 || {
      tail -n 20 "$out/phases-$key.log" >&2
      die "path 'plan --timings' failed: $* (its whole output: $out/phases-$key.log)"
    }
    sed -n 's/^timing: \(.*\) \([0-9][0-9]*\) ms$/\1\t\2/p' "$out/phases-$key.log"
  done | awk -F '\t' '
    !($1 in seen) { seen[$1] = 1; order[++count] = $1 }
    { times[$1] = times[$1] " " $2 }
    END {
      for (i = 1; i <= count; i++) {
        n = split(substr(times[order[i]], 2), values, " ")
        for (a = 1; a <= n; a++) for (b = a + 1; b <= n; b++) if (values[b] < values[a]) { t = values[a]; values[a] = values[b]; values[b] = t }
        printf "%s\t%s\n", order[i], values[int(n / 2) + 1]
      }
    }' >"$out/phases-$key.tsv"
}
say "6/6 where the time goes: plan --timings, plain and with plan.sh's options"
phases plain java -jar "$JAR"
phases fast java "${fast[@]}" -jar "$JAR"

median() { cut -d' ' -f2 <<<"${result[$1]}"; }
minimum() { cut -d' ' -f1 <<<"${result[$1]}"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }
verdict() { if test "$1" "$2" "$3"; then printf '**met**'; else printf '**not met**'; fi; }
# One row per phase, named with what the plan says it registered ("plan of cluster1" gains "(107 resources)").
phase_rows() {
  local phase plain fast resources stack
  while IFS=$'\t' read -r phase plain; do
    fast="$(awk -F '\t' -v p="$phase" '$1 == p { print $2 }' "$out/phases-fast.tsv")"
    resources=""
    if [[ "$phase" == "plan of "* ]]; then
      stack="${phase#plan of }"
      resources="$(sed -n "s/^$stack ([^)]*): \([0-9][0-9]*\) resources.*/ (\1 resources)/p" "$out/phases-plain.log" | head -n 1)"
    fi
    printf '| %s%s | %s | %s |\n' "$phase" "$resources" "$plain" "$fast"
  done <"$out/phases-plain.tsv"
}

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

| target | measured (median) | result |
|---|---|---|
| one cluster stack under 1.5 s, plain \`java -jar\` | $(median plain) ms | $(verdict "$(median plain)" -le 1500) |
| one cluster stack under 1.5 s, plan.sh options | $(median one) ms | $(verdict "$(median one)" -le 1500) |
| every stack in one JVM under 3 s, plan.sh options | $(median all) ms | $(verdict "$(median all)" -le 3000) |
| Maven path at least 2 times the jar path, plain \`java -jar\` | $(ratio "$(median maven)" "$(median plain)") times | $(verdict "$(median maven)" -ge "$((2 * $(median plain)))") |
| Maven path at least 2 times the jar path, plan.sh options | $(ratio "$(median maven)" "$(median one)") times | $(verdict "$(median maven)" -ge "$((2 * $(median one)))") |
| warm test suite under 60 s | $(median suite) ms | $(verdict "$(median suite)" -le 60000) |

Where the time goes: each phase of \`plan --timings\` (every stack in one JVM), median of $runs runs.

| phase | plain \`java -jar\` (ms) | plan.sh options (ms) |
|---|---|---|
$(phase_rows)
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
