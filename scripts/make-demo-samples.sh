#!/usr/bin/env bash
# Makes the simulator demo's recordings in firmware/Simulator/samples (committed; run this to make them again):
#   keywords.wav            16 kHz mono: 2 s of background noise, then each word of WORDS below (a 1 s clip of
#                           `tinyml data kws`: synthesized speech, perturbed, with noise) followed by 2 s of background
#                           noise (two `_silence_` clips of the same corpus: white, pink, brown, hum or babble noise)
#   keywords.keywords.csv   start_s,word: where each word starts in keywords.wav (clip start + the corpus's offset_ms)
#   vibration.csv.gz        `tinyml data vibration`'s developing-fault run of a machine with an outer-race bearing fault:
#                           LSM6DS3 at 3332 Hz, ±16 g, 2 minutes, healthy until 60 s, the fault growing to full severity
#                           by 72 s; only the z column (radial vertical, the bearing's load direction) is kept, to keep the
#                           file small (the demo's nf.config streams z alone: [imu] axes = 1)
# Everything comes from fixed seeds with --no-shared, so the same TTS engines give the same files (TOOLKIT.md).
# Clips are chosen by their metadata alone (the first clip of each word whose noise is at 15 dB SNR or quieter and that
# has no reverberation), never by what a model makes of them.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/packages.sh
need_packages sox espeak-ng flite festival festvox-kallpc16k festvox-kdlpc16k festvox-us-slt-hts

WORDS=(yes no up down left right on off stop go yes no)
out=firmware/Simulator/samples
[ -x build/bin/tinyml ] || ./build.sh >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "== keyword clips (tinyml data kws)"
build/bin/tinyml data kws --out "$tmp/kws" --seed 11 --per-word 8 --unknown 0 --silence 40 --digits 0 --no-shared >/dev/null

# metadata.csv columns by name: the clips to use, in WORDS order
python3 - "$tmp/kws" "${WORDS[@]}" >"$tmp/plan.txt" <<'PY'
import csv, sys
root, words = sys.argv[1], sys.argv[2:]
rows = list(csv.DictReader(open(f"{root}/metadata.csv")))
def clean(r):
    quiet = r["noise"] == "none" or (r["snr_db"] and float(r["snr_db"]) >= 15)
    return quiet and float(r["reverb_rt60_s"] or 0) == 0
used = set()
noise = [r for r in rows if r["label"] == "_silence_"]
print("noise", f"{root}/{noise[0]['path']}", f"{root}/{noise[1]['path']}", 0)
n = 2
for i, w in enumerate(words):
    pick = next((r for r in rows if r["label"] == w and r["path"] not in used and clean(r)), None) \
        or next(r for r in rows if r["label"] == w and r["path"] not in used)
    used.add(pick["path"])
    print("word", f"{root}/{pick['path']}", w, int(pick["offset_ms"]))
    print("noise", f"{root}/{noise[n % len(noise)]['path']}", f"{root}/{noise[(n + 1) % len(noise)]['path']}", 0)
    n += 2
PY

files=()
echo "start_s,word" >"$tmp/keywords.keywords.csv"
t=0
while read -r kind a b c; do
  if [ "$kind" = word ]; then
    files+=("$a")
    echo "$(python3 -c "print(f'{$t + $c / 1000:.3f}')"),$b" >>"$tmp/keywords.keywords.csv"
    t=$((t + 1))
  else
    files+=("$a" "$b")
    t=$((t + 2))
  fi
done <"$tmp/plan.txt"
sox "${files[@]}" -b 16 -r 16000 -c 1 "$tmp/keywords.wav"

echo "== vibration run (tinyml data vibration)"
build/bin/tinyml data vibration --out "$tmp/vib" --seed 3 --sensor lsm6ds3 --odr-hz 3332 --range-g 16 --minutes 2 \
  --machines 1 --normal-files 1 --faults outer_race --severities 1 --developing-fault outer_race >/dev/null
awk -F, '/^#/ { print; next } { print $3 }' "$tmp/vib/developing_fault/m0_outer_race_onset.csv" | gzip -9n >"$tmp/vibration.csv.gz"

mkdir -p "$out"
cp "$tmp/keywords.wav" "$tmp/keywords.keywords.csv" "$tmp/vibration.csv.gz" "$out/"
ls -l "$out"
