// Compile-only stand-in (see README.md) for nf-interpreter's nanoCLR_Runtime.h. Generated stubs include it; the glue
// needs nothing from it but the stack frame, which here is the test's argument list.
#ifndef NANOCLR_RUNTIME_H
#define NANOCLR_RUNTIME_H

#include "standin_frame.h"

#endif
