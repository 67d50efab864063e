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
BACKEND_CHOSEN=0
use_backend() {
  select_backend
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

# The backend alone, for what needs no secrets (listing the stacks).
select_backend() {
  if [[ -z "${PULUMI_BACKEND_URL:-}" ]]; then
    local state="$HOME/.pulumi-state/vpc-lattice-multicluster"
    mkdir -p "$state"
    export PULUMI_BACKEND_URL="file://$state"
    BACKEND_CHOSEN=1
  fi
  say "state backend: $PULUMI_BACKEND_URL"
}

# `pulumi` as a user types it in a command this script prints: with the backend the script chose, which the
# user's own shell does not have.
pulumi_hint() {
  if [[ $BACKEND_CHOSEN -eq 1 ]]; then
    printf 'PULUMI_BACKEND_URL=%s pulumi' "$PULUMI_BACKEND_URL"
  else
    printf 'pulumi'
  fi
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

# The stacks as one readable list: "environment, cluster1, cluster2".
stack_list() {
  local IFS=,
  printf '%s' "$*" | sed 's/,/, /g'
}

# Fails unless every named stack is one of the project's stacks.
check_stack_names() {
  [[ $PROJECT_STACKS_LOADED -eq 1 ]] || load_project_stacks
  local stack
  for stack in "$@"; do
    is_project_stack "$stack" ||
      die "unknown stack '$stack': expected one of the project's stacks: $(stack_list "${PROJECT_STACKS[@]}") (the environment, then one per Pulumi.<stack>.yaml)"
  done
}

# Whether $1 is one of the project's stacks.
is_project_stack() {
  [[ $PROJECT_STACKS_LOADED -eq 1 ]] || load_project_stacks
  local known
  for known in "${PROJECT_STACKS[@]}"; do
    [[ "$known" != "$1" ]] || return 0
  done
  return 1
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
  jar_command_in "$PROJECT_DIR" "$@"
}

# A command of the jar in directory $1, which holds a Pulumi.yaml and stack files (the jar reads them from there).
jar_command_in() {
  local directory="$1" options
  shift
  mapfile -t options < <(java_options reuse)
  (cd "$directory" && java "${options[@]}" -jar "$JAR" "$@")
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

# --- Interrupts ---
# Every long-running child (pulumi; validate.sh's kubectl, aws and sleep) runs in a process group of its own, so a
# terminal's Ctrl-C, which goes to the whole foreground group, reaches the script and not the child; the script
# passes each SIGINT or SIGTERM it gets on, once, to every child still running. Each pulumi thus gets exactly one
# signal per signal sent, however it was sent (Ctrl-C, `kill` of the script, `kill` of its group): the CLI cancels on
# the first (finishes the operations in flight, saves the state, releases the lock) and terminates on a second one,
# which may leave pending operations (pkg/backend/cancellation_scope.go). The pulumi CLI does the same for its own
# plugins (sdk/go/common/util/cmdutil/child_unix.go, RegisterProcessGroup).
INTERRUPTED=""   # INT or TERM: the first signal this run got
CHILDREN=()      # the children running now
LOGGERS=()       # the log stages not waited for yet
PENDING_LOGGER="" # a log stage whose pulumi is not started yet
WAIT_INTERRUPTED=0
WAITED=0

on_signal() {
  local signal="$1" pid
  WAIT_INTERRUPTED=1
  [[ -n "$INTERRUPTED" ]] || INTERRUPTED="$signal"
  if [[ ${#CHILDREN[@]} -eq 0 ]]; then
    interrupted_exit
  fi
  for pid in "${CHILDREN[@]}"; do
    kill -s "$signal" "$pid" 2>/dev/null || true
  done
  say "SIG$signal: passed on once to what runs now; waiting for it to stop (another SIG$signal passes that on too)"
}

# The script's exit after a signal: its own report (a function `interrupt_report`, when it defines one), then
# 130 for SIGINT, 143 for SIGTERM. Every child has ended by now; a further signal is ignored, so the report and the
# script's EXIT trap (validate.sh deletes its probe pods there) always finish.
interrupted_exit() {
  trap '' INT TERM
  # A log stage whose pulumi had not started yet waits to open its FIFO, which no one will write any more; the
  # others end with their pulumi's output.
  [[ -z "$PENDING_LOGGER" ]] || kill -KILL "$PENDING_LOGGER" 2>/dev/null || true
  local logger
  for logger in "${LOGGERS[@]}"; do
    wait "$logger" 2>/dev/null || true
  done
  if declare -F interrupt_report >/dev/null; then
    interrupt_report
  fi
  [[ "$INTERRUPTED" == INT ]] && exit 130
  exit 143
}

handle_interrupts() {
  trap 'on_signal INT' INT
  trap 'on_signal TERM' TERM
}

# Starts "$@" as a child in a process group of its own (job control on just for that) with the signals at their
# defaults, stdin from /dev/null (a process outside the terminal's foreground group must not read it); sets CHILD.
start_child() {
  set -m
  "$@" </dev/null &
  CHILD=$!
  set +m
  CHILDREN+=("$CHILD")
}

# Waits for child $1 and sets WAITED to its status. A trapped signal ends `wait` early with a status above 128:
# then it waits again, which returns the child's own status once the child ends.
wait_child() {
  local pid="$1" i
  while :; do
    WAIT_INTERRUPTED=0
    WAITED=0
    wait "$pid" || WAITED=$?
    [[ $WAIT_INTERRUPTED -eq 1 && $WAITED -gt 128 ]] || break
  done
  for i in "${!CHILDREN[@]}"; do
    [[ "${CHILDREN[$i]}" != "$pid" ]] || unset 'CHILDREN[i]'
  done
  CHILDREN=("${CHILDREN[@]}")
}

# Runs "$@" as a child (start_child) with its output in file $1 and waits for it; returns its status. A signal stops
# the script once the child has ended.
run_child() {
  local output="$1"
  shift
  start_child "$@" >"$output" 2>&1
  wait_child "$CHILD"
  [[ -z "$INTERRUPTED" ]] || interrupted_exit
  return "$WAITED"
}

# --- Running pulumi for several stacks ---
# What happened to each stack of this run: finished, failed, locked, cancelled or terminated (a stack without an
# entry was not started), and the command that runs the same again, without stack names (resume_command).
declare -A OUTCOME=()
RUN_ACTION=""
RUN_STACKS=()
RESUME=()
RUN_DIR=""

# Starts `pulumi <action> --stack <stack>` as a child. Its output goes through a FIFO to a log stage that keeps it in
# $LOG_DIR/<action>-<stack>.log and prints it prefixed with the stack. The stage ignores SIGINT and SIGTERM: a
# terminal's Ctrl-C reaches it, and its death would break the pipe under pulumi while pulumi cancels (Go dies of
# SIGPIPE writing to it). It ends when pulumi closes the FIFO. Sets CHILD and LOGGER.
start_pulumi() {
  local action="$1" stack="$2" fifo
  if [[ -z "$RUN_DIR" ]]; then
    RUN_DIR="$(mktemp -d)"
    trap 'rm -rf "$RUN_DIR"' EXIT
  fi
  mkdir -p "$LOG_DIR"
  fifo="$RUN_DIR/$action-$stack"
  mkfifo "$fifo"
  (
    trap '' INT TERM
    tee "$LOG_DIR/$action-$stack.log" | sed -u "s/^/[$stack] /"
  ) <"$fifo" &
  LOGGER=$!
  LOGGERS+=("$LOGGER")
  PENDING_LOGGER="$LOGGER"
  start_child pulumi_in_project "$action" --yes --non-interactive --stack "$stack" >"$fifo" 2>&1
  PENDING_LOGGER=""
}

pulumi_in_project() {
  cd "$PROJECT_DIR" && exec pulumi "$@"
}

# Waits for the pulumi of stack $2 (child $3, log stage $4) and records its outcome.
finish_pulumi() {
  local action="$1" stack="$2" pid="$3" logger="$4" log
  wait_child "$pid"
  local status="$WAITED" i
  wait "$logger" 2>/dev/null || true
  for i in "${!LOGGERS[@]}"; do
    [[ "${LOGGERS[$i]}" != "$logger" ]] || unset 'LOGGERS[i]'
  done
  LOGGERS=("${LOGGERS[@]}")
  log="$LOG_DIR/$action-$stack.log"
  if [[ $status -eq 0 ]]; then
    OUTCOME[$stack]=finished
  elif grep -q 'received; terminating' "$log" 2>/dev/null; then
    OUTCOME[$stack]=terminated
  elif grep -q 'received; cancelling' "$log" 2>/dev/null || [[ -n "$INTERRUPTED" ]]; then
    OUTCOME[$stack]=cancelled
  elif grep -q 'the stack is currently locked by' "$log" 2>/dev/null; then
    OUTCOME[$stack]=locked
    explain_lock "$stack" "$log"
  else
    OUTCOME[$stack]=failed
  fi
}

# Runs `pulumi <action>` for each stack, in parallel unless SEQUENTIAL=1, and records each outcome. After a signal
# no further stack starts; the ones running get it (on_signal) and are waited for.
run_for_stacks() {
  local action="$1" stack i
  shift
  local -a stacks=("$@") pids=() loggers=()
  RUN_ACTION="$action"
  if [[ "${SEQUENTIAL:-0}" == 1 ]]; then
    for stack in "${stacks[@]}"; do
      [[ -z "$INTERRUPTED" ]] || return 0
      say "pulumi $action $stack"
      start_pulumi "$action" "$stack"
      finish_pulumi "$action" "$stack" "$CHILD" "$LOGGER"
    done
    return 0
  fi
  for stack in "${stacks[@]}"; do
    [[ -z "$INTERRUPTED" ]] || break
    say "pulumi $action $stack (in parallel)"
    start_pulumi "$action" "$stack"
    pids+=("$CHILD")
    loggers+=("$LOGGER")
  done
  for i in "${!pids[@]}"; do
    finish_pulumi "$action" "${stacks[$i]}" "${pids[$i]}" "${loggers[$i]}"
  done
}

# Whether stack $1 finished in this run.
finished() { [[ "${OUTCOME[$1]:-}" == finished ]]; }

# The stacks of this run that did not finish, in order.
unfinished_stacks() {
  local stack
  for stack in "${RUN_STACKS[@]}"; do
    finished "$stack" || printf '%s\n' "$stack"
  done
}

# One line per stack of the run: its outcome (not started when it has none) and its log.
summarize() {
  local stack log
  printf '\n%s summary:\n' "$RUN_ACTION"
  for stack in "${RUN_STACKS[@]}"; do
    log="$LOG_DIR/$RUN_ACTION-$stack.log"
    [[ -n "${OUTCOME[$stack]:-}" ]] || log=""
    printf '  %-16s %-12s %s\n' "$stack" "${OUTCOME[$stack]:-not started}" "$log"
  done
}

# The command that does what this run left undone.
resume_command() {
  local -a left
  mapfile -t left < <(unfinished_stacks)
  [[ ${#RESUME[@]} -gt 0 ]] || RESUME=("$0")
  printf '%s' "${RESUME[*]} ${left[*]}"
}

# The report of deploy.sh and destroy.sh after a signal.
interrupt_report() {
  summarize
  local -a left
  mapfile -t left < <(unfinished_stacks)
  if [[ ${#left[@]} -eq 0 ]]; then
    say "SIG$INTERRUPTED: every stack had finished"
  else
    printf '\nSIG%s: stopped. Resume what was left with:\n  %s\n' "$INTERRUPTED" "$(resume_command)"
  fi
  if [[ " ${OUTCOME[*]} " == *" terminated "* ]]; then
    warn "a pulumi that was terminated (a second signal) may have left pending operations; the next run checks for them before it changes anything"
  fi
}

# The one line for stack $1 that another run's lock stopped, from the CLI's message in log $2 (pkg/backend/diy/
# lock.go: "<lock url>: created by <user>@<host> (pid <pid>) at <time>"), with how to tell a live run from a stale
# lock: the CLI cannot (it takes no lock's age into account); the lock names the host and process.
explain_lock() {
  local stack="$1" url user host pid time advice
  read -r url user host pid time < <(sed -n 's/^ *\(.*\): created by \(.*\)@\([^@]*\) (pid \([0-9]*\)) at \(.*\)$/\1 \2 \3 \4 \5/p' "$2" | head -n 1) || true
  if [[ -z "${url:-}" ]]; then
    warn "stack $stack is locked by another run (see $2)"
    return
  fi
  local cancel
  cancel="$(pulumi_hint) cancel --stack $stack --yes (it deletes the lock files and stops nothing)"
  if [[ "$host" == "$(uname -n)" ]]; then
    if ps -p "$pid" >/dev/null 2>&1; then
      advice="process $pid still runs on this machine ($(ps -p "$pid" -o comm= 2>/dev/null)): a live run; wait for it to end"
    else
      advice="no process $pid runs on this machine: the lock is stale (its run was killed); remove it with $cancel, then run again"
    fi
  else
    case "$url" in
      s3://*) advice="it was taken on $host: there, \`ps -p $pid\` tells whether that run still goes on (\`aws s3 ls ${url%%\?*}\` shows the lock file); only if it does not, remove the stale lock with $cancel" ;;
      *) advice="it was taken on $host: there, \`ps -p $pid\` tells whether that run still goes on; only if it does not, remove the stale lock with $cancel" ;;
    esac
  fi
  warn "stack $stack is locked by another run ($user@$host, pid $pid, since $time; $url): $advice"
}

# Refuses to go on when any of the stacks has pending operations: operations an earlier run started and never
# recorded the end of (it was terminated or killed). The CLI would warn and go on; a create it re-runs collides
# with a resource of the same fixed name. Names each one and what `pulumi refresh` offers to resolve it
# (pkg/cmd/pulumi/operations/refresh.go: --import-pending-creates, --clear-pending-creates), and stops before any
# stack is touched. $1 names the script's verb for the message (deployed, destroyed).
check_pending_operations() {
  local verb="$1" stack deployment operations
  shift
  local -a blocked=() others=()
  for stack in "$@"; do
    deployment="$(cd "$PROJECT_DIR" && pulumi stack export --stack "$stack" --non-interactive)" ||
      die "pulumi stack export --stack $stack failed (see above); nothing was $verb"
    operations="$(jq -c '.deployment.pending_operations // []' <<<"$deployment")"
    if [[ "$operations" == '[]' ]]; then
      others+=("$stack")
      continue
    fi
    blocked+=("$stack")
    explain_pending_operations "$stack" "$operations"
  done
  [[ ${#blocked[@]} -gt 0 ]] || return 0
  local rest="no other stack was asked for"
  [[ ${#others[@]} -eq 0 ]] || rest="the other stacks ($(stack_list "${others[@]}")) were left alone too"
  die "nothing was $verb: $(stack_list "${blocked[@]}") not touched because of pending operations; $rest. Resolve them as above, then run this again"
}

explain_pending_operations() {
  local stack="$1" operations="$2" pulumi
  pulumi="$(pulumi_hint)"
  printf 'error: stack %s has %s pending operation(s) from a run that was stopped while they were in flight:\n' \
    "$stack" "$(jq length <<<"$operations")" >&2
  jq -r '.[] | "  \(.type)  \(.resource.urn)"' <<<"$operations" >&2
  printf '  Check in AWS (console or CLI) whether each one completed, then, in %s:\n' "$PROJECT_DIR" >&2
  if jq -e 'any(.[]; .type == "creating")' <<<"$operations" >/dev/null; then
    printf '    a create that completed (the resource exists): import it with its id (for an EKS cluster, its name):\n' >&2
    printf '      %s refresh --stack %s --yes --import-pending-creates <URN> --import-pending-creates <ID>\n' "$pulumi" "$stack" >&2
    printf '    a create that never happened: %s refresh --stack %s --yes --clear-pending-creates\n' "$pulumi" "$stack" >&2
    printf '    (one refresh may do both: it imports the creates it is given ids for, then clears the rest)\n' >&2
  fi
  if jq -e 'any(.[]; .type != "creating")' <<<"$operations" >/dev/null; then
    printf '    an update, delete or read: %s refresh --stack %s --yes reads the real state and drops them\n' "$pulumi" "$stack" >&2
  fi
}

# Checks, before anything runs, that each stack's program will get an identity AWS accepts: the credentials of its
# aws:profile, the role of its aws:assumeRole (assumed with those credentials, as the AWS provider does), or the
# default credentials, and that they are of the account its accountId names. Reads what the program will get with
# the jar's `config` command. Names every stack that fails and its fix, then stops.
check_stack_identities() {
  local stack config profile role external session account actual caller errors=0 output
  local -A checked=() identity=()
  for stack in "$@"; do
    config="$(jar_command config "$stack")" || exit 1
    profile="$(jq -r '."aws:profile" // empty' <<<"$config")"
    role="$(jq -r '."aws:assumeRole" // empty | fromjson? | .roleArn // empty' <<<"$config")"
    external="$(jq -r '."aws:assumeRole" // empty | fromjson? | .externalId // empty' <<<"$config")"
    session="$(jq -r '."aws:assumeRole" // empty | fromjson? | .sessionName // empty' <<<"$config")"
    account="$(jq -r 'to_entries | map(select(.key | endswith(":accountId")))[0].value // empty' <<<"$config")"
    local -a with_profile=()
    [[ -z "$profile" ]] || with_profile=(--profile "$profile")
    output="${identity[p$profile]:-}"
    if [[ -z "$output" ]] && ! output="$(aws sts get-caller-identity "${with_profile[@]}" --output json 2>&1)"; then
      printf 'error: stack %s: aws:profile=%s (Pulumi.%s.yaml): aws sts get-caller-identity --profile %s fails: %s; fix: set up that profile (aws configure --profile %s, or aws sso login --profile %s) or name another in aws:profile\n' \
        "$stack" "$profile" "$stack" "$profile" "$(grep -m 1 . <<<"$output")" "$profile" "$profile" >&2
      errors=$((errors + 1))
      continue
    fi
    identity[p$profile]="$output"
    caller="$(jq -r .Arn <<<"$output")"
    actual="$(jq -r .Account <<<"$output")"
    if [[ -n "$role" ]]; then
      local key="$profile|$role|$external"
      local -a assume=(aws sts assume-role "${with_profile[@]}" --role-arn "$role" --role-session-name "${session:-deploy-identity-check}" --output json)
      [[ -z "$external" ]] || assume+=(--external-id "$external")
      if [[ -z "${checked[$key]:-}" ]] && ! output="$("${assume[@]}" 2>&1)"; then
        printf 'error: stack %s: aws:assumeRole roleArn=%s%s (Pulumi.%s.yaml): %s may not assume it: %s; fix: let %s assume the role in its trust policy%s, or correct aws:assumeRole\n' \
          "$stack" "$role" "${external:+ externalId=$external}" "$stack" "$caller" "$(grep -m 1 . <<<"$output")" "$caller" \
          "${external:+ (with the condition sts:ExternalId = $external)}" >&2
        errors=$((errors + 1))
        continue
      fi
      checked[$key]=1
      actual="$(cut -d: -f5 <<<"$role")"
    fi
    if [[ -n "$account" && "$account" != "$actual" ]]; then
      printf 'error: stack %s: accountId=%s (Pulumi.%s.yaml), but its credentials (%s) are of account %s; fix: set aws:profile or aws:assumeRole in Pulumi.%s.yaml to credentials of account %s, or correct accountId\n' \
        "$stack" "$account" "$stack" "${role:-${profile:+profile $profile}}" "$actual" "$stack" "$account" >&2
      errors=$((errors + 1))
    fi
  done
  [[ $errors -eq 0 ]] || die "nothing was deployed: $errors stack(s) would run with an identity AWS refuses or of the wrong account (above)"
}

# Options deploy.sh and destroy.sh share: --sequential, --force and --skip-plan (each where the caller allows it),
# stack names. Sets SEQUENTIAL, FORCE, SKIP_PLAN and REQUESTED; `usage` must be defined by the caller.
SEQUENTIAL=0
# shellcheck disable=SC2034 # read by destroy.sh
FORCE=0
# shellcheck disable=SC2034 # read by deploy.sh
SKIP_PLAN=0
REQUESTED=()
parse_stack_arguments() {
  local allowed="$1" expected
  shift
  expected="${allowed// /, }, -h/--help or stack names"
  while [[ $# -gt 0 ]]; do
    case "$1" in
      -h | --help) usage; exit 0 ;;
      -*)
        [[ " $allowed " == *" $1 "* ]] || die "unknown option '$1': expected $expected (see --help)"
        # shellcheck disable=SC2034 # FORCE and SKIP_PLAN are read by destroy.sh and deploy.sh
        case "$1" in
          --sequential) SEQUENTIAL=1 ;;
          --force) FORCE=1 ;;
          --skip-plan) SKIP_PLAN=1 ;;
        esac
        ;;
      *) REQUESTED+=("$1") ;;
    esac
    shift
  done
}

# What deploy.sh and destroy.sh do before touching a stack: tools, the jar (built only when missing or stale) and the
# project's stacks from it, so a wrong stack name is refused before anything else; then credentials and the backend.
prepare_stack_run() {
  require_commands pulumi java mvn aws kubectl jq
  ensure_jar
  load_project_stacks
  handle_interrupts
}
