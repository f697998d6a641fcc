// Compile-only stand-in (see README.md) for nf-interpreter's nanoPackStruct.h: the packing attribute of generated enums.
#ifndef NANOPACKSTRUCT_H
#define NANOPACKSTRUCT_H

#define __nfpack __attribute__((packed))

#endif
