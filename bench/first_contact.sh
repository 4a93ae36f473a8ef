#!/usr/bin/env bash
# Score the extractor of an earlier commit on a subset of ../shared's real documents: the
# first-contact figures of the README (taken before any rule had seen those documents).
#   bench/first_contact.sh COMMIT PATTERN...        e.g.  bench/first_contact.sh 6e55a90 'r3[89]_*' 'r4*'
# PATTERNs are file-name globs (without .json) of ../shared/gold-real. The commit is checked out
# in a temporary worktree with its own venv (about a minute), then removed.
set -euo pipefail
root=$(git rev-parse --show-toplevel)
shared=$(cd "$root/../shared" && pwd)
commit=$1; shift
work=$(mktemp -d)
trap 'git -C "$root" worktree remove --force "$work/tree" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
git -C "$root" worktree add -q --detach "$work/tree" "$commit"
ln -s "$shared" "$work/shared"                       # the checked-out tree reads ../shared
make -s -C "$work/tree" setup >/dev/null
mkdir "$work/gold"
docs=()
for pattern in "$@"; do
  for gold in "$shared"/gold-real/$pattern.json; do
    ln -s "$gold" "$work/gold/"
    docs+=("$shared/corpus/real/$(basename "${gold%.json}").txt")
  done
done
(cd "$work/tree" && .venv/bin/vnarchive extract "${docs[@]}" > "$work/pred.jsonl" 2>/dev/null)
echo "commit $(git -C "$root" rev-parse --short "$commit"), ${#docs[@]} documents"
python3 "$shared/eval/score.py" --gold "$work/gold" --pred "$work/pred.jsonl"
