#!/usr/bin/env bash
# verify as a pre-launch hook: a home with 12 host configuration files and 60
# servers (npx packages pinned to a version and present in the npx cache, uvx,
# docker images pinned by digest, node scripts, remote http servers), spread
# over Claude Desktop, Claude Code, Cursor, VS Code, Windsurf, Gemini CLI,
# Codex, Goose, Kiro, Cline, Roo Code and LM Studio. keygen -W, approve --all,
# one warm verify; then the median of N runs of `mcpguard verify --no-cwd`
# against `cat` of the same 12 files, side by side with their ratio.
# Target: verify's median under 5 ms.
#
#   tests/bench/verify.sh [path/to/mcpguard | build-dir]
#   BENCH_RUNS=50 (default) BENCH_FILES=40 (files per npx package)
set -euo pipefail
arg=${1:-build/mcpguard}
if [[ -d $arg ]]; then arg=$arg/mcpguard; fi
bin=$(realpath "$arg")
runs=${BENCH_RUNS:-50}
files=${BENCH_FILES:-40}
work=$(mktemp -d)
trap '[[ -n ${BENCH_KEEP:-} ]] || rm -rf "$work"' EXIT
home=$work/home
root=$work/root
mkdir -p "$root"

echo "generating a home with 12 host configs and 60 servers in $work ..." >&2
python3 - "$home" "$files" >"$work/configs" <<'PY'
import hashlib, json, os, sys
home, files = sys.argv[1], int(sys.argv[2])

def write(rel, text, mode=0o600):
    path = os.path.join(home, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)
    os.chmod(path, mode)
    return path

def npx_entry(name, version):
    spec = f"{name}@{version}"
    key = hashlib.sha512(spec.encode()).hexdigest()[:16]
    root = f".npm/_npx/{key}"
    for i in range(files):
        write(f"{root}/node_modules/{name}/lib/f{i}.js", f"// {spec} module {i}\n" * 40, 0o644)
    write(f"{root}/node_modules/{name}/package.json", json.dumps({"name": name, "version": version}), 0o644)
    write(f"{root}/package.json", json.dumps({"_npx": {"packages": [spec]}}), 0o644)
    write(f"{root}/package-lock.json", json.dumps({"lockfileVersion": 3, "packages": {
        f"node_modules/{name}": {"version": version, "integrity": "sha512-" + "A" * 86 + "=="}}}), 0o644)
    return spec

# Server i of host h: one of five kinds, each as a (stdio|http) description.
def server(h, i):
    kind = (h + i) % 5
    n = h * 5 + i
    if kind == 0:
        return "stdio", "npx", ["-y", npx_entry(f"bench-mcp-{n}", f"1.{n}.0")], None
    if kind == 1:
        return "stdio", "uvx", [f"mcp-server-bench{n}==0.{n}.1"], None
    if kind == 2:
        digest = hashlib.sha256(str(n).encode()).hexdigest()
        return "stdio", "docker", ["run", "-i", "--rm", f"ghcr.io/example/bench-{n}@sha256:{digest}"], None
    if kind == 3:
        script = write(f"servers/bench-{n}/index.js", f"// server {n}\nrequire('http');\n" * 50, 0o644)
        return "stdio", "node", [script, "--stdio"], None
    return "http", None, None, f"https://mcp{n}.example.com/mcp"

def mcp_servers(h, url_key="url", typed=False):
    out = {}
    for i in range(5):
        t, cmd, args, url = server(h, i)
        if t == "http":
            out[f"s{i}"] = {url_key: url, **({"type": "http"} if typed else {})}
        else:
            out[f"s{i}"] = {"command": cmd, "args": args, **({"type": "stdio"} if typed else {})}
    return out

paths = []
json_hosts = [
    (".config/Claude/claude_desktop_config.json", "mcpServers", "url", False),
    (".claude.json", "mcpServers", "url", True),
    (".cursor/mcp.json", "mcpServers", "url", False),
    (".config/Code/User/mcp.json", "servers", "url", True),
    (".codeium/windsurf/mcp_config.json", "mcpServers", "serverUrl", False),
    (".gemini/settings.json", "mcpServers", "httpUrl", False),
    (".kiro/settings/mcp.json", "mcpServers", "url", False),
    (".cline/data/settings/cline_mcp_settings.json", "mcpServers", "url", False),
    (".config/Code/User/globalStorage/rooveterinaryinc.roo-cline/settings/mcp_settings.json", "mcpServers", "url", False),
    (".lmstudio/mcp.json", "mcpServers", "url", False),
]
for h, (rel, key, url_key, typed) in enumerate(json_hosts):
    paths.append(write(rel, json.dumps({key: mcp_servers(h, url_key, typed)}, indent=2)))

# Codex (TOML) and Goose (YAML).
def toml_str(s): return json.dumps(s)
h = len(json_hosts)
lines = []
for i in range(5):
    t, cmd, args, url = server(h, i)
    lines.append(f"[mcp_servers.s{i}]")
    if t == "http":
        lines.append(f"url = {toml_str(url)}")
    else:
        lines.append(f"command = {toml_str(cmd)}")
        lines.append("args = [" + ", ".join(toml_str(a) for a in args) + "]")
    lines.append("")
paths.append(write(".codex/config.toml", "\n".join(lines)))
h += 1
lines = ["extensions:"]
for i in range(5):
    t, cmd, args, url = server(h, i)
    lines.append(f"  s{i}:")
    lines.append(f"    name: s{i}")
    lines.append("    enabled: true")
    if t == "http":
        lines.append("    type: streamable_http")
        lines.append(f"    uri: {json.dumps(url)}")
    else:
        lines.append("    type: stdio")
        lines.append(f"    cmd: {json.dumps(cmd)}")
        lines.append("    args: [" + ", ".join(json.dumps(a) for a in args) + "]")
paths.append(write(".config/goose/config.yaml", "\n".join(lines) + "\n"))
print("\n".join(paths))
PY
mapfile -t configs <"$work/configs"

# The stat cache does not trust a file whose inode changed in the last two
# seconds: let the new tree age as a real install would have.
find "$home/.npm" "$home/servers" -exec touch -h -d '2024-01-01 00:00:00' {} +
sleep 2.2

mcpguard() { HOME=$home "$bin" "$@"; }
found=$(mcpguard scan --no-cwd --root "$root" --json --fail-on critical |
  python3 -c 'import json,sys; d=json.load(sys.stdin); print(sum(len(c["servers"]) for c in d["configs"]), len(d["configs"]))')
read -r servers config_files <<<"$found"
echo "scan finds $servers servers in $config_files config files" >&2
mcpguard keygen -W >/dev/null
mcpguard approve --all --no-cwd --root "$root" >/dev/null
# The warm verify: fills the hash cache; it must pass.
if ! out=$(mcpguard verify --no-cwd --root "$root"); then
  echo "verify failed after approve --all:" >&2
  echo "$out" >&2
  exit 1
fi
echo "$out" >&2

# Median wall time of `runs` runs of a command, in milliseconds ($EPOCHREALTIME:
# no process is started to read the clock).
median_ms() {
  local times=() s e
  for _ in $(seq "$runs"); do
    s=${EPOCHREALTIME/[.,]/}
    "$@" >/dev/null 2>&1 || true
    e=${EPOCHREALTIME/[.,]/}
    times+=($((e - s)))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.2f", a[int((NR+1)/2)]/1000}'
}

cat "${configs[@]}" >/dev/null
mine=$(HOME=$home median_ms "$bin" verify --no-cwd --root "$root")
ref=$(median_ms cat "${configs[@]}")
ratio=$(awk -v a="$mine" -v b="$ref" 'BEGIN {printf "%.1f", a / b}')
verdict=$(awk -v a="$mine" 'BEGIN {print (a < 5 ? "met" : "NOT met")}')
printf 'verify: %d servers in %d configs: mcpguard verify --no-cwd %s ms, cat of the %d files %s ms, ratio %s; median of %d runs (target < 5 ms: %s)\n' \
  "$servers" "$config_files" "$mine" "${#configs[@]}" "$ref" "$ratio" "$runs" "$verdict"
