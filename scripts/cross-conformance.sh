#!/usr/bin/env bash
# Builds the engine, tinyml-run and tinyml-features for Cortex-M4F and rv32imc and checks every conformance model's
# gold pairs and every shared recording's gold features under QEMU (semihosting gives the program the host's
# files), so each architecture's own build is bit-exact.
# Usage: scripts/cross-conformance.sh [SHARED_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${1:-${TML_SHARED_DIR:-$(cd .. && pwd)/shared}}
if [ ! -d "$shared/conformance/models" ]; then
  echo "cross conformance skipped: $shared/conformance not found" >&2
  exit 0
fi
fail=0
for target in cortex-m4 rv32imc; do
  dir=build/$target
  cmake -S . -B "$dir" -G Ninja -DCMAKE_TOOLCHAIN_FILE=native-interop/cmake/$target.cmake -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$dir" >/dev/null
  case $target in
    cortex-m4) qemu=(qemu-system-arm -M mps2-an386 -nographic) ;;
    rv32imc) qemu=(qemu-system-riscv32 -M virt -bios none -nographic) ;;
  esac
  out=$(mktemp)
  for model in "$shared"/conformance/models/*.tflite; do
    name=$(basename "$model" .tflite)
    exact=0
    for k in 0 1 2; do
      rm -f "$out"
      "${qemu[@]}" -semihosting-config "enable=on,target=native,arg=$model,arg=$shared/conformance/vectors/$name/input_$k.bin,arg=$out" \
        -kernel "$dir/bin/tinyml-run" >/dev/null 2>&1 || true
      cmp -s "$out" "$shared/conformance/vectors/$name/output_$k.bin" && exact=$((exact + 1))
    done
    printf "%-10s %-28s %d/3 gold pairs bit-exact\n" "$target" "$name" "$exact"
    [ "$exact" -eq 3 ] || fail=1
  done
  # The audio frontend: tinyml-features on every shared recording against its gold features.
  for wav in "$shared"/conformance/audio/*.wav; do
    [ -f "$wav" ] || continue
    name=$(basename "$wav" .wav)
    exact=0
    rm -f "$out"
    "${qemu[@]}" -semihosting-config "enable=on,target=native,arg=$wav,arg=$out" \
      -kernel "$dir/bin/tinyml-features" >/dev/null 2>&1 || true
    cmp -s "$out" "$shared/conformance/audio/gold/$name.features.bin" && exact=1
    printf "%-10s %-28s %d/1 gold features bit-exact\n" "$target" "features/$name" "$exact"
    [ "$exact" -eq 1 ] || fail=1
  done
  rm -f "$out"
done
exit $fail
