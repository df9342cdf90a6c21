#!/usr/bin/env bash
# Concurrent probing: `mcpguard scan --probe` of 8 servers at once against the
# slowest of the same 8 probed one at a time, in the same run. Printed as a
# ratio (target: <= 1.5), never as an absolute pass/fail time.
#
#   tests/bench/probe.sh [path/to/mcpguard]     (needs `make test-servers`)
#
# Three sets of 8, each timed as the median of BENCH_RUNS (default 3) runs:
#   shell    8 servers written in sh that wait BENCH_SLOW_MS, then answer
#            initialize and tools/list with printf: they cost no CPU, so this
#            is mcpguard's own overhead for running probes side by side.
#   waiting  8 fixture servers (tests/servers/slow.mjs) that take
#            BENCH_SLOW_MS (default 1500) ms to answer, like a server that
#            logs in or loads a model first: the probe's own cost is waiting.
#   real     the npm reference servers (everything x3, memory x3,
#            filesystem x2): start-up is node compiling JavaScript, so on a
#            machine with fewer cores than servers the CPU is the limit.
set -euo pipefail
bin=$(realpath "${1:-build/mcpguard}")
here=$(cd "$(dirname "$0")/../servers" && pwd)
npm=$here/node_modules/@modelcontextprotocol
runs=${BENCH_RUNS:-3}
slow_ms=${BENCH_SLOW_MS:-1500}
if [[ ! -d $npm/server-everything ]]; then
  echo "probe.sh: $npm not installed; run: make test-servers" >&2
  exit 2
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/home/.cursor" "$work/home/notes"

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

# Milliseconds for one `scan --probe NAMES...`; fails if any probe failed
# (findings do not matter here: the shell servers live in a temp directory).
probe_ms() {
  local s e out
  s=$(date +%s%N)
  out=$(env -i HOME="$work/home" PATH="$PATH" NO_COLOR=1 "$bin" scan --no-record --no-cwd --probe "$@" --json) || true
  e=$(date +%s%N)
  if ! grep -q '"digest": "[0-9a-f]\{64\}"' <<<"$out" || grep -q '"error":' <<<"$out"; then
    echo "probe.sh: a probe failed:" >&2
    grep -o '"error": *"[^"]*"' <<<"$out" >&2 || true
    exit 1
  fi
  echo $(((e - s) / 1000000))
}

bench() {
  local label=$1
  shift
  local names=("$@") all=() one=() slowest=0 m
  for _ in $(seq "$runs"); do all+=("$(probe_ms "${names[@]}")"); done
  for n in "${names[@]}"; do
    one=()
    for _ in $(seq "$runs"); do one+=("$(probe_ms "$n")"); done
    m=$(printf '%s\n' "${one[@]}" | median)
    slowest=$(awk -v a="$m" -v b="$slowest" 'BEGIN {print (a > b) ? a : b}')
  done
  local together
  together=$(printf '%s\n' "${all[@]}" | median)
  awk -v l="$label" -v t="$together" -v s="$slowest" -v c="$(nproc)" \
    'BEGIN {printf "%-8s 8 servers together %6.0f ms, slowest alone %6.0f ms: ratio %.2f (target <= 1.5; %d cores)\n", l, t, s, t / s, c}'
}

{
  echo '{"mcpServers": {'
  for i in 1 2 3 4 5 6 7 8; do
    echo "\"slow$i\": {\"command\": \"node\", \"args\": [\"$here/slow.mjs\"], \"env\": {\"SLOW_MS\": \"$slow_ms\"}},"
  done
  for i in 1 2 3; do
    echo "\"everything$i\": {\"command\": \"node\", \"args\": [\"$npm/server-everything/dist/index.js\", \"stdio\"]},"
    echo "\"memory$i\": {\"command\": \"node\", \"args\": [\"$npm/server-memory/dist/index.js\"]},"
  done
  for i in 1 2 3 4 5 6 7 8; do
    echo "\"shell$i\": {\"command\": \"/bin/sh\", \"args\": [\"$work/home/shell.sh\"]},"
  done
  echo "\"filesystem1\": {\"command\": \"node\", \"args\": [\"$npm/server-filesystem/dist/index.js\", \"$work/home/notes\"]},"
  echo "\"filesystem2\": {\"command\": \"node\", \"args\": [\"$npm/server-filesystem/dist/index.js\", \"$work/home/notes\"]}"
  echo '}}'
} >"$work/home/.cursor/mcp.json"
# mcpguard's requests are numbered from 1: initialize, the initialized
# notification (no answer), then tools/list as 2.
cat >"$work/home/shell.sh" <<SH
sleep $(awk -v ms="$slow_ms" 'BEGIN {print ms / 1000}')
read -r _
printf '%s\\n' '{"jsonrpc":"2.0","id":1,"result":{"protocolVersion":"2025-06-18","capabilities":{"tools":{}},"serverInfo":{"name":"sh","version":"1"}}}'
read -r _
read -r _
printf '%s\\n' '{"jsonrpc":"2.0","id":2,"result":{"tools":[{"name":"wait","inputSchema":{"type":"object"}}]}}'
read -r _
SH

bench shell shell1 shell2 shell3 shell4 shell5 shell6 shell7 shell8
bench waiting slow1 slow2 slow3 slow4 slow5 slow6 slow7 slow8
bench real everything1 everything2 everything3 memory1 memory2 memory3 filesystem1 filesystem2
