#!/usr/bin/env bash
# Benchmarks for mcpguard, each printed as a ratio against a reference tool
# run on the same input in the same run (never as absolute pass/fail times).
#
#   tests/bench/run.sh [path/to/mcpguard]
#
# This script runs the deep-walk benchmark below, then tests/bench/hash.sh
# (SHA-256 against openssl dgst) and tests/bench/rescan.sh (warm against cold
# re-scan) when they are there.
#
# deep-walk: a generated home with hundreds of repositories (sources,
# node_modules, .git, a few project configs); `mcpguard scan --deep` against
# `find DIR -name mcp.json` on the same tree. Target: ratio <= 1.5.
set -euo pipefail
bin=${1:-build/mcpguard}
bin=$(realpath "$bin")
repos=${BENCH_REPOS:-400}
runs=${BENCH_RUNS:-7}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
home=$work/home

echo "generating a home with $repos repositories in $work ..." >&2
python3 - "$home" "$repos" <<'PY'
import os, sys, random
home, repos = sys.argv[1], int(sys.argv[2])
random.seed(42)
def write(path, text=""):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f: f.write(text)
for r in range(repos):
    repo = f"{home}/src/org{r % 20}/repo{r}"
    for d in range(6):                       # sources
        for f in range(8):
            write(f"{repo}/src/mod{d}/file{f}.ts", "export {}\n")
    for p in range(25):                      # dependencies
        for f in range(6):
            write(f"{repo}/node_modules/pkg{p}/lib/f{f}.js", "")
        write(f"{repo}/node_modules/pkg{p}/package.json", "{}")
    for o in range(16):                      # git objects
        write(f"{repo}/.git/objects/{o:02x}/{r:038x}", "")
    if r % 40 == 0:
        write(f"{repo}/.mcp.json", '{"mcpServers": {"db": {"command": "npx", "args": ["-y", "pkg"]}}}')
    if r % 55 == 0:
        write(f"{repo}/.vscode/mcp.json", '{"servers": {"x": {"type": "http", "url": "https://x/mcp"}}}')
PY
dirs=$(find "$home" -type d | wc -l)
echo "tree: $dirs directories, $(find "$home" -type f | wc -l) files" >&2

# Median wall time of `runs` runs of a command, in milliseconds.
median_ms() {
  local times=()
  for _ in $(seq "$runs"); do
    local s e
    s=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    e=$(date +%s%N)
    times+=($(( (e - s) / 1000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.2f", a[int((NR+1)/2)]/1000}'
}

# Warm the page cache for both, so neither pays for the first read.
find "$home" -name mcp.json >/dev/null
mine=$(HOME=$home median_ms "$bin" scan --no-cwd --json --deep "$home/src")
ref=$(median_ms find "$home/src" -name mcp.json)
# The same walk for find, pruned like mcpguard's: the stricter comparison.
pruned=$(median_ms find "$home/src" \( -name node_modules -o -name .git \) -prune -o -name mcp.json -print)
found=$(HOME=$home "$bin" scan --no-cwd --json --deep "$home/src" | python3 -c 'import json,sys; print(json.load(sys.stdin)["summary"]["configs"])')
ratio=$(awk -v a="$mine" -v b="$ref" 'BEGIN {printf "%.2f", a / b}')
ratio_pruned=$(awk -v a="$mine" -v b="$pruned" 'BEGIN {printf "%.2f", a / b}')
printf 'deep-walk: mcpguard scan --deep %s ms, find -name mcp.json %s ms, ratio %s (target <= 1.5); configs found %s\n' \
  "$mine" "$ref" "$ratio" "$found"
printf 'deep-walk: against find pruning node_modules and .git too (%s ms): ratio %s\n' "$pruned" "$ratio_pruned"

here=$(dirname "$0")
build=$(dirname "$bin")
if [[ -x $build/tests/mcpguard_bench_hash ]]; then "$here/hash.sh" "$build"; fi
"$here/rescan.sh" "$bin"
"$here/verify.sh" "$bin"
"$here/history.sh" "$bin"
if [[ -d $here/../servers/node_modules ]]; then "$here/guard.sh" "$bin"; fi
