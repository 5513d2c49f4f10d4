#!/usr/bin/env bash
# An ask/tell loop in plain bash: every step is one `automl call`, and the session lives in the
# data directory between calls, so each call continues where the last one stopped.
#
#   clients/shell/ask_tell.sh [DATA_DIR]
#
# Minimizes f(x, y) = (x - 1)^2 + (y + 2)^2, computed with awk. Environment:
#   AUTOML_BIN  the automl binary (default: automl on PATH, else this checkout's build)
#   TRIALS      how many trials to run (default 20)
#   SEED        the session seed (default 1)
#   SESSION     continue this session instead of creating one
# Prints the session id and the best trial as one JSON object on stdout; progress on stderr.
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/find_automl.sh"
automl=$(find_automl)
data_dir=${1:-${AUTOML_DATA_DIR:-$HOME/.local/state/automl}}
trials=${TRIALS:-20}
seed=${SEED:-1}

call() { # call METHOD PARAMS-JSON: prints the result; on error automl prints it on stderr and we stop
  "$automl" call "$1" "$2" --data-dir "$data_dir"
}

space='{"params": [
  {"name": "x", "type": "float", "low": -5, "high": 5},
  {"name": "y", "type": "float", "low": -5, "high": 5}
]}'

session=${SESSION:-}
if [ -z "$session" ]; then
  session=$(call session/create "$(jq -nc --argjson space "$space" --argjson seed "$seed" \
    '{strategy: "random", space: $space, seed: $seed}')" | jq -r .sessionId)
  echo "created session $session" >&2
fi

for ((i = 0; i < trials; i++)); do
  trial=$(call session/ask "$(jq -nc --arg s "$session" '{sessionId: $s}')" | jq -c '.trials[0]')
  id=$(jq -r .trialId <<<"$trial")
  x=$(jq -r .config.x <<<"$trial")
  y=$(jq -r .config.y <<<"$trial")
  value=$(awk -v x="$x" -v y="$y" 'BEGIN { printf "%.17g", (x - 1) ^ 2 + (y + 2) ^ 2 }')
  call session/tell "$(jq -nc --arg s "$session" --argjson t "$id" --argjson v "$value" \
    '{sessionId: $s, trialId: $t, value: $v}')" >/dev/null
  printf 'trial %s: x=%s y=%s -> %s\n' "$id" "$x" "$y" "$value" >&2
done

call session/best "$(jq -nc --arg s "$session" '{sessionId: $s}')" \
  | jq -c --arg s "$session" '{sessionId: $s, best: .best}'
