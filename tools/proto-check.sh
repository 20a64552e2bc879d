#!/usr/bin/env bash
# Contracts: buf lint clean, generated TypeScript in sync with proto/, and no breaking change
# against any earlier version of proto/ in main's history.
set -euo pipefail
cd "$(dirname "$0")/../proto"
buf=../node_modules/.bin/buf
"$buf" lint
"$buf" generate
git diff --exit-code --stat -- ../libs/contracts/src/gen || { echo "libs/contracts/src/gen is out of date: run npm run proto:generate and commit"; exit 1; }
if git rev-parse --is-shallow-repository 2>/dev/null | grep -q true; then
  echo "shallow clone: buf breaking skipped (needs history)"; exit 0
fi
checked=0
for commit in $(git log --format=%H -n 30 HEAD~1 -- . 2>/dev/null || true); do
  "$buf" breaking --against "../.git#ref=${commit},subdir=proto"
  checked=$((checked + 1))
done
echo "buf breaking: no breaking change against ${checked} earlier version(s) of proto/"
