# Sourced by the shell clients. `find_automl` prints the automl binary to run, looking where the
# Python client looks: $AUTOML_BIN, else automl on PATH, else this checkout's SwiftPM build
# (.build/release/automl or .build/debug/automl, the newer when both exist), so the clients run
# from a fresh clone after `swift build` without any set-up.
find_automl() {
  if [ -n "${AUTOML_BIN:-}" ]; then
    echo "$AUTOML_BIN"
    return
  fi
  if command -v automl >/dev/null 2>&1; then
    command -v automl
    return
  fi
  local root release debug
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  release=$root/.build/release/automl
  debug=$root/.build/debug/automl
  if [ -x "$release" ] && { [ ! -x "$debug" ] || [ "$release" -nt "$debug" ]; }; then
    echo "$release"
  elif [ -x "$debug" ]; then
    echo "$debug"
  else
    echo "automl not found: set AUTOML_BIN, put automl on PATH, or run \`swift build\` in $root" >&2
    return 1
  fi
}
