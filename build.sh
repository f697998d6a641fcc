#!/usr/bin/env bash
# Builds everything that builds on Linux into build/: the native engine, its host library (build/lib/libtinyml.so),
# the native tools (build/bin/tinyml-run, tinyml-features) and tests, and the C# projects of
# TinyMlDevice.Linux.slnf, with the toolkit's command line at build/bin/tinyml and the firmware simulator's at
# build/bin/tinyml-sim.
# Installs missing Debian packages when run as root.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/packages.sh

need_packages cmake ninja-build g++ libgtest-dev

echo "== native (cmake, build/)"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build

echo "== .NET (TinyMlDevice.Linux.slnf)"
dotnet build TinyMlDevice.Linux.slnf -c Release -nologo -v quiet
# build/bin/tinyml: the toolkit's command line, beside the native tools
cat > build/bin/tinyml <<'EOF2'
#!/usr/bin/env bash
exec dotnet "$(cd "$(dirname "$0")" && pwd)/../dotnet/bin/TinyMl.Toolkit/release/tinyml.dll" "$@"
EOF2
chmod +x build/bin/tinyml
# build/bin/tinyml-sim: the firmware on a simulated board (firmware/Simulator)
cat > build/bin/tinyml-sim <<'EOF2'
#!/usr/bin/env bash
exec dotnet "$(cd "$(dirname "$0")" && pwd)/../dotnet/bin/Simulator/release/tinyml-sim.dll" "$@"
EOF2
chmod +x build/bin/tinyml-sim
