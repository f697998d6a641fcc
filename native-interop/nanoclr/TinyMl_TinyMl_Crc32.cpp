// Crc32 natives: zlib's convention at the managed surface (continue from a finished value; start from 0), the
// engine's register inside.
#include "TinyMl.h"
#include "TinyMl_TinyMl_Crc32.h"

#include "tinyml/crypto.h"
#include "tinyml_crypto_glue.h"

using namespace TinyMl::TinyMl;
using namespace tinyml_glue;

signed int Crc32::NativeUpdate(signed int crc, CLR_RT_TypedArray_UINT8 data, signed int offset, signed int count,
                               HRESULT &hr) {
  if (!ByteRange(data, offset, count)) {
    hr = CLR_E_INVALID_PARAMETER;
    return 0;
  }
  tml_crc32 state;
  state.state = ~(uint32_t)crc;
  tml_crc32_update(&state, data.GetBuffer() + offset, (size_t)count);
  uint32_t value = 0;
  tml_crc32_final(&state, &value);
  return (signed int)value;
}
