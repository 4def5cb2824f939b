#!/usr/bin/env bash
# Fuzz cutter-core with cargo fuzz (libFuzzer): every target of crates/cutter-core/fuzz, one
# job each, one after the other, each bounded in runs and in seconds, from the seeds and the
# dictionary of bench/fuzz_seeds.py. Prints one line per target (runs, seconds, exec/s, edges
# covered, corpus, crashes) and, when llvm-cov is there, the line coverage of each target's
# module; a crash stops with its reproducer in crates/cutter-core/fuzz/artifacts/<target>/.
#
#   bench/fuzz.sh                      # the recorded run (bench/README.md, "Fuzzing")
#   RUNS_SCALE=10 bench/fuzz.sh lines  # ten times the runs, one target
#   SECONDS_CAP=60 bench/fuzz.sh       # at most a minute per target
#
# Needs the nightly toolchain (rustup toolchain install nightly), cargo-fuzz (cargo install
# cargo-fuzz) and a C++ compiler; coverage needs `rustup component add llvm-tools-preview
# --toolchain nightly`. Not run by .ci/run (minutes, not seconds). The corpus starts from the
# seeds on every run unless KEEP_CORPUS=1.
#
# Built without a sanitizer (-s none): the core is safe Rust (unsafe_code = "forbid"), so bounds
# are checked by Rust itself, and cargo fuzz builds with debug assertions and overflow checks on.
# ASan only made the targets 3-5x slower; SANITIZER=address bench/fuzz.sh runs with it.
set -euo pipefail
cd "$(dirname "$0")/../crates/cutter-core"

# target, runs (before RUNS_SCALE), max input length in bytes, the modules it covers
TARGETS=(
  "decode 500000 16384 decode"
  "text 500000 16384 text,tables"
  "script 500000 16384 script"
  "lines 400000 16384 lines"
  "rare 300000 16384 rare"
  "boilerplate 150000 16384 boilerplate"
  "paragraphs 300000 16384 paragraphs"
  "punctuation 1000000 16384 punctuation"
  "headers 300000 16384 headers"
  "spacing 1000000 16384 spacing,junk,english"
  "offer 1000000 4096 offer"
  "chrome 1000000 16384 chrome"
  "markup 1000000 16384 markup"
  "normalize 1000000 4096 normalize"
  "json 1000000 16384 json"
)
RUNS_SCALE=${RUNS_SCALE:-1}
SECONDS_CAP=${SECONDS_CAP:-300}
SANITIZER=${SANITIZER:-none}
only=("$@")

corpus=fuzz/corpus
python3 ../../bench/fuzz_seeds.py "$corpus"
cargo +nightly fuzz build -s "$SANITIZER" > /dev/null 2>&1 ||
  cargo +nightly fuzz build -s "$SANITIZER"

total_runs=0
total_seconds=0
printf '%-8s %10s %8s %8s %6s %7s %8s\n' target runs seconds exec/s edges corpus crashes
for spec in "${TARGETS[@]}"; do
  read -r target runs max_len _ <<< "$spec"
  if [ ${#only[@]} -gt 0 ] && [[ ! " ${only[*]} " =~ " $target " ]]; then
    continue
  fi
  runs=$((runs * RUNS_SCALE))
  [ "${KEEP_CORPUS:-0}" = 1 ] || rm -rf "${corpus:?}/$target"
  mkdir -p "$corpus/$target"
  log=fuzz/artifacts/$target.log
  mkdir -p "fuzz/artifacts/$target"
  crashes_before=$(find "fuzz/artifacts/$target" -type f | wc -l)
  started=$SECONDS
  status=0
  cargo +nightly fuzz run -s "$SANITIZER" "$target" "$corpus/$target" "$corpus/seeds" -- \
    -runs="$runs" -max_total_time="$SECONDS_CAP" -max_len="$max_len" -dict="$corpus/cutter.dict" \
    -print_final_stats=1 > "$log" 2>&1 || status=$?
  elapsed=$((SECONDS - started))
  executed=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  edges=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  units=$(grep -o 'corp: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  crashes=$(($(find "fuzz/artifacts/$target" -type f | wc -l) - crashes_before))
  printf '%-8s %10s %8s %8s %6s %7s %8s\n' "$target" "${executed:-?}" "$elapsed" "${speed:-?}" "${edges:-?}" "${units:-?}" "$crashes"
  if [ "$status" != 0 ]; then
    grep -m 5 -E 'panicked|ERROR|SUMMARY' "$log" || true
    echo "fuzz: $target failed (status $status); log in crates/cutter-core/$log" >&2
    exit 1
  fi
  total_runs=$((total_runs + ${executed:-0}))
  total_seconds=$((total_seconds + elapsed))
done
echo "total: $total_runs runs in $total_seconds s, no crash"

llvm_cov=$(find "$(rustc +nightly --print sysroot)" -name llvm-cov -type f | head -1)
if [ -z "$llvm_cov" ] || [ "${COVERAGE:-1}" = 0 ]; then
  exit 0
fi
echo "line coverage of the target's modules, over its final corpus (cargo fuzz coverage):"
for spec in "${TARGETS[@]}"; do
  read -r target _ _ modules <<< "$spec"
  if [ ${#only[@]} -gt 0 ] && [[ ! " ${only[*]} " =~ " $target " ]]; then
    continue
  fi
  cargo +nightly fuzz coverage "$target" "$corpus/$target" > /dev/null 2>&1
  binary=target/x86_64-unknown-linux-gnu/coverage/x86_64-unknown-linux-gnu/release/$target
  report=$("$llvm_cov" report "$binary" -instr-profile="fuzz/coverage/$target/coverage.profdata" \
    -ignore-filename-regex='(\.cargo|rustc|fuzz_targets)/')
  for module in ${modules//,/ }; do
    # columns: file, regions, missed, cover, functions, missed, executed, lines, missed, cover
    echo "$report" | awk -v t="$target" -v m="$module.rs" \
      '$1 == m { printf "  %-8s src/%-10s lines %s of %s (%s missed), regions %s\n", t, m, $8 - $9, $8, $9, $4 }'
  done
done
