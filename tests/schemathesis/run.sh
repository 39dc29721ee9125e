#!/usr/bin/env bash
# Fuzzes the JSON API against its own OpenAPI document (issue 10 part 4): starts a fresh
# Tessera on a new SQLite folder with the demo collective (`tessera demo`), then runs
# schemathesis with every check three times: unauthenticated, as the seller `anna` and as the
# buyer `steady_sam` (session cookie + X-CSRF-Token, as API.md describes). Exits non-zero when
# any run reports a failure.
#
#   tests/schemathesis/run.sh                 # 25 examples per operation
#   ST_EXAMPLES=100 tests/schemathesis/run.sh # more
#
# Environment:
#   TESSERA_BINARY  the binary to test (default: <repo>/target/release/tessera)
#   ST_EXAMPLES     --max-examples per operation (default 25)
#   ST_SEED         a fixed --seed, to reproduce a run
#   ST_KEEP=1       keep the data folder and the server log
#
# Needs `st` (pip install schemathesis); its settings are in schemathesis.toml beside this
# script, with the one documented widening each. The per-address and lookup limits are off for
# the run (they would only turn generated requests into documented 429s); `logout` and
# `delete_account` are left out of the authenticated runs, which would end their own session.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BIN=${TESSERA_BINARY:-$ROOT/target/release/tessera}
EXAMPLES=${ST_EXAMPLES:-25}
[ -x "$BIN" ] || { echo "schemathesis: no tessera binary at $BIN (cargo build --release, or set TESSERA_BINARY)" >&2; exit 2; }
command -v st >/dev/null || { echo "schemathesis: 'st' is not installed (pip install schemathesis)" >&2; exit 2; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/tessera-st.XXXXXX")
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  if [ "${ST_KEEP:-0}" = 1 ]; then echo "schemathesis: kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

# Only what this script chooses reaches the server as configuration.
for v in $(env | sed -n 's/^\(TESSERA_[A-Z_]*\)=.*/\1/p'); do unset "$v"; done

"$BIN" demo --data-dir "$WORK/data" >"$WORK/demo.out" 2>&1
PASSWORD=$(sed -n "s/^Every demo account's password: //p" "$WORK/demo.out")
[ -n "$PASSWORD" ] || { echo "schemathesis: tessera demo printed no password" >&2; cat "$WORK/demo.out" >&2; exit 2; }

TESSERA_LOG=warn TESSERA_LIMITS_IP_PER_MINUTE=0 TESSERA_LIMITS_LOOKUPS_PER_HOUR=0 \
  "$BIN" serve --data-dir "$WORK/data" --listen 127.0.0.1:0 >"$WORK/server.out" 2>"$WORK/server.err" &
SERVER_PID=$!
BASE=""
for _ in $(seq 1 300); do
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "schemathesis: the server exited" >&2; cat "$WORK/server.err" >&2; exit 2; }
  BASE=$(sed -n 's#^Tessera is listening on \(http://[^ ]*\).*#\1#p' "$WORK/server.out" | head -n1)
  [ -n "$BASE" ] && break
  sleep 0.1
done
[ -n "$BASE" ] || { echo "schemathesis: the server did not report its address" >&2; exit 2; }

# Logs in through the API; prints "cookie<TAB>csrf".
login() {
  python3 - "$BASE" "$1" "$PASSWORD" <<'PY'
import json, sys, urllib.request
base, name, password = sys.argv[1:4]
req = urllib.request.Request(base + "/api/session", method="POST",
    data=json.dumps({"pseudonym": name, "password": password}).encode(),
    headers={"content-type": "application/json"})
with urllib.request.urlopen(req) as r:
    cookie = r.headers["set-cookie"].split(";")[0]
    print(cookie + "\t" + json.load(r)["csrf_token"])
PY
}

SEED=()
[ -n "${ST_SEED:-}" ] && SEED=(--seed "$ST_SEED")
STATUS=0
# run LABEL [ACCOUNT]: one schemathesis run, as ACCOUNT when given. The credentials go in as
# the document's security schemes (`session`: the cookie, `csrf`: the header), so schemathesis
# knows them for what they are and can also try each operation without them.
run() {
  local label=$1 account=${2:-}
  local config="$WORK/schemathesis-$label.toml"
  cp "$HERE/schemathesis.toml" "$config"
  local extra=()
  if [ -n "$account" ]; then
    local cookie csrf
    IFS=$'\t' read -r cookie csrf < <(login "$account")
    printf '\n[auth.openapi.session]\napi_key = "%s"\n\n[auth.openapi.csrf]\napi_key = "%s"\n' \
      "${cookie#__Host-tessera=}" "$csrf" >>"$config"
    extra=(--exclude-operation-id logout --exclude-operation-id delete_account)
  fi
  echo
  echo "== schemathesis: $label ($EXAMPLES examples per operation)"
  # From the work folder: schemathesis keeps its cache in the current directory.
  (cd "$WORK" && st --no-color --config-file "$config" run "$BASE/api/openapi.json" --url "$BASE" \
    --checks all --max-examples "$EXAMPLES" "${SEED[@]}" "${extra[@]}") || STATUS=1
}

run unauthenticated
run seller anna
run buyer steady_sam

echo
if [ "$STATUS" -eq 0 ]; then
  echo "schemathesis: 0 failures in all three runs"
else
  echo "schemathesis: failures above" >&2
fi
exit "$STATUS"
