// HmacSha256 natives: the state (tml_hmac_sha256: two hash states the key was absorbed into) is the managed byte array,
// copied into native memory for the call and back. The key is read during NativeInit only and never kept.
#include "TinyMl.h"
#include "TinyMl_TinyMl_HmacSha256.h"

#include <string.h>

#include "tinyml/crypto.h"
#include "tinyml_crypto_glue.h"

using namespace TinyMl::TinyMl;
using namespace tinyml_glue;

namespace {

// 216 bytes: on the native heap rather than the small nanoCLR stack.
tml_hmac_sha256 *Load(CLR_RT_TypedArray_UINT8 &state, HRESULT &hr) {
  if (state.GetSize() != sizeof(tml_hmac_sha256)) {
    hr = CLR_E_INVALID_PARAMETER;
    return nullptr;
  }
  tml_hmac_sha256 *hmac = static_cast<tml_hmac_sha256 *>(Allocate(sizeof(tml_hmac_sha256), hr));
  if (hmac) memcpy(hmac, state.GetBuffer(), sizeof *hmac);
  return hmac;
}

void StoreAndFree(tml_hmac_sha256 *hmac, CLR_RT_TypedArray_UINT8 &state, bool store) {
  if (store) memcpy(state.GetBuffer(), hmac, sizeof *hmac);
  memset(hmac, 0, sizeof *hmac);
  Free(hmac);
}

} // namespace

void HmacSha256::NativeInit(CLR_RT_TypedArray_UINT8 state, CLR_RT_TypedArray_UINT8 key, HRESULT &hr) {
  tml_hmac_sha256 *hmac = Load(state, hr);
  if (!hmac) return;
  tml_hmac_sha256_init(hmac, key.GetBuffer(), key.GetSize());
  StoreAndFree(hmac, state, true);
}

signed int HmacSha256::NativeUpdate(CLR_RT_TypedArray_UINT8 state, CLR_RT_TypedArray_UINT8 data, signed int offset,
                                    signed int count, HRESULT &hr) {
  if (!ByteRange(data, offset, count)) {
    hr = CLR_E_INVALID_PARAMETER;
    return 0;
  }
  tml_hmac_sha256 *hmac = Load(state, hr);
  if (!hmac) return 0;
  tml_status st = tml_hmac_sha256_update(hmac, data.GetBuffer() + offset, (size_t)count);
  StoreAndFree(hmac, state, st == TML_OK);
  return st;
}

signed int HmacSha256::NativeFinal(CLR_RT_TypedArray_UINT8 state, CLR_RT_TypedArray_UINT8 tag, HRESULT &hr) {
  if (tag.GetSize() != TML_HMAC_SHA256_TAG_BYTES) {
    hr = CLR_E_INVALID_PARAMETER;
    return 0;
  }
  tml_hmac_sha256 *hmac = Load(state, hr);
  if (!hmac) return 0;
  tml_status st = tml_hmac_sha256_final(hmac, tag.GetBuffer());
  StoreAndFree(hmac, state, true);
  return st;
}
