#!/usr/bin/env bash
# `make bump-patch`, `bump-minor`, `bump-major` (scripts/bump.sh) in a temporary
# clone of this repository, with the working tree's bump.sh and Makefile: the
# version in CMakeLists.txt, the CHANGELOG.md section built from the conventional
# commits since the last tag, the release commit and the tag; a dirty tree is
# refused. Nothing is built; this repository is not touched.
# ctest: bump_script_test (label unit).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
if ! git -C "$ROOT" rev-parse --git-dir >/dev/null 2>&1; then
  echo "skipped: $ROOT is not a git repository"
  exit 77
fi
WORK=$(mktemp -d /tmp/bump-test.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
REPO="$WORK/repo"

failures=0
pass() { echo "ok   $*"; }
fail() { echo "FAIL $*" >&2; failures=$((failures + 1)); }
check() { # check DESCRIPTION COMMAND...
  local what=$1
  shift
  if "$@"; then pass "$what"; else fail "$what"; fi
}
in_repo() { git -C "$REPO" "$@"; }
commit() { # commit SUBJECT [BODY]: one commit that appends to notes.txt
  local -a message=(-m "$1")
  if [ -n "${2:-}" ]; then message+=(-m "$2"); fi
  echo "$1" >>"$REPO/notes.txt"
  in_repo add notes.txt
  in_repo commit -q "${message[@]}"
}
version() { make -s -C "$REPO" version; }
# The newest CHANGELOG.md section: from its first "## " line to the next.
newest_section() { awk '/^## /{ n++ } n == 1' "$REPO/CHANGELOG.md"; }
section_has() { newest_section | grep -qF -- "$1"; }
section_lacks() { ! section_has "$1"; }
# The lines of one "### Title" block of the newest section.
block() { newest_section | awk -v t="### $1" '$0 == t { on = 1; next } /^##/ { on = 0 } on && NF'; }
block_has() { block "$1" | grep -qF -- "$2"; }
has_tag() { in_repo rev-parse -q --verify "refs/tags/$1" >/dev/null; }

git clone -q "$ROOT" "$REPO"
in_repo config user.name "Bump Test"
in_repo config user.email "bump-test@example.com"
in_repo config commit.gpgsign false
in_repo config tag.gpgsign false
# The scripts under test are the working tree's, not the last commit's.
cp "$ROOT/scripts/bump.sh" "$REPO/scripts/bump.sh"
cp "$ROOT/Makefile" "$REPO/Makefile"
if [ -n "$(in_repo status --porcelain)" ]; then
  in_repo commit -q -am "test: the working tree's bump.sh and Makefile"
fi

start=$(version)
IFS=. read -r major minor patch <<<"$start"
# The previous release: everything before it stays out of the next section.
commit "feat(old): before the previous release"
if ! in_repo rev-parse -q --verify "refs/tags/v$start" >/dev/null; then
  in_repo tag -a "v$start" -m "Switchyard $start"
fi
commit "feat(api): a widget endpoint"
commit "fix(worker): no leak on reconnect"
commit "perf(db): one round trip fewer"
commit "docs: the widget"
commit "refactor(api)!: rename the widget route"
commit "chore(deps): nothing" "BREAKING CHANGE: none really"
commit "a subject without a type"

echo "--- make bump-patch"
make -s -C "$REPO" bump-patch >"$WORK/out" 2>&1 || { cat "$WORK/out"; fail "bump-patch exits 0"; }
new="$major.$minor.$((patch + 1))"
check "the version is $new" test "$(version)" = "$new"
check "CMakeLists.txt holds it" grep -q "^project(switchyard VERSION $new " "$REPO/CMakeLists.txt"
check "the changelog has a section for v$new on top" bash -c "grep -m1 '^## ' '$REPO/CHANGELOG.md' | grep -q '^## v$new ([0-9-]*)$'"
check "it says since which tag" section_has "Changes since v$start."
check "features" block_has Features "- **api:** a widget endpoint ("
check "fixes" block_has Fixes "- **worker:** no leak on reconnect ("
check "performance" block_has Performance "- **db:** one round trip fewer ("
check "documentation" block_has Documentation "- the widget ("
check "breaking changes from !" block_has "Breaking changes" "rename the widget route"
check "breaking changes from the body" block_has "Breaking changes" "- **deps:** nothing ("
check "other subjects" block_has Other "- a subject without a type ("
check "entries name their commit" bash -c "grep -qE '^- .*\\([0-9a-f]{7}\\)$' '$REPO/CHANGELOG.md'"
check "nothing from before the previous tag" section_lacks "before the previous release"
check "the release commit" test "$(in_repo log -1 --format=%s)" = "chore(release): v$new"
check "it holds CMakeLists.txt and CHANGELOG.md" test "$(in_repo show --format= --name-only HEAD | sort | xargs)" = "CHANGELOG.md CMakeLists.txt"
check "the tag v$new is on it" test "$(in_repo rev-parse "v$new^{commit}")" = "$(in_repo rev-parse HEAD)"
check "an annotated tag" test "$(in_repo cat-file -t "v$new")" = tag
check "the tree is clean after" test -z "$(in_repo status --porcelain)"

echo "--- a dirty tree is refused"
echo "change" >>"$REPO/README.md"
if make -s -C "$REPO" bump-minor >"$WORK/out" 2>&1; then
  fail "bump-minor on a dirty tree exits 0"
else
  pass "bump-minor on a dirty tree fails"
fi
check "it says why" grep -q "not clean" "$WORK/out"
check "the version is unchanged" test "$(version)" = "$new"
check "no tag" bash -c "! git -C '$REPO' rev-parse -q --verify 'refs/tags/v$major.$((minor + 1)).0' >/dev/null"
in_repo checkout -q README.md
touch "$REPO/untracked.txt"
check "an untracked file is refused too" bash -c "! make -s -C '$REPO' bump-minor >/dev/null 2>&1"
rm "$REPO/untracked.txt"

echo "--- make bump-minor, then bump-major"
commit "feat(listener): a second feature"
make -s -C "$REPO" bump-minor >/dev/null
minor_version="$major.$((minor + 1)).0"
check "the version is $minor_version" test "$(version)" = "$minor_version"
check "its section lists only the new commit" bash -c "[ \"\$(awk '/^## /{n++} n==1 && /^- /' '$REPO/CHANGELOG.md' | wc -l)\" = 1 ]"
check "since v$new" section_has "Changes since v$new."
check "the earlier section stays below" bash -c "grep '^## ' '$REPO/CHANGELOG.md' | sed -n 2p | grep -q '^## v$new '"
commit "fix: a last fix"
make -s -C "$REPO" bump-major >/dev/null
check "the version is $((major + 1)).0.0" test "$(version)" = "$((major + 1)).0.0"
check "tag v$((major + 1)).0.0" has_tag "v$((major + 1)).0.0"
check "three release sections" test "$(grep -c '^## v' "$REPO/CHANGELOG.md")" = 3
check "the release commits are not listed" bash -c "! grep -q 'chore(release)\\|\\*\\*release:\\*\\*' '$REPO/CHANGELOG.md'"

echo "--- DRY_RUN=1 changes nothing"
commit "feat: one more"
head=$(in_repo rev-parse HEAD)
DRY_RUN=1 make -s -C "$REPO" bump-patch >"$WORK/out"
check "it prints the section" grep -q "^- one more (" "$WORK/out"
check "no commit" test "$(in_repo rev-parse HEAD)" = "$head"
check "same version" test "$(version)" = "$((major + 1)).0.0"

if [ "$failures" -gt 0 ]; then
  echo "$failures check(s) failed"
  exit 1
fi
echo "all checks passed"
