#!/usr/bin/env bash
# Drives one `automl serve` as a bash coprocess, one JSON-RPC message per line (NDJSON).
#
#   clients/shell/coproc.sh [DATA_DIR]
#
# Runs TRIALS (default 30) random-search trials minimizing (x - 1)^2 + |y| with y an int, then
# shuts the daemon down (shutdown request, exit notification) and checks it exited with code 0.
# Prints the best trial as JSON on stdout.
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/find_automl.sh"
automl=$(find_automl)
data_dir=${1:-${AUTOML_DATA_DIR:-$HOME/.local/state/automl}}
trials=${TRIALS:-30}
seed=${SEED:-1}

coproc AUTOML { exec "$automl" serve --data-dir "$data_dir"; }
daemon_pid=$AUTOML_PID
in_fd=${AUTOML[1]}
out_fd=${AUTOML[0]}

next_id=0
reply=
result=
# rpc METHOD PARAMS-JSON: sends one request, reads its reply into $reply and its result into $result.
# Replies come back in order here because one request at a time is outstanding.
rpc() {
  next_id=$((next_id + 1))
  printf '{"jsonrpc": "2.0", "id": %d, "method": "%s", "params": %s}\n' "$next_id" "$1" "$2" >&"$in_fd"
  IFS= read -r reply <&"$out_fd" || { echo "coproc.sh: the daemon closed its output" >&2; exit 1; }
  local id error
  { read -r id; read -r error; read -r result; } < <(
    jq -r '(.id | tostring), (.error // "" | if . == "" then . else tojson end), (.result | tojson)' <<<"$reply")
  if [ "$id" != "$next_id" ]; then
    echo "coproc.sh: reply for another request: $reply" >&2; exit 1
  fi
  if [ -n "$error" ]; then
    echo "coproc.sh: $1 failed: $error" >&2; exit 1
  fi
}

rpc initialize '{"clientInfo": {"name": "coproc.sh"}}'
echo "serving: $(jq -c .serverInfo <<<"$result")" >&2

rpc session/create "$(jq -nc --argjson seed "$seed" '{strategy: "random", seed: $seed, space: {params: [
  {name: "x", type: "float", low: -3, high: 3},
  {name: "y", type: "int", low: -4, high: 4}]}}')"
session=$(jq -r .sessionId <<<"$result") # letters, digits, '.', '_', '-': safe inside a JSON string

for ((i = 0; i < trials; i++)); do
  rpc session/ask "{\"sessionId\": \"$session\", \"clientId\": \"coproc\"}"
  read -r id x y < <(jq -r '.trials[0] | "\(.trialId) \(.config.x) \(.config.y)"' <<<"$result")
  value=$(awk -v x="$x" -v y="$y" 'BEGIN { printf "%.17g", (x - 1) ^ 2 + (y < 0 ? -y : y) }')
  rpc session/tell "{\"sessionId\": \"$session\", \"trialId\": $id, \"value\": $value}"
done

rpc session/best "{\"sessionId\": \"$session\"}"
best=$(jq -c .best <<<"$result")

rpc shutdown '{}'
printf '%s\n' '{"jsonrpc": "2.0", "method": "exit"}' >&"$in_fd"
exec {in_fd}>&-
status=0
wait "$daemon_pid" || status=$?
if [ "$status" -ne 0 ]; then
  echo "coproc.sh: the daemon exited with code $status" >&2
  exit 1
fi
printf '%s\n' "$best"
