#!/usr/bin/env bash
# Browser end-to-end tests: starts a fresh Tessera server, runs the tests against it in
# Chromium, stops the server and exits with the tests' status.
#
#   e2e/run.sh                      # all tests
#   e2e/run.sh tests/a11y.test.mjs  # some test files (paths relative to e2e/)
#
# Environment:
#   TESSERA_BINARY   the binary to test (default: <repo>/target/release/tessera)
#   E2E_CHROMIUM     the browser (default: /usr/bin/chromium)
#   E2E_PORT         port to listen on (default: 0, a free port chosen by the system)
#   E2E_KEEP=1       keep the temporary data folder and server logs
#   E2E_POSTGRES_URL the PostgreSQL server on which tests/network.test.mjs and
#                    tests/governance.test.mjs start second Tessera servers of their own, to move
#                    a check-in's deadline or a proposal's vote in the database (default
#                    postgres://postgres@127.0.0.1:5432/postgres; it needs psql, creates a
#                    database tessera_e2e_net_<random> for each and drops it afterwards)
#   E2E_WORKAROUND_NULL_ORIGIN=1  diagnostics only: rewrite "Origin: null" on form posts (see
#                    tests/helpers.mjs); a real run must pass without it
set -euo pipefail

E2E_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$E2E_DIR/.." && pwd)
BIN=${TESSERA_BINARY:-$ROOT/target/release/tessera}
case "$BIN" in /*) ;; *) BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN") ;; esac
CHROMIUM=${E2E_CHROMIUM:-/usr/bin/chromium}

[ -x "$BIN" ] || { echo "run.sh: no tessera binary at $BIN (build it, or set TESSERA_BINARY)" >&2; exit 2; }
[ -x "$CHROMIUM" ] || { echo "run.sh: no Chromium at $CHROMIUM (apt-get install -y chromium, or set E2E_CHROMIUM)" >&2; exit 2; }
command -v node >/dev/null || { echo "run.sh: node is not installed" >&2; exit 2; }

cd "$E2E_DIR"
if [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/@axe-core/playwright ]; then
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/tessera-e2e.XXXXXX")
DATA="$WORK/data"
mkdir -p "$DATA"
OUT="$WORK/server.stdout"
ERR="$WORK/server.stderr"
SERVER_PID=""

cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  if [ "${E2E_KEEP:-0}" = 1 ]; then
    echo "run.sh: kept $WORK (data, server.stdout, server.stderr)"
  else
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The server reads `TESSERA_*` variables as configuration: only what the tests choose reaches it.
env -u TESSERA_BINARY TESSERA_LOG="${TESSERA_LOG:-warn}" \
  "$BIN" serve --data-dir "$DATA" --listen "127.0.0.1:${E2E_PORT:-0}" >"$OUT" 2>"$ERR" &
SERVER_PID=$!

# "Tessera is listening on http://127.0.0.1:PORT" gives the address actually bound.
BASE_URL=""
for _ in $(seq 1 300); do
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "run.sh: the server exited early" >&2
    cat "$OUT" "$ERR" >&2
    exit 2
  fi
  BASE_URL=$(sed -n 's#^Tessera is listening on \(https\{0,1\}://[^ ]*\).*#\1#p' "$OUT" | head -n1)
  [ -n "$BASE_URL" ] && break
  sleep 0.1
done
[ -n "$BASE_URL" ] || { echo "run.sh: the server did not report its address" >&2; cat "$OUT" "$ERR" >&2; exit 2; }
BOOTSTRAP_URL=$(grep -m1 '/join/' "$OUT" || true)
[ -n "$BOOTSTRAP_URL" ] || echo "run.sh: warning: no bootstrap /join/ link in the server output" >&2

HEALTHY=""
for _ in $(seq 1 100); do
  if node -e 'fetch(process.argv[1]).then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "$BASE_URL/healthz"; then
    HEALTHY=1
    break
  fi
  sleep 0.1
done
[ -n "$HEALTHY" ] || { echo "run.sh: $BASE_URL/healthz did not answer" >&2; cat "$ERR" >&2; exit 2; }

echo "run.sh: server $BASE_URL (pid $SERVER_PID, data $DATA)"

export E2E_BASE_URL="$BASE_URL"
export E2E_BOOTSTRAP_URL="$BOOTSTRAP_URL"
export E2E_DATA_DIR="$DATA"
export E2E_BINARY="$BIN"
export E2E_CHROMIUM="$CHROMIUM"
export E2E_RESULTS_DIR="$E2E_DIR/test-results"
rm -rf "$E2E_RESULTS_DIR"

STATUS=0
if [ "$#" -gt 0 ]; then
  node --test --test-concurrency=1 --test-reporter=spec "$@" || STATUS=$?
else
  npm test --silent || STATUS=$?
fi

if [ "$STATUS" -ne 0 ] && [ -s "$ERR" ]; then
  echo "run.sh: server log (stderr):" >&2
  tail -n 50 "$ERR" >&2
fi
exit "$STATUS"
