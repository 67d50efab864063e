#!/usr/bin/env bash
# The offline plan: runs the given stacks (default: the environment, then every cluster stack) under Pulumi's
# mock engine in one JVM, from the fat jar (built first when missing or older than the sources), and writes
# target/plan/<stack>.json. Needs no AWS account, no Pulumi CLI and no network. Options: --out DIR,
# --environment-plan FILE, --stack-files DIR (an example's Pulumi.<stack>.yaml files in place of the project's;
# see README, "Offline plan").
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  cat <<USAGE
usage: scripts/plan.sh [--out DIR] [--environment-plan FILE] [--stack-files DIR] [--timings] [stack...]
  Plans the stacks (default: the environment, then every cluster stack) offline and writes DIR/<stack>.json
  (default target/plan).
  --out DIR                where the plans go
  --environment-plan FILE  an earlier plan of the environment, for planning cluster stacks alone
  --stack-files DIR        the Pulumi.<stack>.yaml files of DIR in place of the project's (relative to the project)
  --timings                print how long each stack took
  stack...                 plan only these; each must be one of the project's stacks (of DIR's with --stack-files)
USAGE
}

# The jar plans any name as a cluster stack, so a typo would plan a stack nobody has: the names are checked here.
stacks=()
stack_files=""
arguments=("$@")
while [[ $# -gt 0 ]]; do
  case "$1" in
    -h | --help) usage; exit 0 ;;
    --out | --environment-plan | --stack-files)
      [[ $# -ge 2 && "$2" != -* ]] || die "$1 needs a value: expected $1 $([[ "$1" == --environment-plan ]] && echo FILE || echo DIR)"
      [[ "$1" != --stack-files ]] || stack_files="$2"
      shift
      ;;
    --timings) ;;
    -*) die "unknown option '$1': expected --out DIR, --environment-plan FILE, --stack-files DIR, --timings, -h/--help or stack names (see --help)" ;;
    *) stacks+=("$1") ;;
  esac
  shift
done

ensure_jar
if [[ ${#stacks[@]} -gt 0 ]]; then
  if [[ -z "$stack_files" ]]; then
    load_project_stacks
  else
    # The stacks the plan will have: the project's files with DIR's written over them, as the jar lays them out.
    [[ "$stack_files" == /* ]] || stack_files="$PROJECT_DIR/$stack_files"
    [[ -d "$stack_files" ]] || die "--stack-files $stack_files: expected a directory of Pulumi.<stack>.yaml files"
    layout="$(mktemp -d)"
    trap 'rm -rf "$layout"' EXIT
    cp "$PROJECT_DIR"/Pulumi*.yaml "$layout/"
    find "$stack_files" -maxdepth 1 -name 'Pulumi.*.y*ml' -exec cp {} "$layout/" \;
    listing="$(jar_command_in "$layout" stacks)" || exit 1
    mapfile -t PROJECT_STACKS <<<"$listing"
    PROJECT_STACKS_LOADED=1
  fi
  check_stack_names "${stacks[@]}"
fi
offline_plan "${arguments[@]}"
