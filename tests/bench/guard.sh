#!/usr/bin/env bash
# The exec guard's relay overhead: one MCP server (tests/servers/
# guard-rugpull.mjs) spoken to directly over stdio, and through
# `mcpguard exec --guard` (approved, its surface signed, so every tools/list
# result is parsed, hashed item by item and checked against the pins). N
# sequential request/response pairs of each kind (tools/call, tools/list);
# prints the median round trip of each path and their difference.
# Target: the guard adds under 1 ms per pair (median).
#
#   tests/bench/guard.sh [path/to/mcpguard | build-dir]
#   BENCH_RUNS=300 (default)
set -euo pipefail
arg=${1:-build/mcpguard}
if [[ -d $arg ]]; then arg=$arg/mcpguard; fi
bin=$(realpath "$arg")
here=$(cd "$(dirname "$0")/../.." && pwd)
server=$here/tests/servers/guard-rugpull.mjs
runs=${BENCH_RUNS:-300}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME=$work/home NO_COLOR=1
unset XDG_CONFIG_HOME XDG_STATE_HOME XDG_CACHE_HOME
mkdir -p "$HOME/.cursor"
# The marker exists from the start: the fixture serves the same tools every time.
touch "$work/marker"
printf '{"mcpServers": {"bench": {"command": "node", "args": ["%s", "%s"]}}}\n' "$server" "$work/marker" >"$HOME/.cursor/mcp.json"
"$bin" keygen -W >/dev/null 2>&1
"$bin" approve --all --host cursor --no-cwd >/dev/null
guarded=("$bin" exec --host cursor --server bench --guard -- node "$server" "$work/marker")
direct=(node "$server" "$work/marker")
# One guarded run records the surface as pending; approving signs it.
python3 - "${guarded[@]}" <<'PY' >/dev/null
import json, subprocess, sys
p = subprocess.Popen(sys.argv[1:], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
p.stdin.write(json.dumps({"jsonrpc": "2.0", "id": 1, "method": "tools/list"}) + "\n"); p.stdin.flush()
p.stdout.readline(); p.stdin.close(); p.wait()
PY
"$bin" approve bench --host cursor --no-cwd >/dev/null

python3 - "$runs" "${#direct[@]}" "${direct[@]}" "${guarded[@]}" <<'PY'
import json, statistics, subprocess, sys, time
runs, n = int(sys.argv[1]), int(sys.argv[2])
direct, guarded = sys.argv[3:3 + n], sys.argv[3 + n:]

def session(argv):
    p = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0)
    ident = [0]
    def call(method, params=None):
        ident[0] += 1
        msg = {"jsonrpc": "2.0", "id": ident[0], "method": method}
        if params is not None: msg["params"] = params
        t = time.perf_counter()
        p.stdin.write((json.dumps(msg) + "\n").encode())
        line = p.stdout.readline()
        dt = time.perf_counter() - t
        assert json.loads(line)["id"] == ident[0], line
        return dt, json.loads(line)
    call("initialize", {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "bench", "version": "1"}})
    p.stdin.write(b'{"jsonrpc":"2.0","method":"notifications/initialized"}\n')
    times = {"tools/call": [], "tools/list": []}
    for i in range(runs):
        times["tools/call"].append(call("tools/call", {"name": "add", "arguments": {"a": i, "b": 1}})[0])
        dt, r = call("tools/list")
        assert len(r["result"]["tools"]) == 2, r
        times["tools/list"].append(dt)
    p.stdin.close(); p.wait()
    return {k: statistics.median(v) * 1000 for k, v in times.items()}

d = session(direct)
g = session(guarded)
for k in ("tools/call", "tools/list"):
    print(f"{k:10s}  direct {d[k]:.3f} ms  guard {g[k]:.3f} ms  overhead {g[k] - d[k]:+.3f} ms (median of {runs})")
PY
