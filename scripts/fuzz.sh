#!/usr/bin/env bash
# make fuzz: build the libFuzzer targets of tests/fuzz in build-fuzz/ (clang-14,
# every library instrumented with ASan + UBSan) and run each for FUZZ_SECONDS
# (30) from a working copy of its committed seed corpus tests/fuzz/corpus/<name>/.
# Exits non-zero when a target crashes, and says where the crashing input is and
# how to replay it. docs/security.md ("Fuzzing") says what counts as a finding.
# Usage: scripts/fuzz.sh [NAME...]    (default: every tests/fuzz/*_fuzz.cpp)
# Environment: FUZZ_SECONDS (30), JOBS (nproc), FUZZ_CC/FUZZ_CXX (clang-14/clang++-14).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD="$ROOT/build-fuzz"
SECONDS_EACH=${FUZZ_SECONDS:-30}
JOBS=${JOBS:-$(nproc)}
CC_BIN=${FUZZ_CC:-clang-14}
CXX_BIN=${FUZZ_CXX:-clang++-14}

log() { echo "fuzz: $*"; }
die() { echo "fuzz: error: $*" >&2; exit 2; }

[[ "$SECONDS_EACH" =~ ^[0-9]+$ ]] && [ "$SECONDS_EACH" -gt 0 ] ||
  die "FUZZ_SECONDS must be a positive number of seconds (got '$SECONDS_EACH')"
command -v "$CXX_BIN" >/dev/null || die "$CXX_BIN not found: make deps (clang-14, libclang-rt-14-dev)"

cd "$ROOT"
if [ $# -gt 0 ]; then
  names=("$@")
else
  mapfile -t names < <(find tests/fuzz -maxdepth 1 -name '*_fuzz.cpp' -printf '%f\n' | sed 's/_fuzz\.cpp$//' | sort)
fi
[ "${#names[@]}" -gt 0 ] || die "no tests/fuzz/*_fuzz.cpp"

if [ ! -f "$BUILD/CMakeCache.txt" ]; then
  CC=$CC_BIN CXX=$CXX_BIN cmake -S . -B "$BUILD" $(command -v ninja >/dev/null && echo -G Ninja) \
    -DCMAKE_BUILD_TYPE=Debug -DSWITCHYARD_FUZZ=ON -DSWITCHYARD_TESTS=OFF >/dev/null
fi
targets=()
for name in "${names[@]}"; do targets+=("${name}_fuzz"); done
log "building ${targets[*]} in build-fuzz/"
cmake --build "$BUILD" --parallel "$JOBS" --target "${targets[@]}"

# halt_on_error: a UBSan report is a finding, not a warning (known third-party
# ones are listed in tests/fuzz/ubsan.supp).
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1:suppressions=$ROOT/tests/fuzz/ubsan.supp}

failed=()
for name in "${names[@]}"; do
  binary="$BUILD/fuzz/${name}_fuzz"
  seeds="tests/fuzz/corpus/$name"
  work="$BUILD/corpus/$name"       # kept between runs: what the fuzzer learned
  crashes="$BUILD/crashes/$name"
  logfile="$BUILD/logs/$name.log"
  [ -d "$seeds" ] || die "no seed corpus $seeds for $name"
  mkdir -p "$work" "$crashes" "$(dirname "$logfile")"
  cp -n "$seeds"/* "$work"/ 2>/dev/null || true
  extra=()
  [ -f "tests/fuzz/$name.dict" ] && extra+=("-dict=tests/fuzz/$name.dict")
  start=$(date +%s)
  rc=0
  "$binary" "$work" "${extra[@]}" -max_total_time="$SECONDS_EACH" -rss_limit_mb=2048 -timeout=10 \
    -artifact_prefix="$crashes/" -print_final_stats=1 >"$logfile" 2>&1 || rc=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$logfile" | tail -n 1)
  if [ "$rc" -eq 0 ]; then
    log "$name: ok, ${runs:-?} inputs in $(($(date +%s) - start)) s, corpus $(ls "$work" | wc -l) files"
    continue
  fi
  failed+=("$name")
  input=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$logfile" | tail -n 1)
  echo "fuzz: $name: FAILED (exit $rc) after $(($(date +%s) - start)) s; log: ${logfile#$ROOT/}" >&2
  grep -E 'ERROR: (AddressSanitizer|UndefinedBehaviorSanitizer|libFuzzer)|runtime error:|fuzz finding:|terminate called|what\(\):|SUMMARY:' \
    "$logfile" | head -n 8 | sed 's/^/  /' >&2 || true
  if [ -n "$input" ]; then
    echo "  crashing input: ${input#$ROOT/}" >&2
    echo "  replay: UBSAN_OPTIONS=$UBSAN_OPTIONS ${binary#$ROOT/} ${input#$ROOT/}" >&2
  fi
done

if [ "${#failed[@]}" -gt 0 ]; then
  echo "fuzz: ${#failed[@]} of ${#names[@]} target(s) failed: ${failed[*]}" >&2
  exit 1
fi
log "all ${#names[@]} targets ran ${SECONDS_EACH} s each without a finding"
