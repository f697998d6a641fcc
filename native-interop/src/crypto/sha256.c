/* SHA-256 as FIPS 180-4 defines it (sections 4.1.2, 4.2.2, 5.1.1, 5.3.3, 6.2), with the message schedule kept as a
   16-word ring rather than 64 words, so one block needs 64 bytes of stack for it. */
#include <string.h>

#include "tinyml/crypto.h"

/* The first 32 bits of the fractional parts of the cube roots of the first 64 primes (FIPS 180-4, 4.2.2). */
static const uint32_t kRound[64] = {
    0x428a2f98u, 0x71374491u, 0xb5c0fbcfu, 0xe9b5dba5u, 0x3956c25bu, 0x59f111f1u, 0x923f82a4u, 0xab1c5ed5u,
    0xd807aa98u, 0x12835b01u, 0x243185beu, 0x550c7dc3u, 0x72be5d74u, 0x80deb1feu, 0x9bdc06a7u, 0xc19bf174u,
    0xe49b69c1u, 0xefbe4786u, 0x0fc19dc6u, 0x240ca1ccu, 0x2de92c6fu, 0x4a7484aau, 0x5cb0a9dcu, 0x76f988dau,
    0x983e5152u, 0xa831c66du, 0xb00327c8u, 0xbf597fc7u, 0xc6e00bf3u, 0xd5a79147u, 0x06ca6351u, 0x14292967u,
    0x27b70a85u, 0x2e1b2138u, 0x4d2c6dfcu, 0x53380d13u, 0x650a7354u, 0x766a0abbu, 0x81c2c92eu, 0x92722c85u,
    0xa2bfe8a1u, 0xa81a664bu, 0xc24b8b70u, 0xc76c51a3u, 0xd192e819u, 0xd6990624u, 0xf40e3585u, 0x106aa070u,
    0x19a4c116u, 0x1e376c08u, 0x2748774cu, 0x34b0bcb5u, 0x391c0cb3u, 0x4ed8aa4au, 0x5b9cca4fu, 0x682e6ff3u,
    0x748f82eeu, 0x78a5636fu, 0x84c87814u, 0x8cc70208u, 0x90befffau, 0xa4506cebu, 0xbef9a3f7u, 0xc67178f2u,
};

/* The first 32 bits of the fractional parts of the square roots of the first 8 primes (FIPS 180-4, 5.3.3). */
static const uint32_t kInitial[8] = {
    0x6a09e667u, 0xbb67ae85u, 0x3c6ef372u, 0xa54ff53au, 0x510e527fu, 0x9b05688cu, 0x1f83d9abu, 0x5be0cd19u,
};

static uint32_t rotr(uint32_t x, unsigned n) { return (x >> n) | (x << (32u - n)); }
static uint32_t big_sigma0(uint32_t x) { return rotr(x, 2) ^ rotr(x, 13) ^ rotr(x, 22); }
static uint32_t big_sigma1(uint32_t x) { return rotr(x, 6) ^ rotr(x, 11) ^ rotr(x, 25); }
static uint32_t small_sigma0(uint32_t x) { return rotr(x, 7) ^ rotr(x, 18) ^ (x >> 3); }
static uint32_t small_sigma1(uint32_t x) { return rotr(x, 17) ^ rotr(x, 19) ^ (x >> 10); }
static uint32_t choose(uint32_t x, uint32_t y, uint32_t z) { return (x & y) ^ (~x & z); }
static uint32_t majority(uint32_t x, uint32_t y, uint32_t z) { return (x & y) ^ (x & z) ^ (y & z); }

static void compress(uint32_t h[8], const uint8_t block[TML_SHA256_BLOCK_BYTES]) {
  uint32_t w[16];
  uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
  for (unsigned t = 0; t < 64; t++) {
    uint32_t word;
    if (t < 16) {
      const uint8_t *p = block + 4u * t;
      word = ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | (uint32_t)p[3];
    } else {
      word = small_sigma1(w[(t - 2) & 15u]) + w[(t - 7) & 15u] + small_sigma0(w[(t - 15) & 15u]) + w[t & 15u];
    }
    w[t & 15u] = word;
    uint32_t t1 = k + big_sigma1(e) + choose(e, f, g) + kRound[t] + word;
    uint32_t t2 = big_sigma0(a) + majority(a, b, c);
    k = g;
    g = f;
    f = e;
    e = d + t1;
    d = c;
    c = b;
    b = a;
    a = t1 + t2;
  }
  h[0] += a;
  h[1] += b;
  h[2] += c;
  h[3] += d;
  h[4] += e;
  h[5] += f;
  h[6] += g;
  h[7] += k;
}

tml_status tml_sha256_init(tml_sha256 *sha) {
  if (!sha) return TML_ERROR_ARGUMENT;
  memset(sha, 0, sizeof *sha);
  memcpy(sha->h, kInitial, sizeof kInitial);
  return TML_OK;
}

tml_status tml_sha256_update(tml_sha256 *sha, const void *data, size_t size) {
  if (!sha || (!data && size > 0) || sha->buffered >= TML_SHA256_BLOCK_BYTES) return TML_ERROR_ARGUMENT;
  const uint8_t *p = (const uint8_t *)data;
  uint32_t before = sha->length_low;
  sha->length_low += (uint32_t)size;
  sha->length_high += (uint32_t)((uint64_t)size >> 32) + (sha->length_low < before ? 1u : 0u);
  while (size > 0) {
    if (sha->buffered == 0 && size >= TML_SHA256_BLOCK_BYTES) {
      compress(sha->h, p); /* whole blocks straight from the caller's bytes */
      p += TML_SHA256_BLOCK_BYTES;
      size -= TML_SHA256_BLOCK_BYTES;
      continue;
    }
    size_t take = TML_SHA256_BLOCK_BYTES - sha->buffered;
    if (take > size) take = size;
    memcpy(sha->block + sha->buffered, p, take);
    sha->buffered += (uint32_t)take;
    p += take;
    size -= take;
    if (sha->buffered == TML_SHA256_BLOCK_BYTES) {
      compress(sha->h, sha->block);
      sha->buffered = 0;
    }
  }
  return TML_OK;
}

tml_status tml_sha256_final(tml_sha256 *sha, uint8_t digest[TML_SHA256_DIGEST_BYTES]) {
  if (!sha || !digest || sha->buffered >= TML_SHA256_BLOCK_BYTES) return TML_ERROR_ARGUMENT;
  /* Padding (5.1.1): a 1 bit, zeros up to 56 bytes mod 64, the message length in bits as a 64-bit big-endian number. */
  uint32_t bits_high = (sha->length_high << 3) | (sha->length_low >> 29);
  uint32_t bits_low = sha->length_low << 3;
  sha->block[sha->buffered++] = 0x80;
  if (sha->buffered > 56) {
    memset(sha->block + sha->buffered, 0, TML_SHA256_BLOCK_BYTES - sha->buffered);
    compress(sha->h, sha->block);
    sha->buffered = 0;
  }
  memset(sha->block + sha->buffered, 0, 56 - sha->buffered);
  for (unsigned i = 0; i < 4; i++) {
    sha->block[56 + i] = (uint8_t)(bits_high >> (24 - 8 * i));
    sha->block[60 + i] = (uint8_t)(bits_low >> (24 - 8 * i));
  }
  compress(sha->h, sha->block);
  for (unsigned i = 0; i < 8; i++) {
    digest[4 * i] = (uint8_t)(sha->h[i] >> 24);
    digest[4 * i + 1] = (uint8_t)(sha->h[i] >> 16);
    digest[4 * i + 2] = (uint8_t)(sha->h[i] >> 8);
    digest[4 * i + 3] = (uint8_t)sha->h[i];
  }
  memset(sha, 0, sizeof *sha); /* spent: the next update without init is refused */
  sha->buffered = TML_SHA256_BLOCK_BYTES;
  return TML_OK;
}
