#!/usr/bin/env bash
# Contracts (decision 0018): buf lint clean; generated TypeScript in sync with proto/; and against
# earlier versions of proto/ in main's history:
#   - every version: nothing breaks on the wire — `buf breaking` WIRE_JSON (field numbers, types, JSON
#     names) and tools/proto/wire-check.mjs (every request subject `<service>.v1.<Method>` still
#     answered with the same request and reply types, whichever proto service holds the method);
#   - versions since the last deliberate reshape (the last commit that changed proto/breaking-baseline):
#     nothing breaks generated code either — `buf breaking` PACKAGE.
set -euo pipefail
cd "$(dirname "$0")/../proto"
buf=../node_modules/.bin/buf
"$buf" lint
"$buf" generate
node ../tools/proto/write-index.mjs
git diff --exit-code --stat -- ../libs/contracts/src/gen || {
  echo "libs/contracts/src/gen is out of date: run npm run proto:generate and commit"
  exit 1
}
if git rev-parse --is-shallow-repository 2>/dev/null | grep -q true; then
  echo "shallow clone: buf breaking skipped (needs history)"
  exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$buf" build -o "$work/current.json"
baseline=$(git log -1 --format=%H -- breaking-baseline 2>/dev/null || true)
wire=0
strict=0
for commit in $(git log --format=%H -n 30 HEAD~1 -- . 2>/dev/null || true); do
  against="../.git#ref=${commit},subdir=proto"
  "$buf" breaking --against "$against" --config '{"version":"v2","breaking":{"use":["WIRE_JSON"]}}'
  "$buf" build "$against" -o "$work/earlier.json"
  node ../tools/proto/wire-check.mjs "$work/earlier.json" "$work/current.json" >/dev/null
  wire=$((wire + 1))
  if [ -n "$baseline" ] && git merge-base --is-ancestor "$baseline" "$commit"; then
    "$buf" breaking --against "$against"
    strict=$((strict + 1))
  fi
done
echo "buf breaking: the wire unbroken against ${wire} earlier version(s) of proto/; generated code against the ${strict} since the last reshape"
