#!/usr/bin/env bash
# Shared by the scripts: messages, prerequisites, stacks, state backend and running pulumi for several stacks
# at once. Sourced, never run.

PROJECT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$PROJECT_DIR/target/vpc-lattice-multicluster.jar"
CDS_ARCHIVE="$PROJECT_DIR/target/vpc-lattice-multicluster.jsa"
LOG_DIR="${LOG_DIR:-$PROJECT_DIR/.pulumi-logs}"

say() { printf '==> %s\n' "$*" >&2; }
warn() { printf 'warning: %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Checks that each named command exists; names every missing one with its fix, then exits.
require_commands() {
  local missing=0 command
  for command in "$@"; do
    if ! command -v "$command" >/dev/null 2>&1; then
      missing=1
      case "$command" in
        pulumi) printf 'error: pulumi is missing: install it with: curl -fsSL https://get.pulumi.com | sh\n' >&2 ;;
        java) printf 'error: java is missing: install a JDK 17 or later (e.g. apt-get install openjdk-17-jdk)\n' >&2 ;;
        mvn) printf 'error: mvn is missing: install Apache Maven 3.8 or later (e.g. apt-get install maven)\n' >&2 ;;
        aws) printf 'error: aws is missing: install the AWS CLI v2 (https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html)\n' >&2 ;;
        kubectl) printf 'error: kubectl is missing: install it (https://kubernetes.io/docs/tasks/tools/)\n' >&2 ;;
        jq) printf 'error: jq is missing: install it (e.g. apt-get install jq, or brew install jq)\n' >&2 ;;
        node | npm) printf 'error: %s is missing: install Node.js 20 or later with npm (https://nodejs.org/en/download)\n' "$command" >&2 ;;
        *) printf 'error: %s is missing\n' "$command" >&2 ;;
      esac
    fi
  done
  [[ $missing -eq 0 ]] || exit 1
}

# The command that installs a system package here, for messages.
install_command() {
  local package="$1"
  if command -v apt-get >/dev/null 2>&1; then
    printf 'sudo apt-get install -y %s' "$package"
  elif command -v brew >/dev/null 2>&1; then
    printf 'brew install %s' "$package"
  elif command -v dnf >/dev/null 2>&1; then
    [[ "$package" == shellcheck ]] && package=ShellCheck
    printf 'sudo dnf install -y %s' "$package"
  else
    printf 'your package manager (package %s)' "$package"
  fi
}

# Installs the named system tools that are missing (packages of the same names) where that needs nobody to type
# a password: Debian or Ubuntu, as root or with passwordless sudo. Elsewhere names each missing tool and the
# command that installs it, then exits. OS_RELEASE lets the tests pretend to be another system.
ensure_system_tools() {
  local tool
  local -a missing=() as_root=()
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
  done
  [[ ${#missing[@]} -gt 0 ]] || return 0
  local installable=0
  if grep -Eqs '^ID(_LIKE)?="?([a-z]+ )*(debian|ubuntu)' "${OS_RELEASE:-/etc/os-release}" &&
    command -v apt-get >/dev/null 2>&1; then
    if [[ "$(id -u 2>/dev/null)" == 0 ]]; then
      installable=1
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      installable=1
      as_root=(sudo -n)
    fi
  fi
  if [[ $installable -eq 0 ]]; then
    for tool in "${missing[@]}"; do
      printf 'error: %s is missing: install it with: %s\n' "$tool" "$(install_command "$tool")" >&2
    done
    exit 1
  fi
  say "installing ${missing[*]} (apt-get)"
  local output
  if ! output="$("${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq 2>&1 &&
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" 2>&1)"; then
    printf '%s\n' "$output" >&2
    die "apt-get could not install ${missing[*]}; install it with: $(install_command "${missing[*]}")"
  fi
  for tool in "${missing[@]}"; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is still missing after apt-get install $tool"
  done
}

# The Node packages of package-lock.json (the linters). On CI always a clean `npm ci`; elsewhere only when
# node_modules is missing or older than the lock file, so repeated runs stay offline and fast.
ensure_node_packages() {
  local installed="$PROJECT_DIR/node_modules/.package-lock.json" output
  if [[ "${CI:-}" == true || ! -f "$installed" || "$PROJECT_DIR/package-lock.json" -nt "$installed" ]]; then
    say "installing the pinned Node packages (npm ci)"
    if ! output="$(cd "$PROJECT_DIR" && npm ci --no-audit --no-fund --loglevel=error 2>&1)"; then
      printf '%s\n' "$output" >&2
      die "npm ci failed; the registry must be reachable once to install the Node packages of package-lock.json"
    fi
  fi
}

require_aws_credentials() {
  if ! aws sts get-caller-identity >/dev/null 2>&1; then
    die "no usable AWS credentials: configure them (aws configure, aws sso login, or AWS_PROFILE) and check with \`aws sts get-caller-identity\`"
  fi
}

# The state backend: PULUMI_BACKEND_URL when set, otherwise a local file backend in the user's home, so no
# Pulumi account is needed. Exported rather than `pulumi login`, so the user's own login is left alone.
# Self-managed backends encrypt secrets with a passphrase; Pulumi Cloud uses its own secrets provider.
# shellcheck disable=SC2034 # read by deploy.sh
SECRETS_PROVIDER=(--secrets-provider passphrase)
use_backend() {
  if [[ -z "${PULUMI_BACKEND_URL:-}" ]]; then
    local state="$HOME/.pulumi-state/vpc-lattice-multicluster"
    mkdir -p "$state"
    export PULUMI_BACKEND_URL="file://$state"
  fi
  say "state backend: $PULUMI_BACKEND_URL"
  case "$PULUMI_BACKEND_URL" in
    https://api.pulumi.com* | https://app.pulumi.com*)
      # shellcheck disable=SC2034 # read by deploy.sh
      SECRETS_PROVIDER=()
      ;;
    *)
      if [[ -z "${PULUMI_CONFIG_PASSPHRASE+set}" && -z "${PULUMI_CONFIG_PASSPHRASE_FILE:-}" ]]; then
        die "PULUMI_CONFIG_PASSPHRASE is not set: the passphrase secrets provider encrypts each stack's secrets (the kubeconfig) with it; export PULUMI_CONFIG_PASSPHRASE (or PULUMI_CONFIG_PASSPHRASE_FILE) and keep it: every later run needs the same one"
      fi
      ;;
  esac
}

# The project's stacks as the program decides them (`java -jar <jar> stacks`, config/ProjectStacks.java): the
# environment first, then every cluster stack. Read once per script run: call load_project_stacks in the script's
# own shell before the functions below, so that their command substitutions reuse the list (they read it
# themselves otherwise). A project the program refuses (stack files that disagree about environmentStack, a file
# the Pulumi CLI would refuse) stops the script with the program's one-line message.
PROJECT_STACKS=()
PROJECT_STACKS_LOADED=0
load_project_stacks() {
  local listing
  ensure_jar
  listing="$(jar_command stacks)" || exit 1
  mapfile -t PROJECT_STACKS <<<"$listing"
  PROJECT_STACKS_LOADED=1
}

# The environment stack.
environment_stack() {
  [[ $PROJECT_STACKS_LOADED -eq 1 ]] || load_project_stacks
  printf '%s\n' "${PROJECT_STACKS[0]}"
}

# The cluster stacks, one per line, sorted.
cluster_stacks() {
  [[ $PROJECT_STACKS_LOADED -eq 1 ]] || load_project_stacks
  if [[ ${#PROJECT_STACKS[@]} -gt 1 ]]; then
    printf '%s\n' "${PROJECT_STACKS[@]:1}"
  fi
}

# Every stack: the environment first, as it is deployed.
all_stacks() {
  [[ $PROJECT_STACKS_LOADED -eq 1 ]] || load_project_stacks
  printf '%s\n' "${PROJECT_STACKS[@]}"
}

# Fails unless every named stack is one of the project's stacks.
check_stack_names() {
  [[ $PROJECT_STACKS_LOADED -eq 1 ]] || load_project_stacks
  local stack known found
  for stack in "$@"; do
    found=0
    for known in "${PROJECT_STACKS[@]}"; do
      [[ "$known" != "$stack" ]] || found=1
    done
    if [[ $found -eq 0 ]]; then
      die "unknown stack '$stack': expected the environment ${PROJECT_STACKS[0]} or a cluster stack with a Pulumi.<stack>.yaml ($(cluster_stacks | tr '\n' ' ' | sed 's/ $//'))"
    fi
  done
}

# The backend's stacks as JSON. Run it as `listing="$(stack_listing)"`: when pulumi cannot list them (it cannot
# load Pulumi.yaml, or is not logged in) the script stops here instead of reading the failure as "no stacks".
stack_listing() {
  (cd "$PROJECT_DIR" && pulumi stack ls --json --non-interactive) || die "pulumi stack ls failed (see above); nothing was changed"
}

# The stacks of a listing, one per line.
existing_stacks() {
  jq -r '.[].name | split("/") | last' <<<"$1"
}

# A stack's outputs as one JSON object (`pulumi stack output --json`); fails when the stack has none to give (it
# does not exist, or holds no resources). The scripts take the names of what the program created from here.
stack_outputs() {
  (cd "$PROJECT_DIR" && pulumi stack output --json --stack "$1" --non-interactive 2>/dev/null)
}

# Resources a stack holds according to a listing; 0 when the stack does not exist.
stack_resource_count() {
  jq -r --arg stack "$2" '[.[] | select((.name | split("/") | last) == $stack) | (.resourceCount // 0)] | add // 0' <<<"$1"
}

# JVM options for a short-lived program JVM (see docs/performance.md): C1 only, the serial collector, and a
# class-data archive of the classes a plan loads, written by the first plan after each build and used after that.
# `java_options reuse` leaves the archive to the plan: it uses one that is there but never writes it, for commands
# that load only a few of the plan's classes (`stacks`), whose archive would leave the plan's classes out.
java_options() {
  printf '%s\n' -XX:TieredStopAtLevel=1 -XX:+UseSerialGC
  if [[ -f "$CDS_ARCHIVE" && "$CDS_ARCHIVE" -nt "$JAR" ]]; then
    printf '%s\n' "-XX:SharedArchiveFile=$CDS_ARCHIVE" -Xshare:auto
  elif [[ "${1:-}" != reuse ]]; then
    # Writing the archive logs a warning for every class it leaves out (generated reflection accessors,
    # pre-Java-6 class files); that is expected, so only an error (no archive written) is shown.
    printf '%s\n' "-XX:ArchiveClassesAtExit=$CDS_ARCHIVE" -Xlog:cds=error
  fi
}

# The offline plan of "$@" (stack names and plan options) from the jar as it is.
offline_plan() {
  local -a options
  mapfile -t options < <(java_options)
  (cd "$PROJECT_DIR" && java "${options[@]}" -jar "$JAR" plan "$@")
}

# Another command of the jar ("$@", e.g. stacks --json), in the project directory, from the jar as it is.
jar_command() {
  local -a options
  mapfile -t options < <(java_options reuse)
  (cd "$PROJECT_DIR" && java "${options[@]}" -jar "$JAR" "$@")
}

# Maven's output (errors, and terminal resets it prints even with -q) goes to stderr: stdout is the results.
JAR_BUILT=0
build_jar() {
  say "building $JAR"
  (cd "$PROJECT_DIR" && mvn -q -B package -DskipTests >&2) || die "the build failed; run \`mvn package\` to see why"
  JAR_BUILT=1
}

# Builds the jar when it is missing or older than pom.xml or a file under src/main, unless this run built it.
ensure_jar() {
  [[ $JAR_BUILT -eq 0 ]] || return 0
  if [[ ! -f "$JAR" ]] || [[ -n "$(cd "$PROJECT_DIR" && find pom.xml src/main -newer "$JAR" -print -quit 2>/dev/null)" ]]; then
    require_commands mvn
    build_jar
  fi
}

# Runs "$@" for one stack with every line prefixed by the stack's name and kept in $LOG_DIR/<action>-<stack>.log.
run_logged() {
  local action="$1" stack="$2"
  shift 2
  mkdir -p "$LOG_DIR"
  local log="$LOG_DIR/$action-$stack.log"
  set -o pipefail
  (cd "$PROJECT_DIR" && "$@") 2>&1 | tee "$log" | sed -u "s/^/[$stack] /"
}

# Runs `pulumi <verb> --stack S` for each stack, in parallel unless SEQUENTIAL=1; fills FAILED with failures.
FAILED=()
run_for_stacks() {
  local action="$1" stack
  shift
  local -a stacks=("$@") pids=()
  FAILED=()
  if [[ "${SEQUENTIAL:-0}" == 1 ]]; then
    for stack in "${stacks[@]}"; do
      say "pulumi $action $stack"
      run_logged "$action" "$stack" pulumi "$action" --yes --non-interactive --stack "$stack" || FAILED+=("$stack")
    done
    return
  fi
  for stack in "${stacks[@]}"; do
    say "pulumi $action $stack (in parallel)"
    run_logged "$action" "$stack" pulumi "$action" --yes --non-interactive --stack "$stack" &
    pids+=("$!")
  done
  local i
  for i in "${!stacks[@]}"; do
    wait "${pids[$i]}" || FAILED+=("${stacks[$i]}")
  done
}

# Options deploy.sh and destroy.sh share: --sequential, --force (where the caller's usage offers it), stack names.
# Sets SEQUENTIAL, FORCE and REQUESTED; `usage` must be defined by the caller.
SEQUENTIAL=0
# shellcheck disable=SC2034 # read by destroy.sh
FORCE=0
REQUESTED=()
parse_stack_arguments() {
  local allow_force="$1"
  shift
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --sequential) SEQUENTIAL=1 ;;
      --force)
        [[ "$allow_force" == 1 ]] || { usage; die "unknown option $1"; }
        # shellcheck disable=SC2034 # read by destroy.sh
        FORCE=1
        ;;
      -h | --help) usage; exit 0 ;;
      -*) usage; die "unknown option $1" ;;
      *) REQUESTED+=("$1") ;;
    esac
    shift
  done
}

# What deploy.sh and destroy.sh do before touching a stack: tools, credentials, the backend, the jar, and the
# project's stacks from it (check the names asked for with check_stack_names after this).
prepare_stack_run() {
  require_commands pulumi java mvn aws kubectl jq
  require_aws_credentials
  use_backend
  build_jar
  load_project_stacks
}

# One line per stack: ok or FAILED, with its log.
summarize() {
  local action="$1" stack status
  shift
  printf '\n%s summary:\n' "$action"
  for stack in "$@"; do
    status=ok
    if [[ " ${FAILED[*]} " == *" $stack "* ]]; then
      status=FAILED
    fi
    printf '  %-16s %-7s %s\n' "$stack" "$status" "$LOG_DIR/$action-$stack.log"
  done
}
