#!/usr/bin/env bash
# Lists the project's stacks as the program decides them: the environment first, then every cluster stack, one per
# line, or with --json as one JSON list, which .github/workflows/preview.yml reads as its matrix: a new settings file
# is previewed without editing the workflow. --environment or --clusters lists one role. It is the jar's `stacks`
# command (built first when missing or older than the sources); stack files that disagree about environmentStack
# stop it with one line and exit 1.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  cat <<USAGE
usage: scripts/stacks.sh [--json] [--environment | --clusters]
  Lists the project's stacks: the environment first, then every cluster stack (one per Pulumi.<stack>.yaml).
  --json         one JSON list instead of one name per line
  --environment  only the environment
  --clusters     only the cluster stacks
USAGE
}

# The jar knows no --help (it answers any unknown option with its usage and exit 2).
for argument in "$@"; do
  case "$argument" in
    -h | --help) usage; exit 0 ;;
  esac
done
ensure_jar
jar_command stacks "$@"
