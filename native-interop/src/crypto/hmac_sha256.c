/* HMAC as RFC 2104 defines it, over SHA-256 (block B = 64 bytes, output L = 32 bytes):
   HMAC(K, m) = H((K0 ^ opad) || H((K0 ^ ipad) || m)), K0 = K zero-padded to B bytes, or H(K) padded when K is
   longer than B; ipad = 0x36 and opad = 0x5c repeated. */
#include <string.h>

#include "tinyml/crypto.h"

/* memset that the compiler may not drop although the buffer is dead afterwards. */
static void wipe(void *p, size_t n) {
  volatile uint8_t *v = (volatile uint8_t *)p;
  while (n--) *v++ = 0;
}

tml_status tml_hmac_sha256_init(tml_hmac_sha256 *hmac, const void *key, size_t key_size) {
  if (!hmac || (!key && key_size > 0)) return TML_ERROR_ARGUMENT;
  uint8_t k0[TML_SHA256_BLOCK_BYTES];
  uint8_t pad[TML_SHA256_BLOCK_BYTES];
  memset(k0, 0, sizeof k0);
  if (key_size > TML_SHA256_BLOCK_BYTES) {
    tml_sha256_init(&hmac->inner);
    tml_sha256_update(&hmac->inner, key, key_size);
    tml_sha256_final(&hmac->inner, k0);
  } else if (key_size > 0) {
    memcpy(k0, key, key_size);
  }
  for (unsigned i = 0; i < sizeof pad; i++) pad[i] = (uint8_t)(k0[i] ^ 0x36u);
  tml_sha256_init(&hmac->inner);
  tml_sha256_update(&hmac->inner, pad, sizeof pad);
  for (unsigned i = 0; i < sizeof pad; i++) pad[i] = (uint8_t)(k0[i] ^ 0x5cu);
  tml_sha256_init(&hmac->outer);
  tml_sha256_update(&hmac->outer, pad, sizeof pad);
  wipe(k0, sizeof k0);
  wipe(pad, sizeof pad);
  return TML_OK;
}

tml_status tml_hmac_sha256_update(tml_hmac_sha256 *hmac, const void *data, size_t size) {
  if (!hmac) return TML_ERROR_ARGUMENT;
  return tml_sha256_update(&hmac->inner, data, size);
}

tml_status tml_hmac_sha256_final(tml_hmac_sha256 *hmac, uint8_t tag[TML_HMAC_SHA256_TAG_BYTES]) {
  if (!hmac || !tag) return TML_ERROR_ARGUMENT;
  uint8_t inner[TML_SHA256_DIGEST_BYTES];
  tml_status st = tml_sha256_final(&hmac->inner, inner);
  if (st == TML_OK) st = tml_sha256_update(&hmac->outer, inner, sizeof inner);
  if (st == TML_OK) st = tml_sha256_final(&hmac->outer, tag);
  wipe(inner, sizeof inner);
  return st;
}

int tml_crypto_equal(const void *a, const void *b, size_t size) {
  const uint8_t *x = (const uint8_t *)a;
  const uint8_t *y = (const uint8_t *)b;
  uint8_t difference = 0;
  for (size_t i = 0; i < size; i++) difference |= (uint8_t)(x[i] ^ y[i]);
  return difference == 0;
}
