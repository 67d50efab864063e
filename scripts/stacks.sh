#!/usr/bin/env bash
# Lists the project's stacks as the program decides them: the environment first, then every cluster stack, one per
# line, or with --json as one JSON list, which .github/workflows/preview.yml reads as its matrix: a new settings file
# is previewed without editing the workflow. --environment or --clusters lists one role. It is the jar's `stacks`
# command (built first when missing or older than the sources); stack files that disagree about environmentStack
# stop it with one line and exit 1.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_jar
jar_command stacks "$@"
