// What the crypto natives share: the check that (offset, count) lies inside a managed byte array.
#ifndef TINYML_CRYPTO_GLUE_H
#define TINYML_CRYPTO_GLUE_H

#include <nanoCLR_Interop.h>

#include "tinyml_glue.h"

namespace tinyml_glue {

inline bool ByteRange(CLR_RT_TypedArray_UINT8 &data, signed int offset, signed int count) {
  return offset >= 0 && count >= 0 && (unsigned int)offset <= data.GetSize() &&
         (unsigned int)count <= data.GetSize() - (unsigned int)offset;
}

} // namespace tinyml_glue

#endif
