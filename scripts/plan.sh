#!/usr/bin/env bash
# The offline plan: runs the given stacks (default: the environment, then every cluster stack) under Pulumi's
# mock engine in one JVM, from the fat jar (built first when missing or older than the sources), and writes
# target/plan/<stack>.json. Needs no AWS account, no Pulumi CLI and no network. Options: --out DIR,
# --environment-plan FILE, --stack-files DIR (an example's Pulumi.<stack>.yaml files in place of the project's;
# see README, "Offline plan").
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_jar
offline_plan "$@"
