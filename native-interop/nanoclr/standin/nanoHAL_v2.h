// Compile-only stand-in (see README.md) for nf-interpreter 1.x src/HAL/Include/nanoHAL_v2.h: the native heap.
#ifndef NANOHAL_V2_H
#define NANOHAL_V2_H

#include <stddef.h>

extern "C" {
void *platform_malloc(size_t size);
void platform_free(void *ptr);
}

#endif
