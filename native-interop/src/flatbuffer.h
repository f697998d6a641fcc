/* Checked reads of a FlatBuffer held in memory: every position is validated against the buffer before it is
   read, so a malformed file can only produce an error, never an out-of-bounds access. Multi-byte values are
   assembled from bytes (little-endian, any alignment). Written from the FlatBuffers binary format. */
#ifndef TINYML_FLATBUFFER_H
#define TINYML_FLATBUFFER_H

#include <stdint.h>

typedef struct fb_buf {
  const uint8_t *data;
  uint32_t size;
} fb_buf;

/* A table whose vtable has been checked. */
typedef struct fb_table {
  uint32_t pos;         /* the table's position (where its soffset to the vtable sits) */
  uint32_t vtable;      /* the vtable's position */
  uint16_t vtable_size; /* bytes, including the two 16-bit header fields */
  uint16_t inline_size; /* bytes of the table's inline data, including the soffset */
} fb_table;

/* A vector whose elements all lie inside the buffer. */
typedef struct fb_vector {
  uint32_t pos;   /* first element */
  uint32_t count;
} fb_vector;

typedef enum fb_result { FB_OK = 0, FB_ABSENT = 1, FB_BAD = 2 } fb_result;

static inline uint16_t fb_read_u16(const uint8_t *p) { return (uint16_t)(p[0] | (p[1] << 8)); }
static inline uint32_t fb_read_u32(const uint8_t *p) {
  return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}
static inline int32_t fb_read_i32(const uint8_t *p) { return (int32_t)fb_read_u32(p); }
static inline uint64_t fb_read_u64(const uint8_t *p) {
  return (uint64_t)fb_read_u32(p) | ((uint64_t)fb_read_u32(p + 4) << 32);
}
float fb_read_f32(const uint8_t *p);

/* The root table (uoffset at position 0). */
fb_result fb_root(const fb_buf *b, fb_table *root);
/* Checks a table at pos and its vtable. */
fb_result fb_table_at(const fb_buf *b, uint32_t pos, fb_table *t);

/* Scalar fields: FB_ABSENT leaves *out at the default the caller put there. */
fb_result fb_u8(const fb_buf *b, const fb_table *t, int id, uint8_t *out);
fb_result fb_i8(const fb_buf *b, const fb_table *t, int id, int8_t *out);
fb_result fb_u32(const fb_buf *b, const fb_table *t, int id, uint32_t *out);
fb_result fb_i32(const fb_buf *b, const fb_table *t, int id, int32_t *out);
fb_result fb_u64(const fb_buf *b, const fb_table *t, int id, uint64_t *out);
fb_result fb_f32(const fb_buf *b, const fb_table *t, int id, float *out);

/* Offset fields. elem_size is the byte size of one element (1 for ubyte, 4 for int32 or offsets, 8 for int64). */
fb_result fb_subtable(const fb_buf *b, const fb_table *t, int id, fb_table *out);
fb_result fb_vec(const fb_buf *b, const fb_table *t, int id, uint32_t elem_size, fb_vector *out);
/* A string: a byte vector followed by a NUL inside the buffer. */
fb_result fb_string(const fb_buf *b, const fb_table *t, int id, fb_vector *out);
/* Element i of a vector of tables. */
fb_result fb_vec_table(const fb_buf *b, const fb_vector *v, uint32_t i, fb_table *out);

#endif
