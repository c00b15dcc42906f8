#!/usr/bin/env bash
# Fuzz smoke: every cargo-fuzz target for a bounded time from a fixed seed,
# on a scratch copy of its checked-in corpus (corpus/<target>/). Fails on the
# first crash; prints each target's executions and executions per second.
#
#   bash fuzz/smoke.sh [seconds-per-target]   (default 10)
#
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`).
# Built without a sanitizer (`-s none`): the code is safe Rust, and the
# smoke is about panics and oracles; the nightly workflow uses ASan.
set -euo pipefail
cd "$(dirname "$0")"
SECONDS_PER_TARGET="${1:-10}"
# The fuzz workspace builds into fuzz/target, whatever the caller's target dir.
unset CARGO_TARGET_DIR
cargo +nightly fuzz build -s none
TRIPLE="$(rustc +nightly -vV | sed -n 's/^host: //p')"
SCRATCH="$(mktemp -d)"
trap 'rm -rf "$SCRATCH"' EXIT
printf '%-18s %12s %12s\n' target executions 'exec/s'
for target in $(cargo +nightly fuzz list); do
  mkdir -p "$SCRATCH/$target"
  if [ -d "../corpus/$target" ]; then cp -r "../corpus/$target/." "$SCRATCH/$target/"; fi
  log="$SCRATCH/$target.log"
  if ! "target/$TRIPLE/release/$target" -seed=1 -max_total_time="$SECONDS_PER_TARGET" \
      -print_final_stats=1 -dict=cookie.dict -artifact_prefix="$SCRATCH/" \
      "$SCRATCH/$target" >"$log" 2>&1; then
    echo "fuzz target $target crashed:"
    tail -n 60 "$log"
    for a in "$SCRATCH"/crash-* "$SCRATCH"/timeout-* "$SCRATCH"/oom-*; do
      [ -e "$a" ] && { mkdir -p artifacts/"$target"; cp "$a" artifacts/"$target"/; echo "artifact kept: fuzz/artifacts/$target/$(basename "$a")"; }
    done
    exit 1
  fi
  runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")"
  rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")"
  printf '%-18s %12s %12s\n' "$target" "$runs" "$rate"
done
