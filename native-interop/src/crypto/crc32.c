/* CRC-32 of IEEE 802.3 (the one of zlib, PNG and Ethernet): reflected polynomial 0xEDB88320, register preset to
   0xFFFFFFFF, result inverted. Four bits per step from a 16-entry table (64 bytes of flash, no global state). */
#include "tinyml/crypto.h"

/* kNibble[n] is the register after shifting the four bits n through the reflected polynomial. */
static const uint32_t kNibble[16] = {
    0x00000000u, 0x1db71064u, 0x3b6e20c8u, 0x26d930acu, 0x76dc4190u, 0x6b6b51f4u, 0x4db26158u, 0x5005713cu,
    0xedb88320u, 0xf00f9344u, 0xd6d6a3e8u, 0xcb61b38cu, 0x9b64c2b0u, 0x86d3d2d4u, 0xa00ae278u, 0xbdbdf21cu,
};

tml_status tml_crc32_init(tml_crc32 *crc) {
  if (!crc) return TML_ERROR_ARGUMENT;
  crc->state = 0xFFFFFFFFu;
  return TML_OK;
}

tml_status tml_crc32_update(tml_crc32 *crc, const void *data, size_t size) {
  if (!crc || (!data && size > 0)) return TML_ERROR_ARGUMENT;
  const uint8_t *p = (const uint8_t *)data;
  uint32_t r = crc->state;
  for (size_t i = 0; i < size; i++) {
    r ^= p[i];
    r = (r >> 4) ^ kNibble[r & 15u];
    r = (r >> 4) ^ kNibble[r & 15u];
  }
  crc->state = r;
  return TML_OK;
}

tml_status tml_crc32_final(const tml_crc32 *crc, uint32_t *value) {
  if (!crc || !value) return TML_ERROR_ARGUMENT;
  *value = ~crc->state;
  return TML_OK;
}
