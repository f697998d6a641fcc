// The crypto natives driven as nanoCLR drives them: the state is a managed byte array kept between calls, the
// results are the engine's (RFC 4231 case 2, FIPS "abc", the CRC check value), and broken contracts are HRESULTs.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "TinyMl.h"
#include "tinyml/crypto.h"

namespace {

using Frame = CLR_RT_StackFrame;
using Sha = Library_TinyMl_TinyMl_Sha256;
using Hmac = Library_TinyMl_TinyMl_HmacSha256;
using Crc = Library_TinyMl_TinyMl_Crc32;

std::vector<uint8_t> Bytes(const std::string &s) { return std::vector<uint8_t>(s.begin(), s.end()); }

std::string Hex(const std::vector<uint8_t> &v) {
  static const char d[] = "0123456789abcdef";
  std::string s;
  for (uint8_t b : v) {
    s += d[b >> 4];
    s += d[b & 15];
  }
  return s;
}

TEST(CryptoGlue, Sha256InTwoUpdatesOfOneManagedStateGivesTheFipsDigest) {
  std::vector<uint8_t> state(sizeof(tml_sha256)), data = Bytes("xabcx"), digest(32);
  Frame init;
  init.Array(state);
  ASSERT_EQ(Sha::NativeInit___STATIC__VOID__SZARRAY_U1(init), S_OK);
  for (int offset : {1, 2}) {
    Frame update;
    update.Array(state).Array(data).Int(offset).Int(offset == 1 ? 1 : 2);
    ASSERT_EQ(Sha::NativeUpdate___STATIC__I4__SZARRAY_U1__SZARRAY_U1__I4__I4(update), S_OK);
    EXPECT_EQ((int)update.result, TML_OK);
  }
  Frame final;
  final.Array(state).Array(digest);
  ASSERT_EQ(Sha::NativeFinal___STATIC__I4__SZARRAY_U1__SZARRAY_U1(final), S_OK);
  EXPECT_EQ(Hex(digest), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(CryptoGlue, HmacSha256GivesRfc4231Case2) {
  std::vector<uint8_t> state(sizeof(tml_hmac_sha256)), key = Bytes("Jefe"),
                       data = Bytes("what do ya want for nothing?"), tag(32);
  Frame init;
  init.Array(state).Array(key);
  ASSERT_EQ(Hmac::NativeInit___STATIC__VOID__SZARRAY_U1__SZARRAY_U1(init), S_OK);
  Frame update;
  update.Array(state).Array(data).Int(0).Int((int)data.size());
  ASSERT_EQ(Hmac::NativeUpdate___STATIC__I4__SZARRAY_U1__SZARRAY_U1__I4__I4(update), S_OK);
  Frame final;
  final.Array(state).Array(tag);
  ASSERT_EQ(Hmac::NativeFinal___STATIC__I4__SZARRAY_U1__SZARRAY_U1(final), S_OK);
  EXPECT_EQ(Hex(tag), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(CryptoGlue, Crc32ContinuesFromAFinishedValue) {
  std::vector<uint8_t> data = Bytes("123456789");
  Frame first;
  first.Int(0).Array(data).Int(0).Int(4);
  ASSERT_EQ(Crc::NativeUpdate___STATIC__I4__I4__SZARRAY_U1__I4__I4(first), S_OK);
  Frame rest;
  rest.Int((int32_t)first.result).Array(data).Int(4).Int(5);
  ASSERT_EQ(Crc::NativeUpdate___STATIC__I4__I4__SZARRAY_U1__I4__I4(rest), S_OK);
  EXPECT_EQ((uint32_t)(int32_t)rest.result, 0xCBF43926u);
}

TEST(CryptoGlue, RangesOutsideTheArrayAndStatesOfTheWrongSizeAreRefused) {
  std::vector<uint8_t> state(sizeof(tml_sha256)), small(10), data(8), digest(32);
  Frame outside;
  outside.Array(state).Array(data).Int(4).Int(5);
  EXPECT_EQ(Sha::NativeUpdate___STATIC__I4__SZARRAY_U1__SZARRAY_U1__I4__I4(outside), CLR_E_INVALID_PARAMETER);
  Frame negative;
  negative.Int(0).Array(data).Int(-1).Int(2);
  EXPECT_EQ(Crc::NativeUpdate___STATIC__I4__I4__SZARRAY_U1__I4__I4(negative), CLR_E_INVALID_PARAMETER);
  Frame wrong;
  wrong.Array(small);
  EXPECT_EQ(Sha::NativeInit___STATIC__VOID__SZARRAY_U1(wrong), CLR_E_INVALID_PARAMETER);
  Frame hmac;
  hmac.Array(small).Array(data);
  EXPECT_EQ(Hmac::NativeInit___STATIC__VOID__SZARRAY_U1__SZARRAY_U1(hmac), CLR_E_INVALID_PARAMETER);
}

TEST(CryptoGlue, ADamagedManagedStateGivesAnEngineStatusNotACrash) {
  std::vector<uint8_t> state(sizeof(tml_sha256), 0xFF), data(8);
  Frame update;
  update.Array(state).Array(data).Int(0).Int(8);
  ASSERT_EQ(Sha::NativeUpdate___STATIC__I4__SZARRAY_U1__SZARRAY_U1__I4__I4(update), S_OK);
  EXPECT_EQ((int)update.result, TML_ERROR_ARGUMENT);
}

}  // namespace
