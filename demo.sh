#!/usr/bin/env bash
# The main job: the device firmware — its core and device adapters, unchanged — runs on a simulated ESP32 board
# (build/bin/tinyml-sim): an LSM6DS3 on I2C feeling a machine whose bearing starts to fail half-way, an I2S microphone
# hearing twelve spoken keywords in noise, a BLE client recording every notification, three injected faults; the
# native engine does the arithmetic. Prints what the device sends over BLE, as a timeline, and a summary. The
# recordings are firmware/Simulator/samples (scripts/make-demo-samples.sh makes them); arguments go to tinyml-sim
# (e.g. --audio FILE.wav --vibration FILE.csv, --config nf.config, --model KWS.tflite, --fault KIND@SECONDS).
set -euo pipefail
cd "$(dirname "$0")"
./build.sh >/dev/null
if [ $# -gt 0 ]; then
  exec build/bin/tinyml-sim "$@"
fi
exec build/bin/tinyml-sim --fault imu-unplug@42:3 --fault fifo-overflow@50 --fault ble-disconnect@85:2
