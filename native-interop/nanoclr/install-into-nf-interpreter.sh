#!/usr/bin/env bash
# Copies the TinyMl interop module into an nf-interpreter checkout so a firmware built with
# NF_INTEROP_ASSEMBLIES="TinyMl" contains it:
#   InteropAssemblies/TinyMl/          generated stubs, implementation files, the shared glue
#   InteropAssemblies/TinyMl/include/  the engine's public headers
#   InteropAssemblies/TinyMl/engine/   the engine's C sources
#   CMake/Modules/FindINTEROP-TinyMl.cmake  the generated module, plus the glue and engine sources it does not list
# usage: native-interop/nanoclr/install-into-nf-interpreter.sh NF_INTERPRETER_DIR
set -euo pipefail
if [ $# -ne 1 ] || [ ! -d "$1/CMake/Modules" ]; then
  echo "usage: $0 NF_INTERPRETER_DIR (an nf-interpreter checkout: it has CMake/Modules)" >&2
  exit 2
fi
here="$(cd "$(dirname "$0")" && pwd)"
nf="$(cd "$1" && pwd)"
module="$nf/InteropAssemblies/TinyMl"

rm -rf "$module"
mkdir -p "$module/engine"
cp "$here"/*.h "$here"/*.cpp "$module/"
cp -r "$here/../include" "$module/include"
cp -r "$here/../src/." "$module/engine/"

cmake_module="$nf/CMake/Modules/FindINTEROP-TinyMl.cmake"
cp "$here/FindINTEROP-TinyMl.cmake" "$cmake_module"
cat >> "$cmake_module" <<'CMAKE'

# Added by TinyMlDevice's native-interop/nanoclr/install-into-nf-interpreter.sh: the glue the implementation files
# share, and the engine (portable C99) they call.
list(APPEND TinyMl_INCLUDE_DIRS ${BASE_PATH_FOR_THIS_MODULE}/include)
file(GLOB_RECURSE TinyMl_ENGINE_SOURCES ${BASE_PATH_FOR_THIS_MODULE}/engine/*.c)
list(APPEND TinyMl_SOURCES ${BASE_PATH_FOR_THIS_MODULE}/tinyml_glue.cpp ${TinyMl_ENGINE_SOURCES})
CMAKE
echo "TinyMl interop module installed in $module; build with NF_INTEROP_ASSEMBLIES=\"TinyMl\" (CMake option or config/user-prefs.json)."
