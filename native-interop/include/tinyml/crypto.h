/*
 * TinyMl crypto: what a model update and a signed command need, byte for byte, in native code.
 *
 *   SHA-256        FIPS 180-4                      tml_sha256_init / _update / _final
 *   HMAC-SHA-256   RFC 2104 with SHA-256 (B = 64)  tml_hmac_sha256_init / _update / _final
 *   CRC-32         IEEE 802.3, reflected 0xEDB88320, initial and final XOR 0xFFFFFFFF ("123456789" -> 0xCBF43926)
 *                                                  tml_crc32_init / _update / _final
 *
 * Streaming: update takes any number of bytes, any number of times. The state structs belong to the caller, hold
 * fixed-width fields only (the same bytes on every architecture, so a binding may keep them in a byte array between
 * calls) and point nowhere. Nothing is allocated and nothing global is written. An HMAC state holds the key only as
 * the two hash states it was absorbed into; the key itself is wiped from the stack before init returns.
 */
#ifndef TINYML_CRYPTO_H
#define TINYML_CRYPTO_H

#include <stddef.h>
#include <stdint.h>

#include "tinyml/tinyml.h"

#ifdef __cplusplus
extern "C" {
#endif

#define TML_SHA256_DIGEST_BYTES 32
#define TML_SHA256_BLOCK_BYTES 64
#define TML_HMAC_SHA256_TAG_BYTES 32

typedef struct tml_sha256 {
  uint32_t h[8];          /* chaining value */
  uint32_t length_low;    /* message bytes absorbed so far, low and high words */
  uint32_t length_high;
  uint32_t buffered;      /* bytes waiting in block, 0..63 */
  uint8_t block[TML_SHA256_BLOCK_BYTES];
} tml_sha256;             /* 108 bytes */

typedef struct tml_hmac_sha256 {
  tml_sha256 inner;       /* H((K0 ^ ipad) || message ...) */
  tml_sha256 outer;       /* H((K0 ^ opad) || ...), finished at final */
} tml_hmac_sha256;        /* 216 bytes */

typedef struct tml_crc32 {
  uint32_t state;         /* the running register (not yet inverted) */
} tml_crc32;

/* Every function returns TML_ERROR_ARGUMENT for a NULL state or output, or NULL data with a non-zero size. */
TML_API tml_status tml_sha256_init(tml_sha256 *sha);
TML_API tml_status tml_sha256_update(tml_sha256 *sha, const void *data, size_t size);
/* Writes the 32-byte digest; the state is then spent (init it again to reuse it). */
TML_API tml_status tml_sha256_final(tml_sha256 *sha, uint8_t digest[TML_SHA256_DIGEST_BYTES]);

/* Any key length (a key longer than 64 bytes is hashed first, RFC 2104); key may be NULL when key_size is 0. */
TML_API tml_status tml_hmac_sha256_init(tml_hmac_sha256 *hmac, const void *key, size_t key_size);
TML_API tml_status tml_hmac_sha256_update(tml_hmac_sha256 *hmac, const void *data, size_t size);
TML_API tml_status tml_hmac_sha256_final(tml_hmac_sha256 *hmac, uint8_t tag[TML_HMAC_SHA256_TAG_BYTES]);

TML_API tml_status tml_crc32_init(tml_crc32 *crc);
TML_API tml_status tml_crc32_update(tml_crc32 *crc, const void *data, size_t size);
TML_API tml_status tml_crc32_final(const tml_crc32 *crc, uint32_t *value);

/* 1 when the size bytes at a and b are equal, else 0; the time taken depends on size only (tag comparison). */
TML_API int tml_crypto_equal(const void *a, const void *b, size_t size);

#ifdef __cplusplus
}
#endif

#endif
