#!/usr/bin/env bash
# `make bump-patch`, `bump-minor`, `bump-major`: release the next version.
# The version lives in one place, `project(switchyard VERSION X.Y.Z ...)` in the
# top CMakeLists.txt; the build passes it to the code as SWITCHYARD_VERSION
# (common/version.hpp's kVersion: /health, the OpenAPI document, a slave's pings,
# the outgoing User-Agent). This script
# 1. refuses unless the working tree is clean (nothing modified, staged or
#    untracked) and the new tag is free;
# 2. raises the version in CMakeLists.txt;
# 3. adds a CHANGELOG.md section for it, built from the conventional commits
#    (type(scope)!: subject) since the last vX.Y.Z tag (all commits when there is
#    none), grouped by type; other subjects are listed under "Other";
# 4. commits both files as `chore(release): vX.Y.Z` and tags that commit with an
#    annotated tag vX.Y.Z. Nothing is pushed.
# Usage: scripts/bump.sh patch|minor|major|current
# Env: DRY_RUN=1 prints the new version and its changelog section, changes nothing.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CMAKE_FILE="$ROOT/CMakeLists.txt"
CHANGELOG="$ROOT/CHANGELOG.md"
VERSION_RE='^project\(switchyard VERSION ([0-9]+)\.([0-9]+)\.([0-9]+)'

die() { echo "bump: error: $*" >&2; exit 1; }

current_version() {
  local line
  line=$(grep -E "$VERSION_RE" "$CMAKE_FILE" | head -n 1) ||
    die "no 'project(switchyard VERSION X.Y.Z' line in $CMAKE_FILE"
  [[ "$line" =~ $VERSION_RE ]]
  echo "${BASH_REMATCH[1]}.${BASH_REMATCH[2]}.${BASH_REMATCH[3]}"
}

next_version() { # LEVEL VERSION
  local major minor patch
  IFS=. read -r major minor patch <<<"$2"
  case "$1" in
    major) echo "$((major + 1)).0.0" ;;
    minor) echo "$major.$((minor + 1)).0" ;;
    patch) echo "$major.$minor.$((patch + 1))" ;;
  esac
}

# The newest vX.Y.Z tag reachable from HEAD, or nothing.
last_tag() {
  git -C "$ROOT" describe --tags --abbrev=0 --match 'v[0-9]*.[0-9]*.[0-9]*' HEAD 2>/dev/null || true
}

# The changelog section of VERSION from the commits in RANGE (a revision range,
# or HEAD for all of them), by type in a fixed order; breaking changes first.
changelog_section() { # VERSION SINCE_TAG
  local version=$1 since=$2 range=HEAD
  if [ -n "$since" ]; then range="$since..HEAD"; fi
  local -a order=(breaking feat fix perf refactor docs test style build ci chore revert other)
  local -A title=(
    [breaking]="Breaking changes" [feat]="Features" [fix]="Fixes" [perf]="Performance"
    [refactor]="Refactoring" [docs]="Documentation" [test]="Tests" [style]="Style"
    [build]="Build" [ci]="CI" [chore]="Chores" [revert]="Reverts" [other]="Other"
  )
  local -A entries=()
  local hash subject body type scope bang text entry
  local re='^([a-z]+)(\(([^)]*)\))?(!)?: (.+)$'
  while IFS=$'\x1f' read -r -d $'\x1e' hash subject body; do
    hash=${hash#$'\n'}
    if [[ "$subject" =~ $re ]] && [ -n "${title[${BASH_REMATCH[1]}]:-}" ]; then
      type=${BASH_REMATCH[1]} scope=${BASH_REMATCH[3]} bang=${BASH_REMATCH[4]} text=${BASH_REMATCH[5]}
    else
      type=other scope='' bang='' text=$subject
    fi
    # Earlier releases are not news.
    if [ "$type" = chore ] && [ "$scope" = release ]; then continue; fi
    entry="- ${scope:+**$scope:** }$text (${hash:0:7})"
    entries[$type]+="$entry"$'\n'
    if [ -n "$bang" ] || [[ "$body" == *"BREAKING CHANGE"* ]]; then
      entries[breaking]+="$entry"$'\n'
    fi
  done < <(git -C "$ROOT" log --no-merges --format='%H%x1f%s%x1f%b%x1e' "$range")

  echo "## v$version ($(date -u +%Y-%m-%d))"
  echo
  if [ -n "$since" ]; then
    echo "Changes since $since."
  else
    echo "Changes since the first commit."
  fi
  echo
  local any=0
  for type in "${order[@]}"; do
    [ -n "${entries[$type]:-}" ] || continue
    any=1
    echo "### ${title[$type]}"
    echo
    printf '%s\n' "${entries[$type]}"
  done
  if [ "$any" = 0 ]; then
    echo "No commits."
    echo
  fi
}

# CHANGELOG.md with SECTION_FILE inserted above the newest section.
write_changelog() { # SECTION_FILE
  local tmp
  tmp=$(mktemp "$ROOT/.CHANGELOG.md.XXXXXX")
  if [ ! -f "$CHANGELOG" ]; then
    cat >"$CHANGELOG" <<'EOF'
# Changelog

One section per release, newest first, written by `make bump-patch`,
`bump-minor` or `bump-major` (scripts/bump.sh) from the conventional commits
since the previous release tag.

EOF
  fi
  awk -v section="$1" '
    !done && /^## / { while ((getline line < section) > 0) print line; done = 1 }
    { print }
    END { if (!done) while ((getline line < section) > 0) print line }
  ' "$CHANGELOG" >"$tmp"
  mv "$tmp" "$CHANGELOG"
}

main() {
  local level=${1:-}
  case "$level" in
    patch | minor | major) ;;
    current) current_version; return 0 ;;
    *) echo "usage: $0 patch|minor|major|current" >&2; exit 2 ;;
  esac
  git -C "$ROOT" rev-parse --git-dir >/dev/null 2>&1 || die "$ROOT is not a git repository"

  local version new since
  version=$(current_version)
  new=$(next_version "$level" "$version")
  since=$(last_tag)

  if [ "${DRY_RUN:-0}" = 1 ]; then
    echo "bump: $version -> $new (dry run: nothing changed)"
    echo
    changelog_section "$new" "$since"
    return 0
  fi

  local dirty
  dirty=$(git -C "$ROOT" status --porcelain)
  if [ -n "$dirty" ]; then
    echo "$dirty" | head -n 20 >&2
    die "the working tree is not clean: commit or stash first"
  fi
  if git -C "$ROOT" rev-parse -q --verify "refs/tags/v$new" >/dev/null; then
    die "tag v$new exists already"
  fi

  local section
  section=$(mktemp)
  changelog_section "$new" "$since" >"$section"
  write_changelog "$section"
  rm -f "$section"
  sed -E -i "s/^(project\(switchyard VERSION )[0-9]+\.[0-9]+\.[0-9]+/\1$new/" "$CMAKE_FILE"
  [ "$(current_version)" = "$new" ] || die "could not update the version in $CMAKE_FILE"

  git -C "$ROOT" add CMakeLists.txt CHANGELOG.md
  git -C "$ROOT" commit -q -m "chore(release): v$new"
  git -C "$ROOT" tag -a "v$new" -m "Switchyard $new"
  echo "bump: $version -> $new: CHANGELOG.md, CMakeLists.txt, commit $(git -C "$ROOT" rev-parse --short HEAD), tag v$new"
  echo "bump: publish with: git push && git push origin v$new"
}

main "$@"
