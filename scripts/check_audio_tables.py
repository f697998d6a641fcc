#!/usr/bin/env python3
"""Recomputes the audio frontend's constant tables (native-interop/src/audio/tables.c) from their formulas and
checks them. The C file is the source of truth (the tables are written out there because some derivations
depend on the C library's float rounding); this script shows where every number comes from.
Plain python3, no packages. Usage: scripts/check_audio_tables.py [tables.c]"""
import math
import os
import re
import struct
import sys


def f32(x):
    """Rounds a double to the nearest float32, as every float operation of the reference does."""
    return struct.unpack("f", struct.pack("f", x))[0]


def read_tables(path):
    text = open(path).read()
    tables = {}
    for name, body in re.findall(r"const \w+ (tml_audio_\w+)\[[^\]]*\] = \{(.*?)\};", text, re.S):
        body = re.sub(r"/\*.*?\*/", "", body, flags=re.S)
        tables[name] = [int(v) for v in re.findall(r"-?\d+", body)]
    return tables


def hann():
    # window_op.hann_window_weights(480, 12): offset (i + 0.5) Hann, numpy round (half to even)
    return [int(round((0.5 - 0.5 * math.cos(math.pi * 2 / 480 * (i + 0.5))) * 4096)) for i in range(480)]


def twiddle(phase):
    # kissfft 1.3.0 fixed point: floor(0.5 + 32767 * cos/sin) in double
    return [math.floor(0.5 + 32767 * math.cos(phase)), math.floor(0.5 + 32767 * math.sin(phase))]


def fft_twiddles():
    return [v for i in range(256) for v in twiddle(((-2 * math.pi) * i) / 256)]


def split_twiddles():
    return [v for i in range(128) for v in twiddle(-math.pi * ((i + 1) / 256 + 0.5))]


def mel(freq):
    # 1127 * log1pf(f / 700) in float32. glibc's log1pf is not correctly rounded at 7500 Hz (the upper edge):
    # it returns 0x1.3afbccp+1, which makes mel(7500) equal the last band centre and keeps bin 240 in band 40.
    ratio = f32(f32(freq) / f32(700.0))
    log = float.fromhex("0x1.3afbccp+1") if freq == 7500.0 else f32(math.log1p(ratio))
    return f32(f32(1127.0) * log)


def filter_bank():
    # filter_bank_ops._init_filter_bank_weights: 40 channels, 125..7500 Hz, 512-point FFT at 16 kHz, float32
    lo, hi = mel(125.0), mel(7500.0)
    spacing = f32(f32(hi - lo) / 41)
    centres = [f32(lo + f32(spacing * (k + 1))) for k in range(41)]
    widths, weights, fft_bin = [], [], 5
    for k in range(41):
        start = fft_bin
        while fft_bin < 257 and mel(fft_bin * 31.25) <= centres[k]:
            den = f32(centres[k] - (lo if k == 0 else centres[k - 1]))
            w = f32(f32(centres[k] - mel(fft_bin * 31.25)) / den)
            weights += [int(f32(w * 4096)), int(f32(f32(1 - w) * 4096))]  # truncated, not rounded
            fft_bin += 1
        widths.append(fft_bin - start)
    assert fft_bin == 241, fft_bin
    return widths, weights


def pcan_lut():
    # wide_dynamic_func_lut(strength 0.95, offset 80, input bits 7, gain bits 21), C float
    def gain(x):
        g = f32(2.0 ** 21 * f32(f32(f32(f32(float(x)) / 128.0) + 80.0) ** -0.95))
        return 32767 if g > 32767 else int(f32(g + 0.5))

    lut = [gain(0), gain(1)]
    for v in range(2, 33):
        x0 = 2 ** (v - 1)
        x1, x2 = x0 + x0 // 2, (x0 + (x0 - 1)) if v == 32 else 2 * x0
        y0, y1, y2 = gain(x0), gain(x1), gain(x2)
        a1 = 4 * (y1 - y0) - (y2 - y0)
        lut += [y0, a1, (y2 - y0) - a1, 0]
    return lut[:125]


def log_lut():
    return [round(65536 * (math.log2(1 + i / 128) - i / 128)) for i in range(129)] + [0]


def main():
    default = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "native-interop", "src", "audio", "tables.c")
    tables = read_tables(sys.argv[1] if len(sys.argv) > 1 else default)
    widths, weights = filter_bank()
    expected = {
        "tml_audio_hann": hann(),
        "tml_audio_fft_twiddles": fft_twiddles(),
        "tml_audio_split_twiddles": split_twiddles(),
        "tml_audio_band_widths": widths,
        "tml_audio_bin_weights": weights,
        "tml_audio_pcan_lut": pcan_lut(),
        "tml_audio_log_lut": log_lut(),
    }
    failed = False
    for name, values in expected.items():
        ok = tables.get(name) == values
        failed |= not ok
        print(f"{name:28} {len(values):4} values  {'ok' if ok else 'DIFFERS'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
