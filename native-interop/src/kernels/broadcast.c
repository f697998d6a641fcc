#include "broadcast.h"

tml_status tml_broadcast_prepare(tml_prepare *p, const tml_tensor *a, const tml_tensor *b, const tml_tensor *out,
                                 tml_broadcast *bc) {
  const int32_t rank = a->rank > b->rank ? a->rank : b->rank;
  if (out->rank != rank) return tml_fail(p, TML_ERROR_MODEL, "output rank %d, inputs broadcast to rank %d", out->rank, rank);
  int32_t sa = 1, sb = 1;
  for (int32_t d = TML_MAX_DIMS - 1; d >= 0; d--) {
    const int32_t k = d - (TML_MAX_DIMS - rank); /* index into the output's own dims */
    const int32_t da = k >= rank - a->rank && k >= 0 ? a->dims[k - (rank - a->rank)] : 1;
    const int32_t db = k >= rank - b->rank && k >= 0 ? b->dims[k - (rank - b->rank)] : 1;
    const int32_t dout = k >= 0 ? out->dims[k] : 1;
    if ((da != dout && da != 1) || (db != dout && db != 1) || (dout != da && dout != db))
      return tml_fail(p, TML_ERROR_MODEL, "shapes do not broadcast to the output (dimension %d: %d, %d -> %d)", k, da, db, dout);
    bc->dims[d] = dout;
    bc->stride_a[d] = da == 1 && dout != 1 ? 0 : sa;
    bc->stride_b[d] = db == 1 && dout != 1 ? 0 : sb;
    sa *= da;
    sb *= db;
  }
  if (tml_same_shape(a, out) && tml_same_shape(b, out)) { /* no broadcasting: one long row */
    for (int32_t d = 0; d < TML_MAX_DIMS; d++) bc->dims[d] = 1, bc->stride_a[d] = bc->stride_b[d] = 0;
    bc->dims[TML_MAX_DIMS - 1] = (int32_t)out->elements;
    bc->stride_a[TML_MAX_DIMS - 1] = bc->stride_b[TML_MAX_DIMS - 1] = 1;
  }
  return TML_OK;
}

void tml_broadcast_rows(const tml_broadcast *bc, const int8_t *a, const int8_t *b, int8_t *out, tml_row_fn row,
                        const void *params) {
  const int32_t *d = bc->dims, *sa = bc->stride_a, *sb = bc->stride_b;
  const int32_t n = d[5];
  for (int32_t i0 = 0; i0 < d[0]; i0++)
    for (int32_t i1 = 0; i1 < d[1]; i1++)
      for (int32_t i2 = 0; i2 < d[2]; i2++)
        for (int32_t i3 = 0; i3 < d[3]; i3++)
          for (int32_t i4 = 0; i4 < d[4]; i4++) {
            const size_t oa = (size_t)i0 * sa[0] + (size_t)i1 * sa[1] + (size_t)i2 * sa[2] + (size_t)i3 * sa[3] + (size_t)i4 * sa[4];
            const size_t ob = (size_t)i0 * sb[0] + (size_t)i1 * sb[1] + (size_t)i2 * sb[2] + (size_t)i3 * sb[3] + (size_t)i4 * sb[4];
            row(params, a + oa, sa[5], b + ob, sb[5], out, n);
            out += n;
          }
}
