#!/usr/bin/env python3
"""Measures the engine and writes docs/benchmarks.md.

For every model in ../shared/conformance/models: MACs, arena bytes, instructions per Invoke on the host
(callgrind, only inside tml_invoke), on Cortex-M4F (qemu-system-arm -M mps2-an386) and on rv32imc
(qemu-system-riscv32 -M virt) with our QEMU instruction-counting plugin (a run that prepares only is
subtracted), instructions per MAC, per-kernel instructions on the MLPerf KWS model, the audio frontend's
instructions per 20 ms frame (per source file), and the engine's .text and .rodata per architecture at -Os. Every
figure in docs/benchmarks.md comes from this script:

    scripts/benchmark.py [--shared DIR] [--out docs/benchmarks.md]
"""
import argparse
import glob
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGETS = {
    "cortex-m4": {"qemu": ["qemu-system-arm", "-M", "mps2-an386", "-nographic"], "tools": "arm-none-eabi-"},
    "rv32imc": {"qemu": ["qemu-system-riscv32", "-M", "virt", "-bios", "none", "-nographic"],
                "tools": "riscv64-unknown-elf-"},
}
# TFLite Micro's figures (x86-64 host, g++ 12 -O2, instructions per Invoke) from ../shared/docs/TINYML.md.
TFLM = {
    "micro_speech_quantized": (10.99e6, 1.82e6),
    "mlperf_kws_ref_int8": (49.95e6, 15.57e6),
    "mlperf_ad01_int8": (2.51e6, 1.31e6),
    "mlperf_vww_96_int8": (121.1e6, 46.1e6),
    "person_detect_int8": (116.4e6, 43.5e6),
    "hello_world_int8": (6538, 4279),
    "ds_cnn_s_float_io": (49.97e6, 15.58e6),
}
# Issue targets for host instructions per Invoke.
HOST_TARGETS = {"micro_speech_quantized": 1.2e6, "mlperf_kws_ref_int8": 10e6, "mlperf_ad01_int8": 1.0e6,
                "person_detect_int8": 35e6}
REPEAT = 2
# The audio frontend: one second of speech (49 frames of 20 ms), the issue target for the host, and TFLite Micro's
# audio preprocessor for comparison (≈ 106K instructions per frame on the host, ../shared/docs/TINYML.md).
AUDIO_WAV = "yes_1000ms.wav"
AUDIO_FRAMES = 49
AUDIO_HOST_TARGET = 40e3
AUDIO_TFLM = 106e3
AUDIO_STAGES = ["window", "rfft", "rfft_sse2", "rfft_dsp", "filterbank", "noise_reduction", "pcan", "log_scale",
                "features", "frontend"]  # pipeline order; other files of src/audio follow


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw)


def build(name, toolchain=None, build_type="Release"):
    d = os.path.join(ROOT, "build", "bench", name)
    cmd = ["cmake", "-S", ROOT, "-B", d, "-G", "Ninja", f"-DCMAKE_BUILD_TYPE={build_type}", "-DTML_BUILD_TESTS=OFF"]
    if toolchain:
        cmd.append(f"-DCMAKE_TOOLCHAIN_FILE={ROOT}/native-interop/cmake/{toolchain}.cmake")
    run(cmd)
    run(["cmake", "--build", d])
    return d


def host_insns(binary, model, inputs, function="tml_invoke"):
    """Instructions executed inside `function` (inclusive) over one run of tinyml-run --repeat 1."""
    r = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                        f"--toggle-collect={function}", binary, model, inputs, "/dev/null", "--repeat", "1"],
                       capture_output=True, text=True, check=True)
    return int(re.search(r"Collected : (\d+)", r.stderr).group(1))


def object_ranges(elf):
    """Code address ranges of each engine source file, from the link map (name = file stem, e.g. "conv")."""
    ranges = {}
    section = None
    with open(elf + ".map") as f:
        for line in f:
            m = re.match(r"^ (\.text\S*)\s*$", line)
            if m:
                section = m.group(1)
                continue
            m = re.match(r"^ (\.text\S*)?\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+\S*libtinyml\.a\((\w+)\.c\.obj\)", line)
            if m and (m.group(1) or section):
                start, size = int(m.group(2), 16), int(m.group(3), 16)
                if size:
                    ranges.setdefault(m.group(4), []).append((start, start + size))
            section = None
    for name, spans in ranges.items():  # merge the sections of one file that sit next to each other
        spans.sort()
        merged = [spans[0]]
        for a, b in spans[1:]:
            if a <= merged[-1][1] + 8:
                merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
            else:
                merged.append((a, b))
        ranges[name] = merged
    return ranges


def qemu_counts(target, elf, plugin, args, ranges):
    plugin_arg = plugin + "".join(f",range={n}:{a:x}:{b:x}" for n, spans in ranges.items() for a, b in spans)
    semi = "enable=on,target=native," + ",".join("arg=" + a for a in args)
    r = subprocess.run(TARGETS[target]["qemu"] + ["-plugin", plugin_arg, "-d", "plugin", "-semihosting-config", semi,
                                                  "-kernel", elf], capture_output=True, text=True, timeout=1800)
    if r.returncode != 0:
        raise RuntimeError(f"{target} run failed: {r.stdout} {r.stderr}")
    counts = {}
    for m in re.finditer(r"insns (\S+) (\d+)", r.stdout + r.stderr):
        counts[m.group(1)] = counts.get(m.group(1), 0) + int(m.group(2))
    return counts


def qemu_insns(target, elf, plugin, model, inputs, ranges):
    """Per Invoke: (total, per source file) from runs with --repeat REPEAT and --repeat 0."""
    base = qemu_counts(target, elf, plugin, [model, inputs, "/dev/null", "--repeat", "0"], ranges)
    full = qemu_counts(target, elf, plugin, [model, inputs, "/dev/null", "--repeat", str(REPEAT)], ranges)
    per = {k: (full[k] - base.get(k, 0)) / REPEAT for k in full}
    return per.pop("total"), per


def audio_sources():
    """Stems of the audio frontend's source files (native-interop/src/audio/*.c)."""
    return {f[:-2] for f in os.listdir(os.path.join(ROOT, "native-interop", "src", "audio")) if f.endswith(".c")}


def host_audio_insns(host, wav):
    """(total, per source file): instructions inside tml_audio_frame (inclusive) over one run of tinyml-features;
    functions are attributed to files through the static library's symbol tables."""
    out = os.path.join(host, "audio.callgrind")
    r = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}",
                        "--toggle-collect=tml_audio_frame", os.path.join(host, "bin", "tinyml-features"), wav, "/dev/null"],
                       capture_output=True, text=True, check=True)
    total = int(re.search(r"Collected : (\d+)", r.stderr).group(1))
    owner = {}
    for line in run(["nm", "-A", "--defined-only", os.path.join(host, "lib", "libtinyml.a")]).stdout.splitlines():
        m = re.match(r".*:(\w+)\.c\.o:\S*\s+[Tt]\s+(\S+)$", line)
        if m:
            owner.setdefault(m.group(2), m.group(1))
    per = {}
    annotated = run(["callgrind_annotate", "--threshold=100", out]).stdout
    for m in re.finditer(r"^\s*([\d,]+) \([^)]*\)\s+\S*?:(\S+)", annotated, re.M):
        if m.group(2) in owner:
            per[owner[m.group(2)]] = per.get(owner[m.group(2)], 0) + int(m.group(1).replace(",", ""))
    os.remove(out)
    return total, per


def cross_audio_insns(target, elf, plugin, wav):
    """Per source file of src/audio: instructions executed in its code over one run of tinyml-features."""
    stems = audio_sources()
    ranges = {k: v for k, v in object_ranges(elf).items() if k in stems}
    counts = qemu_counts(target, elf, plugin, [wav, "/dev/null"], ranges)
    return {k: v for k, v in counts.items() if k in stems}


def sections(prefix, obj):
    """(.text, .rodata) bytes of one object file (function/data sections summed)."""
    text = rodata = 0
    for line in run([prefix + "size", "-A", obj]).stdout.splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[1].isdigit():
            if parts[0].startswith(".text"):
                text += int(parts[1])
            elif parts[0].startswith(".rodata") or parts[0].startswith(".srodata"):
                rodata += int(parts[1])
    return text, rodata


def code_sizes(target, prefix):
    d = build(f"{target}-Os", target, "MinSizeRel")
    objs = sorted(glob.glob(os.path.join(d, "native-interop", "CMakeFiles", "tinyml.dir", "src", "**", "*.obj"),
                        recursive=True))
    rows = {}
    for o in objs:
        rel = os.path.relpath(o, os.path.join(d, "native-interop", "CMakeFiles", "tinyml.dir", "src"))
        rows[rel[:-len(".c.obj")]] = sections(prefix, o)
    return rows


def model_info(binary, model):
    out = run([binary, model, "zeros", "/dev/null", "--repeat", "0", "--ops"]).stdout
    macs = int(re.search(r"macs=(\d+)", out).group(1))
    arena = int(re.search(r"arena_bytes=(\d+)", out).group(1))
    ops = {}
    for line in out.splitlines():
        m = re.match(r"\s*\d+ (\S+)\s+(\d+) MACs", line)
        if m:
            ops[m.group(1)] = ops.get(m.group(1), 0) + int(m.group(2))
    return macs, arena, ops


def fmt(n):
    return f"{n / 1e6:.2f}M" if n >= 1e6 else f"{n / 1e3:.1f}K" if n >= 1e4 else f"{n:.0f}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=os.environ.get("TML_SHARED_DIR", os.path.join(os.path.dirname(ROOT), "shared")))
    ap.add_argument("--out", default=os.path.join(ROOT, "docs", "benchmarks.md"))
    args = ap.parse_args()
    models_dir = os.path.join(args.shared, "conformance", "models")
    if not os.path.isdir(models_dir):
        sys.exit(f"benchmark: {models_dir} not found")

    print("building host, cortex-m4, rv32imc (-O2) ...", flush=True)
    host = build("host")
    cross = {t: build(t, t) for t in TARGETS}
    plugin = os.path.join(host, "lib", "libinsn_count.so")
    runner = os.path.join(host, "bin", "tinyml-run")

    rows = []
    kernels = {}
    for model in sorted(glob.glob(os.path.join(models_dir, "*.tflite"))):
        name = os.path.basename(model)[:-7]
        inputs = os.path.join(args.shared, "conformance", "vectors", name, "input_0.bin")
        macs, arena, ops = model_info(runner, model)
        row = {"name": name, "macs": macs, "arena": arena, "host": host_insns(runner, model, inputs)}
        for t, d in cross.items():
            elf = os.path.join(d, "bin", "tinyml-run")
            total, per = qemu_insns(t, elf, plugin, model, inputs, object_ranges(elf))
            row[t] = total
            if name == "mlperf_kws_ref_int8":
                kernels[t] = (per, ops)
        print(f"  {name}: MACs {macs}, host {row['host']}, M4 {row['cortex-m4']:.0f}, RV {row['rv32imc']:.0f}", flush=True)
        rows.append(row)

    wav = os.path.join(args.shared, "conformance", "audio", AUDIO_WAV)
    audio = {}
    if os.path.isfile(wav):
        audio["host"] = host_audio_insns(host, wav)
        for t, d in cross.items():
            per = cross_audio_insns(t, os.path.join(d, "bin", "tinyml-features"), plugin, wav)
            audio[t] = (sum(per.values()), per)
        print("  audio frontend per frame: " + ", ".join(f"{k} {v[0] / AUDIO_FRAMES:.0f}" for k, v in audio.items()),
              flush=True)

    sizes = {t: code_sizes(t, TARGETS[t]["tools"]) for t in TARGETS}

    out = []
    out.append("# Benchmarks\n")
    out.append("Every figure here is written by `scripts/benchmark.py` (rerun it to refresh this file). Instructions are")
    out.append("counted, not timed: host = x86-64, gcc -O2, callgrind inside `tml_invoke`; Cortex-M4F = arm-none-eabi-gcc")
    out.append("-O2 under `qemu-system-arm -M mps2-an386`; rv32imc = riscv64-unknown-elf-gcc -O2 -march=rv32imc under")
    out.append("`qemu-system-riscv32 -M virt`; both counted by our TCG plugin (`native-interop/tools/qemu/insn_count.c`)")
    out.append(f"as (run with --repeat {REPEAT} − run with --repeat 0) / {REPEAT}. Inputs: each model's `input_0.bin`.\n")
    out.append("## Instructions per Invoke\n")
    out.append("| model | MACs | arena B | host | host/MAC | TFLM ref / +CMSIS-NN (host) | Cortex-M4F | M4/MAC | rv32imc | RV/MAC |")
    out.append("|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        ref = TFLM.get(r["name"])
        per = lambda v: f"{v / r['macs']:.2f}" if r["macs"] else "–"
        out.append(f"| {r['name']} | {fmt(r['macs'])} | {r['arena']:,} | {fmt(r['host'])} | {per(r['host'])} | "
                   f"{fmt(ref[0]) + ' / ' + fmt(ref[1]) if ref else '–'} | {fmt(r['cortex-m4'])} | {per(r['cortex-m4'])} | "
                   f"{fmt(r['rv32imc'])} | {per(r['rv32imc'])} |")
    out.append("")
    out.append("## Host targets (instructions per Invoke)\n")
    out.append("| model | target | measured | met |")
    out.append("|---|---|---|---|")
    for r in rows:
        if r["name"] in HOST_TARGETS:
            t = HOST_TARGETS[r["name"]]
            out.append(f"| {r['name']} | ≤ {fmt(t)} | {fmt(r['host'])} | {'yes' if r['host'] <= t else 'no'} |")
    out.append("")
    if kernels:
        out.append("## MLPerf KWS, per kernel (instructions executed in the kernel's source file per Invoke)\n")
        out.append("| kernel | MACs | Cortex-M4F | M4/MAC | rv32imc | RV/MAC |")
        out.append("|---|---|---|---|---|---|")
        names = {"conv": "CONV_2D", "depthwise_conv": "DEPTHWISE_CONV_2D", "fully_connected": "FULLY_CONNECTED",
                 "pooling": "AVERAGE_POOL_2D", "softmax": "SOFTMAX", "reshape": "RESHAPE"}
        for k, op in names.items():
            macs = kernels["cortex-m4"][1].get(op, 0)
            m4 = kernels["cortex-m4"][0].get(k, 0)
            rv = kernels["rv32imc"][0].get(k, 0)
            pm = lambda v: f"{v / macs:.2f}" if macs else "–"
            out.append(f"| {op} | {fmt(macs) if macs else '–'} | {fmt(m4)} | {pm(m4)} | {fmt(rv)} | {pm(rv)} |")
        mac_ops = ("conv", "depthwise_conv", "fully_connected")
        macs = sum(kernels["cortex-m4"][1].get(names[k], 0) for k in mac_ops)
        m4 = sum(kernels["cortex-m4"][0].get(k, 0) for k in mac_ops)
        rv = sum(kernels["rv32imc"][0].get(k, 0) for k in mac_ops)
        out.append(f"| conv + depthwise + fully connected | {fmt(macs)} | {fmt(m4)} | {m4 / macs:.2f} | {fmt(rv)} | "
                   f"{rv / macs:.2f} |")
        out.append("")
    if audio:
        out.append("## Audio frontend (instructions per 20 ms frame)\n")
        out.append(f"`tinyml-features` on `{AUDIO_WAV}` (1 s, {AUDIO_FRAMES} frames), divided by {AUDIO_FRAMES}. Host: callgrind")
        out.append("inside `tml_audio_frame` (stages by the function's source file; C library calls in the total only).")
        out.append("Cortex-M4F and rv32imc: instructions executed in the code of each source file of")
        out.append("`native-interop/src/audio/`, counted by the QEMU plugin (C library and libgcc helpers not included).\n")
        out.append("| stage (source file) | host | Cortex-M4F | rv32imc |")
        out.append("|---|---|---|---|")
        files = set(audio["host"][1]) | set(audio["cortex-m4"][1]) | set(audio["rv32imc"][1])
        order = [f for f in AUDIO_STAGES if f in files] + sorted(files - set(AUDIO_STAGES))
        cell = lambda v: fmt(v / AUDIO_FRAMES) if v else "–"
        for f in order:
            out.append(f"| {f}.c | {cell(audio['host'][1].get(f, 0))} | {cell(audio['cortex-m4'][1].get(f, 0))} | "
                       f"{cell(audio['rv32imc'][1].get(f, 0))} |")
        out.append(f"| **total** | {cell(audio['host'][0])} | {cell(audio['cortex-m4'][0])} | {cell(audio['rv32imc'][0])} |")
        out.append(f"| TFLite Micro's audio preprocessor | ≈ {fmt(AUDIO_TFLM)} | – | – |")
        out.append("")
        host_frame = audio["host"][0] / AUDIO_FRAMES
        out.append("| target (host, per frame) | measured | met |")
        out.append("|---|---|---|")
        out.append(f"| ≤ {fmt(AUDIO_HOST_TARGET)} | {fmt(host_frame)} | {'yes' if host_frame <= AUDIO_HOST_TARGET else 'no'} |")
        out.append("")
    out.append("## Code size at -Os (bytes)\n")
    out.append("The engine = model reader, planner, interpreter and every kernel (`src/*.c`, `src/kernels/*.c`);")
    out.append("the signal front ends (`src/audio`, `src/vibration`, `src/anomaly`) are listed apart.\n")
    out.append("| part | Cortex-M4F .text | .rodata | rv32imc .text | .rodata |")
    out.append("|---|---|---|---|---|")
    parts = sorted(set(sizes["cortex-m4"]) | set(sizes["rv32imc"]))
    engine = [p for p in parts if "/" not in p or p.startswith("kernels/")]
    for label, group in (("**engine total**", engine),) + tuple((p, [p]) for p in parts):
        vals = []
        for t in TARGETS:
            vals += [sum(sizes[t].get(p, (0, 0))[0] for p in group), sum(sizes[t].get(p, (0, 0))[1] for p in group)]
        out.append(f"| {label} | {vals[0]:,} | {vals[1]:,} | {vals[2]:,} | {vals[3]:,} |")
    out.append("")
    with open(args.out, "w") as f:
        f.write("\n".join(out))
    print(f"wrote {os.path.relpath(args.out, ROOT)}")


if __name__ == "__main__":
    main()
