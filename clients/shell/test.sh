#!/usr/bin/env bash
# Tests of the shell clients against the real binary: plain bash asserts.
# Prints "N passed, N failed" and exits non-zero when anything failed.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
export AUTOML_BIN=${AUTOML_BIN:-$root/.build/debug/automl}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

passed=0
failed=0
current=

check() { # check DESCRIPTION COMMAND...: one assertion
  if "${@:2}"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL [$current] $1" >&2
  fi
}
equal() { [ "$1" = "$2" ] || { echo "  expected '$2', got '$1'" >&2; return 1; }; }
jq_true() { jq -e "$2" <<<"$1" >/dev/null || { echo "  jq '$2' is false for $1" >&2; return 1; }; }
call() { "$AUTOML_BIN" call "$1" "$2" --data-dir "$3"; }

if [ ! -x "$AUTOML_BIN" ]; then
  echo "test.sh: $AUTOML_BIN is not an executable; build first or set AUTOML_BIN" >&2
  echo "0 passed, 1 failed"
  exit 1
fi

# --- ask_tell.sh: every call continues the stored session -------------------------------------
current=ask_tell
out=$(TRIALS=12 SEED=3 "$here/ask_tell.sh" "$work/a" 2>"$work/a.log")
check "ask_tell.sh exits 0" equal "$?" 0
session=$(jq -r .sessionId <<<"$out")
status=$(call session/status "{\"sessionId\": \"$session\"}" "$work/a")
check "12 complete trials stored" jq_true "$status" '.counts.complete == 12 and .total == 12 and .counts.pending == 0'
check "12 progress lines on stderr" equal "$(grep -c '^trial ' "$work/a.log")" 12
trials=$(call session/trials "{\"sessionId\": \"$session\"}" "$work/a")
check "best is the minimum of the told values" jq_true "$(jq -c --argjson t "$trials" \
  '{best: .best.value, min: ([$t.trials[].value] | min)}' <<<"$out")" '.best == .min'
check "values are the awk quadratic of each config" jq_true "$trials" \
  '[.trials[] | ((.config.x - 1) * (.config.x - 1) + (.config.y + 2) * (.config.y + 2)) - .value | fabs < 1e-9] | all'

out2=$(SESSION=$session TRIALS=5 "$here/ask_tell.sh" "$work/a" 2>/dev/null)
check "continuing the session exits 0" equal "$?" 0
status=$(call session/status "{\"sessionId\": \"$session\"}" "$work/a")
check "a second run continues the same session" jq_true "$status" '.total == 17 and .counts.complete == 17'
check "the second run reports the same session" equal "$(jq -r .sessionId <<<"$out2")" "$session"

again=$(TRIALS=12 SEED=3 "$here/ask_tell.sh" "$work/b" 2>/dev/null)
check "same seed, same best config" equal "$(jq -c .best.config <<<"$again")" "$(jq -c .best.config <<<"$out")"

# --- find_automl.sh: without AUTOML_BIN or automl on PATH, the checkout's build is used ----------
current=find_automl
no_automl_path=/usr/local/bin:/usr/bin:/bin
if [ -x "$root/.build/debug/automl" ] || [ -x "$root/.build/release/automl" ]; then
  env -u AUTOML_BIN PATH=$no_automl_path TRIALS=2 "$here/ask_tell.sh" "$work/e" >/dev/null 2>&1
  check "ask_tell.sh runs on the checkout's build" equal "$?" 0
fi
mkdir -p "$work/bare/clients/shell"
cp "$here/ask_tell.sh" "$here/find_automl.sh" "$work/bare/clients/shell/"
env -u AUTOML_BIN PATH=$no_automl_path "$work/bare/clients/shell/ask_tell.sh" "$work/f" >/dev/null 2>"$work/f.log"
check "with no binary anywhere ask_tell.sh fails" test "$?" -ne 0
check "and says where it looked" grep -q "automl not found: set AUTOML_BIN" "$work/f.log"

# --- automl call: errors go to stderr with exit code 1 ------------------------------------------
current=call
err=$(call session/ask '{"sessionId": "nope"}' "$work/a" 2>&1 >/dev/null)
code=$?
check "unknown session exits 1" equal "$code" 1
check "unknown session error object on stderr" jq_true "$err" '.code == 1000 and (.message | type == "string")'
err=$(call session/create '{"strategy": "random", "space": {"params": [{"name": "x", "type": "float", "low": 1, "high": 0}]}}' "$work/a" 2>&1 >/dev/null)
check "invalid params name the field" jq_true "$err" '.code == -32602 and .data.path == "params.space.params[0].low"'
out=$(call session/list '{}' "$work/a" 2>/dev/null)
check "stdout holds only the result" jq_true "$out" "[.sessions[].sessionId] == [\"$session\"]"

# --- coproc.sh: one daemon, NDJSON over a coprocess ------------------------------------------------
current=coproc
best=$(TRIALS=15 SEED=2 "$here/coproc.sh" "$work/c" 2>"$work/c.log")
check "coproc.sh exits 0 (and so did the daemon)" equal "$?" 0
check "coproc.sh prints the best trial" jq_true "$best" '.state == "complete" and (.value | type == "number") and .clientId == "coproc"'
check "y is an int" jq_true "$best" '.config.y == (.config.y | floor)'
sessions=$(call session/list '{}' "$work/c")
check "the coproc session is stored" jq_true "$sessions" '.sessions | length == 1'
sid=$(jq -r '.sessions[0].sessionId' <<<"$sessions")
status=$(call session/status "{\"sessionId\": \"$sid\"}" "$work/c")
check "15 complete trials" jq_true "$status" '.counts.complete == 15'
check "stderr shows the server" grep -q '"automl"' "$work/c.log"

AUTOML_BIN=/bin/false "$here/coproc.sh" "$work/d" >/dev/null 2>&1
check "a daemon that dies makes coproc.sh fail" test "$?" -ne 0

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
