// Compile-only stand-in (see README.md) for nf-interpreter 1.x src/HAL/Include/nanoHAL.h: soft reboot handlers.
#ifndef NANOHAL_H
#define NANOHAL_H

typedef void (*ON_SOFT_REBOOT_HANDLER)(void);

// Registers a function nanoCLR calls on soft reboot; up to 16, each at most once.
void HAL_AddSoftRebootHandler(ON_SOFT_REBOOT_HANDLER handler);

#endif
