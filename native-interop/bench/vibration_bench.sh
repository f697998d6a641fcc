#!/usr/bin/env bash
# Instructions per window of the vibration features (N=1024 by default, 3 axes, 16 bands), float and fixed point,
# on the host (callgrind), Cortex-M4F (qemu-system-arm, mps2-an386) and rv32imc (qemu-system-riscv32, virt) with the
# TCG instruction-count plugin: each count is (run with WINDOWS windows − run with none) / WINDOWS, so start-up,
# argument parsing and the test signal's generation cancel out.
# Then checks that each arithmetic gives the same feature bits on all three targets.
# Usage: native-interop/bench/vibration_bench.sh [OUT_DIR=/tmp/tinyml-bench] [N=1024]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-/tmp/tinyml-bench}
n=${2:-1024}
windows=10
mkdir -p "$out"
gcc -shared -fPIC -O2 -o "$out/insn_count.so" "$here/../tools/qemu/insn_count.c"
for target in host cortex-m4 rv32imc; do
  toolchain=()
  [ "$target" = host ] || toolchain=(-DCMAKE_TOOLCHAIN_FILE="$here/../cmake/$target.cmake")
  cmake -S "$here" -B "$out/$target" -G Ninja "${toolchain[@]}" >/dev/null
  cmake --build "$out/$target" >/dev/null
done

run() { # target args... -> the program's output
  local target=$1 prog="$out/$1/vibration_bench" args
  shift
  case $target in
    host) "$prog" "$@" ;;
    cortex-m4) args=$(printf ",arg=%s" "$@")
      qemu-system-arm -M mps2-an386 -nographic -semihosting-config "enable=on,target=native$args" -kernel "$prog" 2>&1 ;;
    rv32imc) args=$(printf ",arg=%s" "$@")
      qemu-system-riscv32 -M virt -bios none -nographic -semihosting-config "enable=on,target=native$args" -kernel "$prog" 2>&1 ;;
  esac
}

count() { # target variant windows -> instructions
  local target=$1 variant=$2 w=$3 prog="$out/$1/vibration_bench"
  case $target in
    host) valgrind --tool=callgrind --callgrind-out-file=/dev/null "$prog" "$variant" "$w" "$n" 2>&1 >/dev/null |
      sed -n 's/.*Collected : \([0-9]*\).*/\1/p' ;;
    cortex-m4) qemu-system-arm -M mps2-an386 -nographic -plugin "$out/insn_count.so" -d plugin \
      -semihosting-config "enable=on,target=native,arg=$variant,arg=$w,arg=$n" -kernel "$prog" 2>&1 |
      sed -n 's/^insns total \([0-9]*\)/\1/p' ;;
    rv32imc) qemu-system-riscv32 -M virt -bios none -nographic -plugin "$out/insn_count.so" -d plugin \
      -semihosting-config "enable=on,target=native,arg=$variant,arg=$w,arg=$n" -kernel "$prog" 2>&1 |
      sed -n 's/^insns total \([0-9]*\)/\1/p' ;;
  esac
}

printf "instructions per window (N=%d, 3 axes, 16 bands)\n%-10s %12s %12s\n" "$n" target float fixed
for target in host cortex-m4 rv32imc; do
  row=()
  for variant in float fixed; do
    base=$(count "$target" "$variant" 0)
    work=$(count "$target" "$variant" "$windows")
    row+=($(((work - base) / windows)))
  done
  printf "%-10s %12d %12d\n" "$target" "${row[0]}" "${row[1]}"
done

for variant in float fixed; do
  reference=$(run host "$variant" 1 "$n" print)
  for target in cortex-m4 rv32imc; do
    if [ "$(run "$target" "$variant" 1 "$n" print)" = "$reference" ]; then same="the same bits as the host"
    else same="DIFFERENT bits from the host"; fi
    printf "%-6s on %-10s: %s\n" "$variant" "$target" "$same"
  done
done
