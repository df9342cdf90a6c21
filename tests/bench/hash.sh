#!/usr/bin/env bash
# SHA-256 throughput of pinning::Sha256File against `openssl dgst -sha256` on
# the same file in the same run, both reading from a warm page cache. Printed
# as a ratio (never as an absolute pass/fail time); the script fails only if
# the two digests differ.
#
#   tests/bench/hash.sh [build-dir]     (default: build; needs the target
#                                        mcpguard_bench_hash built there)
#
# BENCH_HASH_MB (default 512) sets the file size, BENCH_RUNS (default 5) the
# runs of each tool; the median wall time of each is compared. Both are timed
# the same way, from outside, process start-up included.
set -euo pipefail
build=${1:-build}
bin=$build/tests/mcpguard_bench_hash
if [[ ! -x $bin ]]; then
  echo "hash.sh: $bin not found; build it with: cmake --build $build --target mcpguard_bench_hash" >&2
  exit 2
fi
size_mb=${BENCH_HASH_MB:-512}
runs=${BENCH_RUNS:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
file=$work/blob

echo "writing a ${size_mb} MiB random file in $work ..." >&2
head -c "${size_mb}M" /dev/urandom >"$file"
cat "$file" >/dev/null  # warm the page cache: compare hashing, not disk reads

# Median of the numbers on stdin.
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

ours=()
theirs=()
ours_digest=
theirs_digest=
# Interleaved, so drift (thermal, other load) hits both alike.
for _ in $(seq "$runs"); do
  s=$(date +%s%N)
  out=$("$bin" "$file")
  e=$(date +%s%N)
  ours+=($((e - s)))
  ours_digest=${out%% *}

  s=$(date +%s%N)
  out=$(openssl dgst -sha256 -r "$file")
  e=$(date +%s%N)
  theirs+=($((e - s)))
  theirs_digest=${out%% *}

  if [[ $ours_digest != "$theirs_digest" ]]; then
    echo "hash.sh: digests differ: mcpguard $ours_digest, openssl $theirs_digest" >&2
    exit 1
  fi
done

ours_ns=$(printf '%s\n' "${ours[@]}" | median)
theirs_ns=$(printf '%s\n' "${theirs[@]}" | median)
bytes=$((size_mb * 1024 * 1024))
awk -v b="$bytes" -v o="$ours_ns" -v t="$theirs_ns" 'BEGIN {
  mo = b / (o / 1e9) / 1e6; mt = b / (t / 1e9) / 1e6
  printf "sha256: mcpguard %.0f MB/s, openssl dgst %.0f MB/s, ratio %.2f (target >= 0.8)\n", mo, mt, mo / mt
}'
echo "digest $ours_digest (equal in all $runs runs)" >&2
