// Sha256 natives: the hash state is the managed byte array itself (tml_sha256, fixed-width fields), copied into an
// aligned local for the call and back, so nothing native outlives the call and no handle is needed.
#include "TinyMl.h"
#include "TinyMl_TinyMl_Sha256.h"

#include <string.h>

#include "tinyml/crypto.h"
#include "tinyml_crypto_glue.h"

using namespace TinyMl::TinyMl;
using namespace tinyml_glue;

void Sha256::NativeInit(CLR_RT_TypedArray_UINT8 state, HRESULT &hr) {
  if (state.GetSize() != sizeof(tml_sha256)) {
    hr = CLR_E_INVALID_PARAMETER;
    return;
  }
  tml_sha256 sha;
  tml_sha256_init(&sha);
  memcpy(state.GetBuffer(), &sha, sizeof sha);
}

signed int Sha256::NativeUpdate(CLR_RT_TypedArray_UINT8 state, CLR_RT_TypedArray_UINT8 data, signed int offset,
                                signed int count, HRESULT &hr) {
  if (state.GetSize() != sizeof(tml_sha256) || !ByteRange(data, offset, count)) {
    hr = CLR_E_INVALID_PARAMETER;
    return 0;
  }
  tml_sha256 sha;
  memcpy(&sha, state.GetBuffer(), sizeof sha);
  tml_status st = tml_sha256_update(&sha, data.GetBuffer() + offset, (size_t)count);
  if (st == TML_OK) memcpy(state.GetBuffer(), &sha, sizeof sha);
  return st;
}

signed int Sha256::NativeFinal(CLR_RT_TypedArray_UINT8 state, CLR_RT_TypedArray_UINT8 digest, HRESULT &hr) {
  if (state.GetSize() != sizeof(tml_sha256) || digest.GetSize() != TML_SHA256_DIGEST_BYTES) {
    hr = CLR_E_INVALID_PARAMETER;
    return 0;
  }
  tml_sha256 sha;
  memcpy(&sha, state.GetBuffer(), sizeof sha);
  tml_status st = tml_sha256_final(&sha, digest.GetBuffer());
  memcpy(state.GetBuffer(), &sha, sizeof sha);
  return st;
}
