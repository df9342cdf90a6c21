#!/usr/bin/env bash
# History: 1,000 successive scans, each with one small change, so each one
# commits. The commit cost must stay flat as the history grows: the median
# scan time of the first and of the last 100 are printed side by side. Then
# `mcpguard log` over the 1,000 commits, beside `git log --oneline` of the
# same repository (target: under 100 ms).
#
#   tests/bench/history.sh [path/to/mcpguard]     BENCH_SCANS=1000
set -euo pipefail
bin=$(realpath "${1:-build/mcpguard}")
scans=${BENCH_SCANS:-1000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
home=$work/home
mkdir -p "$home/.cursor"
export HOME=$home

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
now_us() { echo $(( $(date +%s%N) / 1000 )); }

echo "recording $scans scans in $work ..." >&2
times=()
for i in $(seq "$scans"); do
  printf '{"mcpServers": {"fetch": {"command": "uvx", "args": ["mcp-server-fetch@2025.4.%d"]}, "time": {"command": "uvx", "args": ["mcp-server-time"]}}}\n' "$i" \
    >"$home/.cursor/mcp.json"
  s=$(now_us)
  "$bin" scan --no-cwd --json --fail-on critical >/dev/null 2>&1 || true
  e=$(now_us)
  times+=($((e - s)))
done
repo=$home/.local/state/mcpguard/history
commits=$(git --git-dir="$repo" rev-list --count HEAD)
first=$(printf '%s\n' "${times[@]:0:100}" | median)
last=$(printf '%s\n' "${times[@]: -100}" | median)
awk -v n="$scans" -v c="$commits" -v a="$first" -v b="$last" 'BEGIN {
  printf "history: %d scans, %d commits: median scan first 100 %.1f ms, last 100 %.1f ms, ratio %.2f (flat: about 1)\n",
         n, c, a / 1000, b / 1000, b / a }'

log_times=(); git_times=()
for _ in $(seq 10); do
  s=$(now_us); "$bin" log >/dev/null; e=$(now_us); log_times+=($((e - s)))
  s=$(now_us); git --git-dir="$repo" log --oneline >/dev/null; e=$(now_us); git_times+=($((e - s)))
done
mine=$(printf '%s\n' "${log_times[@]}" | median)
ref=$(printf '%s\n' "${git_times[@]}" | median)
awk -v c="$commits" -v a="$mine" -v b="$ref" 'BEGIN {
  printf "history: mcpguard log over %d commits %.1f ms, git log --oneline %.1f ms, ratio %.2f (target < 100 ms)\n",
         c, a / 1000, b / 1000, a / b }'
