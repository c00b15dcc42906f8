#!/bin/bash -eu
# Builds every cargo-fuzz target with the sanitizer ClusterFuzzLite asks for
# and copies them, their seed corpora and the dictionary to $OUT.
cd "$SRC/cookiecheck/fuzz"
cargo fuzz build -O
TARGET_DIR=target/x86_64-unknown-linux-gnu/release
for target in $(cargo fuzz list); do
  cp "$TARGET_DIR/$target" "$OUT/"
  cp cookie.dict "$OUT/$target.dict"
  if [ -d "../corpus/$target" ]; then
    (cd "../corpus/$target" && zip -q -r "$OUT/${target}_seed_corpus.zip" .)
  fi
done
