#!/usr/bin/env bash
# Seeds the fuzz corpora from the sample project, the bad-file corpus and
# the article corpus, then runs each target for SECONDS (default 600).
#   fuzz/run.sh [SECONDS] [TARGET...]
# cargo-fuzz needs nightly features; RUSTC_BOOTSTRAP lets the stable
# toolchain use them (this machine has no other toolchain).
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-600}; shift || true
targets=("$@"); [ ${#targets[@]} -gt 0 ] || targets=(load_project import_claims quantity chunked_read)
export RUSTC_BOOTSTRAP=1
mkdir -p corpus/load_project corpus/import_claims corpus/quantity corpus/chunked_read
cp ../projects/belgorod-strike.ron ../tests/data/bad/*.ron corpus/load_project/
cp ../projects/belgorod-claims.csv corpus/import_claims/
# The chunked reader's inputs begin with four bytes that choose how the
# file is cut (see fuzz_targets/chunked_read.rs): reads and runs of 1, 5,
# 17 and 145 or 257 bytes, one to three threads, and the 65th read failing.
for seed in ../projects/belgorod-strike.ron ../tests/data/bad/*.ron; do
  for head in '\x00\x00\x00\x00' '\x10\x04\x01\x00' '\x30\x10\x02\x00' '\x08\x02\x02\xc4'; do
    { printf "$head"; cat "$seed"; } > "corpus/chunked_read/$(basename "$seed" .ron)-${head//\\x/}"
  done
done
i=0
for seed in 24 '>=14' '>100' '<=5' '<5' '~40' '100..200' '2.5' 'at least 14 people' \
  'about 40 kilometers' 'two children' 'over 5o' 'hundreds wounded' 'between 100 and 200 drones'; do
  printf '%s' "$seed" > "corpus/quantity/seed$i"; i=$((i + 1))
done
# The article texts seed the value proposer too.
cp ../tests/data/corpus/*.txt corpus/quantity/
for target in "${targets[@]}"; do
  echo "== $target: $seconds s"
  cargo fuzz run -O "$target" "corpus/$target" -- -max_total_time="$seconds" -max_len=262144 2>&1 | tail -n 12
done
