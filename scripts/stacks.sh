#!/usr/bin/env bash
# Lists the stacks: the environment first, then every cluster stack with a Pulumi.<stack>.yaml, one per line, or
# with --json as one JSON list, which .github/workflows/preview.yml reads as its matrix: a new settings file is
# previewed without editing the workflow.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

case "${1:-}" in
  "") all_stacks ;;
  --json) all_stacks | jq -cnR '[inputs]' ;;
  *) die "usage: scripts/stacks.sh [--json]" ;;
esac
