// SHA-256 against FIPS 180-4's examples (and the NIST long-message vector), HMAC-SHA-256 against RFC 4231's seven
// test cases, CRC-32 against its check value; streaming in any split gives the one-shot result.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "tinyml/crypto.h"

namespace {

std::vector<uint8_t> Bytes(const std::string &text) { return std::vector<uint8_t>(text.begin(), text.end()); }

std::string Hex(const uint8_t *p, size_t n) {
  static const char digits[] = "0123456789abcdef";
  std::string s;
  for (size_t i = 0; i < n; i++) {
    s += digits[p[i] >> 4];
    s += digits[p[i] & 15];
  }
  return s;
}

std::string Sha256(const std::vector<uint8_t> &m) {
  tml_sha256 sha;
  uint8_t digest[TML_SHA256_DIGEST_BYTES];
  EXPECT_EQ(tml_sha256_init(&sha), TML_OK);
  EXPECT_EQ(tml_sha256_update(&sha, m.data(), m.size()), TML_OK);
  EXPECT_EQ(tml_sha256_final(&sha, digest), TML_OK);
  return Hex(digest, sizeof digest);
}

std::string Hmac(const std::vector<uint8_t> &key, const std::vector<uint8_t> &m) {
  tml_hmac_sha256 hmac;
  uint8_t tag[TML_HMAC_SHA256_TAG_BYTES];
  EXPECT_EQ(tml_hmac_sha256_init(&hmac, key.data(), key.size()), TML_OK);
  EXPECT_EQ(tml_hmac_sha256_update(&hmac, m.data(), m.size()), TML_OK);
  EXPECT_EQ(tml_hmac_sha256_final(&hmac, tag), TML_OK);
  return Hex(tag, sizeof tag);
}

uint32_t Crc32(const std::vector<uint8_t> &m) {
  tml_crc32 crc;
  uint32_t value = 0;
  EXPECT_EQ(tml_crc32_init(&crc), TML_OK);
  EXPECT_EQ(tml_crc32_update(&crc, m.data(), m.size()), TML_OK);
  EXPECT_EQ(tml_crc32_final(&crc, &value), TML_OK);
  return value;
}

TEST(Sha256, FipsOneBlockMessage) {
  EXPECT_EQ(Sha256(Bytes("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Sha256, FipsTwoBlockMessage) {
  EXPECT_EQ(Sha256(Bytes("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Sha256, EmptyMessage) {
  EXPECT_EQ(Sha256({}), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Sha256, FourBlock896BitMessage) {
  EXPECT_EQ(Sha256(Bytes("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrs"
                         "mnopqrstnopqrstu")),
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

TEST(Sha256, OneMillionTimesA) {
  EXPECT_EQ(Sha256(std::vector<uint8_t>(1000000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

// Lengths around the padding boundary (55, 56, 63, 64, 65 bytes) in every split give the one-shot digest.
TEST(Sha256, AnySplitGivesTheOneShotDigest) {
  for (size_t length : {0u, 1u, 55u, 56u, 57u, 63u, 64u, 65u, 119u, 120u, 128u, 300u}) {
    std::vector<uint8_t> m(length);
    for (size_t i = 0; i < length; i++) m[i] = (uint8_t)(i * 131 + 7);
    std::string whole = Sha256(m);
    for (size_t split = 0; split <= length; split += length / 7 + 1) {
      tml_sha256 sha;
      uint8_t digest[32];
      tml_sha256_init(&sha);
      tml_sha256_update(&sha, m.data(), split);
      for (size_t i = split; i < length; i++) tml_sha256_update(&sha, &m[i], 1); // the rest byte by byte
      tml_sha256_final(&sha, digest);
      EXPECT_EQ(Hex(digest, 32), whole) << "length " << length << " split " << split;
    }
  }
}

TEST(Sha256, TheStateIsSpentAfterFinalAndCorruptStatesAreRefused) {
  tml_sha256 sha;
  uint8_t digest[32];
  tml_sha256_init(&sha);
  ASSERT_EQ(tml_sha256_final(&sha, digest), TML_OK);
  EXPECT_EQ(tml_sha256_update(&sha, "x", 1), TML_ERROR_ARGUMENT);
  EXPECT_EQ(tml_sha256_final(&sha, digest), TML_ERROR_ARGUMENT);
  tml_sha256_init(&sha);
  sha.buffered = 200;  // what a damaged state kept by a binding would look like
  EXPECT_EQ(tml_sha256_update(&sha, "x", 1), TML_ERROR_ARGUMENT);
}

TEST(Sha256, NullArgumentsAreRefused) {
  tml_sha256 sha;
  uint8_t digest[32];
  EXPECT_EQ(tml_sha256_init(nullptr), TML_ERROR_ARGUMENT);
  tml_sha256_init(&sha);
  EXPECT_EQ(tml_sha256_update(&sha, nullptr, 1), TML_ERROR_ARGUMENT);
  EXPECT_EQ(tml_sha256_update(&sha, nullptr, 0), TML_OK);
  EXPECT_EQ(tml_sha256_final(&sha, nullptr), TML_ERROR_ARGUMENT);
  EXPECT_EQ(tml_sha256_final(nullptr, digest), TML_ERROR_ARGUMENT);
}

TEST(Sha256, StateLayoutIsFixedWidth) {
  EXPECT_EQ(sizeof(tml_sha256), 108u);
  EXPECT_EQ(sizeof(tml_hmac_sha256), 216u);
  EXPECT_EQ(sizeof(tml_crc32), 4u);
}

// RFC 4231, section 4: test cases 1 to 7 (case 5 compares the first 128 bits, as the RFC does).
TEST(HmacSha256, Rfc4231Case1) {
  EXPECT_EQ(Hmac(std::vector<uint8_t>(20, 0x0b), Bytes("Hi There")),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
}

TEST(HmacSha256, Rfc4231Case2KeyShorterThanTheOutput) {
  EXPECT_EQ(Hmac(Bytes("Jefe"), Bytes("what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(HmacSha256, Rfc4231Case3) {
  EXPECT_EQ(Hmac(std::vector<uint8_t>(20, 0xaa), std::vector<uint8_t>(50, 0xdd)),
            "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe");
}

TEST(HmacSha256, Rfc4231Case4) {
  std::vector<uint8_t> key;
  for (int i = 1; i <= 25; i++) key.push_back((uint8_t)i);
  EXPECT_EQ(Hmac(key, std::vector<uint8_t>(50, 0xcd)),
            "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b");
}

TEST(HmacSha256, Rfc4231Case5Truncated) {
  EXPECT_EQ(Hmac(std::vector<uint8_t>(20, 0x0c), Bytes("Test With Truncation")).substr(0, 32),
            "a3b6167473100ee06e0c796c2955552b");
}

TEST(HmacSha256, Rfc4231Case6KeyLongerThanABlock) {
  EXPECT_EQ(Hmac(std::vector<uint8_t>(131, 0xaa), Bytes("Test Using Larger Than Block-Size Key - Hash Key First")),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

TEST(HmacSha256, Rfc4231Case7KeyAndDataLongerThanABlock) {
  EXPECT_EQ(Hmac(std::vector<uint8_t>(131, 0xaa),
                 Bytes("This is a test using a larger than block-size key and a larger than block-size data. The key "
                       "needs to be hashed before being used by the HMAC algorithm.")),
            "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2");
}

TEST(HmacSha256, StreamingGivesTheOneShotTag) {
  std::vector<uint8_t> key(32, 0x42);
  std::vector<uint8_t> m(1000);
  for (size_t i = 0; i < m.size(); i++) m[i] = (uint8_t)(i ^ (i >> 3));
  tml_hmac_sha256 hmac;
  uint8_t tag[32];
  tml_hmac_sha256_init(&hmac, key.data(), key.size());
  for (size_t i = 0; i < m.size(); i += 37) tml_hmac_sha256_update(&hmac, &m[i], std::min<size_t>(37, m.size() - i));
  tml_hmac_sha256_final(&hmac, tag);
  EXPECT_EQ(Hex(tag, 32), Hmac(key, m));
}

TEST(HmacSha256, TheStateHoldsNoCopyOfTheKey) {
  std::vector<uint8_t> key(32);
  for (size_t i = 0; i < key.size(); i++) key[i] = (uint8_t)(0xA0 + i);
  tml_hmac_sha256 hmac;
  tml_hmac_sha256_init(&hmac, key.data(), key.size());
  const uint8_t *state = reinterpret_cast<const uint8_t *>(&hmac);
  for (size_t at = 0; at + 4 <= sizeof hmac; at++) {
    EXPECT_NE(std::memcmp(state + at, key.data(), 4), 0) << "key bytes at " << at;
  }
}

TEST(Crc32, CheckValue) { EXPECT_EQ(Crc32(Bytes("123456789")), 0xCBF43926u); }

TEST(Crc32, EmptyInputIsZero) { EXPECT_EQ(Crc32({}), 0u); }

TEST(Crc32, StreamingGivesTheOneShotValue) {
  std::vector<uint8_t> m = Bytes("The quick brown fox jumps over the lazy dog");
  EXPECT_EQ(Crc32(m), 0x414FA339u);
  tml_crc32 crc;
  uint32_t value;
  tml_crc32_init(&crc);
  tml_crc32_update(&crc, m.data(), 10);
  tml_crc32_update(&crc, m.data() + 10, m.size() - 10);
  tml_crc32_final(&crc, &value);
  EXPECT_EQ(value, 0x414FA339u);
}

TEST(CryptoEqual, ComparesEveryByte) {
  uint8_t a[32] = {0}, b[32] = {0};
  EXPECT_EQ(tml_crypto_equal(a, b, 32), 1);
  b[31] = 1;
  EXPECT_EQ(tml_crypto_equal(a, b, 32), 0);
  EXPECT_EQ(tml_crypto_equal(a, b, 31), 1);
}

}  // namespace
