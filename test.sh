#!/usr/bin/env bash
# Runs every test. Native: the GoogleTest suite (CTest) built with gcc, then again built with clang under
# AddressSanitizer + UndefinedBehaviorSanitizer; the conformance models on Cortex-M4F and rv32imc builds under
# QEMU; a bounded libFuzzer run over load/plan/invoke. .NET: the xunit suites. Real models and audio come from ../shared beside the repository; tests that need them say so
# and skip when it is absent. TML_FUZZ_SECONDS (default 60) bounds the fuzzing.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/packages.sh

./build.sh
need_packages clang libclang-rt-14-dev gcc-arm-none-eabi picolibc-arm-none-eabi qemu-system-arm \
  gcc-riscv64-unknown-elf picolibc-riscv64-unknown-elf qemu-system-misc \
  espeak-ng flite festival festvox-kallpc16k festvox-kdlpc16k festvox-us-slt-hts
fuzz_seconds=${TML_FUZZ_SECONDS:-60}
shared=${TML_SHARED_DIR:-$(cd .. && pwd)/shared}

echo "== native tests (gcc)"
ctest --test-dir build -j2 --output-on-failure
echo "-- conformance (../shared/conformance, gold outputs from TFLite Micro's reference kernels)"
build/bin/tinyml_tests --gtest_filter='Models/Conformance.*' --gtest_brief=1 | sed -n '/^model /,$p' | grep -v '^\['

echo "== native tests under ASan + UBSan (clang)"
CC=clang CXX=clang++ cmake -S . -B build/sanitize -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DTML_SANITIZE=ON -DTML_FUZZ=ON >/dev/null
cmake --build build/sanitize
ctest --test-dir build/sanitize -j2 --output-on-failure

echo "== conformance on Cortex-M4F and rv32imc builds, under QEMU"
scripts/cross-conformance.sh "$shared"

echo "== fuzzing model load, plan and invoke for ${fuzz_seconds}s (libFuzzer + ASan + UBSan)"
corpus=build/fuzz-corpus
mkdir -p "$corpus"
if [ -d "$shared/conformance/models" ]; then
  cp "$shared"/conformance/models/{hello_world_int8,simple_add_int8,micro_speech_quantized}.tflite "$corpus"/
else
  echo "(no ../shared: fuzzing from an empty corpus)"
fi
if ! build/sanitize/bin/fuzz_model -max_total_time="$fuzz_seconds" -max_len=32768 -timeout=10 -rss_limit_mb=2048 \
  -print_final_stats=1 "$corpus" >build/fuzz.log 2>&1; then
  tail -n 60 build/fuzz.log
  echo "fuzzing found a failure: the reproducer is the crash-* file named above" >&2
  exit 1
fi
grep -E "^stat::number_of_executed_units|^Done" build/fuzz.log

echo "== .NET tests"
if command -v npm >/dev/null; then  # real TFLite (tfjs-tflite under Node) for the toolkit's export tests
  (cd tests/host/tflite-oracle && npm ci --no-audit --no-fund --loglevel=error)
else
  echo "(npm not installed: the TFLite oracle tests will skip)"
fi
dotnet test TinyMlDevice.Linux.slnf -c Release --no-build -nologo
echo "== all tests passed"
