#!/bin/sh
# Regenerates tests/fixtures/npx/semver-7.6.3 from what the real npx writes:
# runs `npx -y semver@7.6.3` against an empty npm cache and copies its
# _npx/<key>/ entry, trimmed to a few files of the package (package.json and
# package-lock.json are kept verbatim, so version and integrity stay npm's).
# Needs node/npm and the npm registry. Usage: tests/e2e/npx_fixture.sh
set -eu
spec=semver@7.6.3
root=$(cd "$(dirname "$0")/../.." && pwd)
out="$root/tests/fixtures/npx/semver-7.6.3"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/home" "$work/run"
(cd "$work/run" && env -i PATH="$PATH" HOME="$work/home" npm_config_cache="$work/cache" \
  npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false \
  npx -y "$spec" 1.2.3 >/dev/null)
key=$(printf '%s' "$spec" | sha512sum | cut -c1-16)
src="$work/cache/_npx/$key"
[ -f "$src/package-lock.json" ] || { echo "no npx entry at $src" >&2; exit 1; }
rm -rf "$out"
mkdir -p "$out/node_modules/.bin" "$out/node_modules/semver/bin"
cp "$src/package.json" "$src/package-lock.json" "$out/"
cp "$src/node_modules/.package-lock.json" "$out/node_modules/"
for f in package.json LICENSE index.js preload.js bin/semver.js; do
  cp -p "$src/node_modules/semver/$f" "$out/node_modules/semver/$f"
done
ln -s ../semver/bin/semver.js "$out/node_modules/.bin/semver"
echo "wrote $out (npx key $key)"
