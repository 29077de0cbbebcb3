#!/usr/bin/env bash
# Builds the "fuzz" preset and runs the shortcode fuzzer for SECONDS (default 60) over a
# scratch copy of the committed corpus. Exits non-zero when the fuzzer finds a crash.
set -euo pipefail
seconds="${1:-60}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j2 --target fuzz_shortcode
work="$(mktemp -d "${TMPDIR:-/tmp}/byline-fuzz.XXXXXX")"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/corpus" "$work/artifacts"
cp tests/fuzz/corpus/* "$work/corpus/"
status=0
ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}" \
UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}" \
    build-fuzz/tests/fuzz/fuzz_shortcode "$work/corpus" \
    -max_total_time="$seconds" -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
    -dict=tests/fuzz/shortcode.dict \
    -artifact_prefix="$work/artifacts/" || status=$?
if compgen -G "$work/artifacts/*" >/dev/null; then
    mkdir -p build-fuzz/artifacts
    cp "$work"/artifacts/* build-fuzz/artifacts/
    echo "fuzz_shortcode: crash inputs copied to build-fuzz/artifacts/" >&2
    [ "$status" -ne 0 ] || status=1
fi
exit "$status"
