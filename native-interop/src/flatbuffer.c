#include "flatbuffer.h"

#include <string.h>

float fb_read_f32(const uint8_t *p) {
  uint32_t bits = fb_read_u32(p);
  float f;
  memcpy(&f, &bits, sizeof f);
  return f;
}

/* True when [pos, pos + len) lies inside the buffer (computed without overflow). */
static int fb_in(const fb_buf *b, uint64_t pos, uint64_t len) { return pos <= b->size && len <= b->size - pos; }

fb_result fb_table_at(const fb_buf *b, uint32_t pos, fb_table *t) {
  if (!fb_in(b, pos, 4)) return FB_BAD;
  int64_t vt = (int64_t)pos - (int64_t)fb_read_i32(b->data + pos);
  if (vt < 0 || !fb_in(b, (uint64_t)vt, 4)) return FB_BAD;
  uint16_t vt_size = fb_read_u16(b->data + vt);
  uint16_t inline_size = fb_read_u16(b->data + vt + 2);
  if (vt_size < 4 || (vt_size & 1) || !fb_in(b, (uint64_t)vt, vt_size)) return FB_BAD;
  if (inline_size < 4 || !fb_in(b, pos, inline_size)) return FB_BAD;
  t->pos = pos;
  t->vtable = (uint32_t)vt;
  t->vtable_size = vt_size;
  t->inline_size = inline_size;
  return FB_OK;
}

fb_result fb_root(const fb_buf *b, fb_table *root) {
  if (!fb_in(b, 0, 8)) return FB_BAD;
  return fb_table_at(b, fb_read_u32(b->data), root);
}

/* Position of field id inside the buffer, after checking that width bytes of it sit inside the table. */
static fb_result fb_field(const fb_buf *b, const fb_table *t, int id, uint32_t width, uint32_t *pos) {
  uint32_t slot = 4u + 2u * (uint32_t)id;
  if (id < 0 || slot + 2 > t->vtable_size) return FB_ABSENT;
  uint16_t off = fb_read_u16(b->data + t->vtable + slot);
  if (off == 0) return FB_ABSENT;
  if (off < 4 || (uint32_t)off + width > t->inline_size) return FB_BAD;
  *pos = t->pos + off;
  return FB_OK;
}

#define FB_SCALAR(name, type, width, read)                                         \
  fb_result name(const fb_buf *b, const fb_table *t, int id, type *out) {          \
    uint32_t pos;                                                                  \
    fb_result r = fb_field(b, t, id, width, &pos);                                 \
    if (r == FB_OK) *out = (type)(read);                                           \
    return r;                                                                      \
  }
FB_SCALAR(fb_u8, uint8_t, 1, b->data[pos])
FB_SCALAR(fb_i8, int8_t, 1, (int8_t)b->data[pos])
FB_SCALAR(fb_u32, uint32_t, 4, fb_read_u32(b->data + pos))
FB_SCALAR(fb_i32, int32_t, 4, fb_read_i32(b->data + pos))
FB_SCALAR(fb_u64, uint64_t, 8, fb_read_u64(b->data + pos))
FB_SCALAR(fb_f32, float, 4, fb_read_f32(b->data + pos))
#undef FB_SCALAR

/* Follows the uoffset stored at pos. */
static fb_result fb_follow(const fb_buf *b, uint32_t pos, uint32_t *target) {
  if (!fb_in(b, pos, 4)) return FB_BAD;
  uint64_t to = (uint64_t)pos + fb_read_u32(b->data + pos);
  if (to >= b->size) return FB_BAD;
  *target = (uint32_t)to;
  return FB_OK;
}

fb_result fb_subtable(const fb_buf *b, const fb_table *t, int id, fb_table *out) {
  uint32_t pos, target;
  fb_result r = fb_field(b, t, id, 4, &pos);
  if (r != FB_OK) return r;
  if (fb_follow(b, pos, &target) != FB_OK) return FB_BAD;
  return fb_table_at(b, target, out);
}

static fb_result fb_vec_at(const fb_buf *b, uint32_t v, uint32_t elem_size, uint32_t extra, fb_vector *out) {
  if (!fb_in(b, v, 4)) return FB_BAD;
  uint32_t count = fb_read_u32(b->data + v);
  if (!fb_in(b, (uint64_t)v + 4, (uint64_t)count * elem_size + extra)) return FB_BAD;
  out->pos = v + 4;
  out->count = count;
  return FB_OK;
}

fb_result fb_vec(const fb_buf *b, const fb_table *t, int id, uint32_t elem_size, fb_vector *out) {
  uint32_t pos, target;
  fb_result r = fb_field(b, t, id, 4, &pos);
  if (r != FB_OK) return r;
  if (fb_follow(b, pos, &target) != FB_OK) return FB_BAD;
  return fb_vec_at(b, target, elem_size, 0, out);
}

fb_result fb_string(const fb_buf *b, const fb_table *t, int id, fb_vector *out) {
  uint32_t pos, target;
  fb_result r = fb_field(b, t, id, 4, &pos);
  if (r != FB_OK) return r;
  if (fb_follow(b, pos, &target) != FB_OK) return FB_BAD;
  if (fb_vec_at(b, target, 1, 1, out) != FB_OK) return FB_BAD;
  return b->data[out->pos + out->count] == 0 ? FB_OK : FB_BAD;
}

fb_result fb_vec_table(const fb_buf *b, const fb_vector *v, uint32_t i, fb_table *out) {
  uint32_t target;
  if (i >= v->count) return FB_BAD;
  if (fb_follow(b, v->pos + 4 * i, &target) != FB_OK) return FB_BAD;
  return fb_table_at(b, target, out);
}
