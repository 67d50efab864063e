#!/usr/bin/env bash
# Shared by the fake CLIs (sourced, never run): the fake backend's state in $FAKE_STATE and the names the program
# gives what it creates. No name is rebuilt here: a stack's outputs are those of its offline plan (the tested jar's
# `plan` command, run for real), recorded when the fake `pulumi up` finishes, as the real CLI records them.

# A key of the project in the working directory: Pulumi.yaml and every Pulumi.<stack>.yaml (each stack reads them
# all), names and content, and the words given.
project_key() {
  (
    shopt -s nullglob
    for file in Pulumi*.yaml; do printf '%s\n' "$file" && cat "$file"; done
    printf '%s\n' "$*"
  ) | sha256sum | cut -c1-16
}

# Runs the tested jar with the real java in the project, its answer cached across tests by project_key; prints what
# the jar printed and returns its status.
cached_jar() {
  local cache status=0
  cache="$FAKE_LOAD_CACHE/$(project_key "$@")-$1"
  if [[ ! -e "$cache.status" ]]; then
    mkdir -p "$FAKE_LOAD_CACHE"
    "$FAKE_REAL_JAVA" -jar "$FAKE_JAR" "$@" >"$cache.out.$$" 2>"$cache.err.$$" || status=$?
    # Fakes running at once may fill the same entry: each writes its own files and renames them into place.
    mv "$cache.out.$$" "$cache.out" && mv "$cache.err.$$" "$cache.err" && echo "$status" >"$cache.status"
  fi
  cat "$cache.out"
  cat "$cache.err" >&2
  return "$(cat "$cache.status")"
}

# The outputs of stack $1 in the offline plan of the project in the working directory (every stack planned once per
# project content, across tests).
plan_outputs() {
  local plan status=0
  plan="$FAKE_LOAD_CACHE/$(project_key)-plan"
  if [[ ! -d "$plan" ]]; then
    mkdir -p "$FAKE_LOAD_CACHE"
    "$FAKE_REAL_JAVA" -jar "$FAKE_JAR" plan --out "$plan.$$" >"$plan.$$.log" 2>&1 || status=$?
    if [[ $status -ne 0 ]]; then
      cat "$plan.$$.log" >&2
      return "$status"
    fi
    mv "$plan.$$" "$plan" 2>/dev/null || true
  fi
  jq '.outputs' "$plan/$1.json"
}

# Records the outputs of stack $1, from the project in the working directory, as the state of a finished `up`.
record_outputs() {
  mkdir -p "$FAKE_STATE/outputs"
  plan_outputs "$1" >"$FAKE_STATE/outputs/$1.json"
}

# The recorded outputs of stack $1, changed by $FAKE_OUTPUTS (a jq filter) when set; fails when there are none.
recorded_outputs() {
  [[ -s "$FAKE_STATE/outputs/$1.json" ]] || return 1
  jq "${FAKE_OUTPUTS:-.}" "$FAKE_STATE/outputs/$1.json"
}

# The deployed stack whose recorded output $1 is $2.
stack_whose() {
  local file
  for file in "$FAKE_STATE"/outputs/*.json; do
    [[ -e "$file" ]] || continue
    if [[ "$(jq -r --arg key "$1" "${FAKE_OUTPUTS:-.} | .[\$key] // empty" "$file")" == "$2" ]]; then
      basename "$file" .json
      return 0
    fi
  done
  return 1
}

# The services of a stack's outputs (jq): its `services`, or for a stack deployed before that output its demo.
SERVICES_OF='(.services // [{namespace: .demoNamespace, hostname: .demoHostname, deployment: .demoDeployment,
  container: .demoContainer, callers: .allowedCallers}])'

# The deployed stack and the service whose hostname is $1: "<stack> <service as compact JSON>".
service_with_host() {
  local file service
  for file in "$FAKE_STATE"/outputs/*.json; do
    [[ -e "$file" ]] || continue
    service="$(jq -c --arg host "$1" "${FAKE_OUTPUTS:-.} | $SERVICES_OF | map(select(.hostname == \$host))[0] // empty" "$file")"
    if [[ -n "$service" ]]; then
      printf '%s %s\n' "$(basename "$file" .json)" "$service"
      return 0
    fi
  done
  return 1
}
