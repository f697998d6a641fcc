#!/usr/bin/env bash
# The main job, until the firmware simulator lands: the device's native pipeline recognizes spoken words in real
# recordings. Four one-second clips from ../shared/conformance/audio go through our audio frontend
# (tinyml-features: 49 frames of 40 int8 log-mel features) and TFLite Micro's micro_speech keyword model on our
# engine (tinyml-run); prints the operators, the exact arena and each clip's scores and label.
set -euo pipefail
cd "$(dirname "$0")"
./build.sh >/dev/null
shared=${TML_SHARED_DIR:-$(cd .. && pwd)/shared}
conf="$shared/conformance"
if [ ! -d "$conf" ]; then
  echo "demo: ../shared/conformance not found beside the repository (set TML_SHARED_DIR)" >&2
  exit 1
fi
model="$conf/models/micro_speech_quantized.tflite"
labels=(silence unknown yes no)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "model: micro_speech_quantized.tflite"
build/bin/tinyml-run "$model" zeros "$tmp/out.bin" --ops | sed 's/^/  /'
echo
printf "%-20s %-8s %s\n" "clip" "label" "scores (int8: silence unknown yes no)"
for clip in yes_1000ms no_1000ms silence_1000ms noise_1000ms; do
  build/bin/tinyml-features "$conf/audio/$clip.wav" "$tmp/features.bin" >/dev/null
  build/bin/tinyml-run "$model" "$tmp/features.bin" "$tmp/out.bin" >/dev/null
  read -r -a scores <<<"$(od -An -v -t d1 "$tmp/out.bin")"
  best=0
  for i in 1 2 3; do [ "${scores[$i]}" -gt "${scores[$best]}" ] && best=$i; done
  printf "%-20s %-8s %s\n" "$clip.wav" "${labels[$best]}" "${scores[*]}"
done
