/* tinyml-run MODEL.tflite IN.bin|zeros OUT.bin [--repeat N] [--ops] [--plan]
   Runs a model on raw input bytes (every input tensor in order) and writes raw output bytes (every output tensor
   in order). Prints arena_bytes=<n>. On any error: one line on stderr and exit status 1. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tinyml/tinyml.h"

static int fail(const char *what, const char *why) {
  fprintf(stderr, "tinyml-run: %s: %s\n", what, why);
  return 1;
}

static unsigned char *read_file(const char *path, size_t *size) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  unsigned char *data = NULL;
  size_t cap = 0, len = 0;
  for (;;) {
    if (len == cap) {
      cap = cap ? cap * 2 : 65536;
      unsigned char *grown = realloc(data, cap);
      if (!grown) { free(data); fclose(f); return NULL; }
      data = grown;
    }
    size_t n = fread(data + len, 1, cap - len, f);
    len += n;
    if (n == 0) break;
  }
  int bad = ferror(f);
  fclose(f);
  if (bad) { free(data); return NULL; }
  *size = len;
  return data;
}

/* calloc memory is aligned for any type: enough for the engine's 4-byte requirement. */
static void *aligned_zeroed(size_t bytes) { return calloc(1, bytes ? bytes : 1); }

static void print_tensor_list(const tml_model *m, int op, int outputs) {
  int32_t idx[64];
  int32_t n = tml_model_operator_io(m, op, outputs, idx, 64);
  printf("%s", outputs ? " -> [" : " [");
  for (int32_t i = 0; i < n && i < 64; i++) printf("%s%d", i ? ", " : "", (int)idx[i]);
  printf("]");
}

static void print_ops(const tml_model *m) {
  printf("operators=%d macs=%llu\n", (int)tml_model_operator_count(m), (unsigned long long)tml_model_macs(m));
  for (int32_t i = 0; i < tml_model_operator_count(m); i++) {
    printf("%4d %-20s %10llu MACs", (int)i, tml_model_operator_name(m, i), (unsigned long long)tml_model_operator_macs(m, i));
    print_tensor_list(m, i, 0);
    print_tensor_list(m, i, 1);
    printf("\n");
  }
}

static void print_plan(const tml_plan *plan, const tml_model *m) {
  static const char *const storage[] = {"arena", "model", "none"};
  printf("tensor  storage     offset      bytes  first  last  shares  type     name\n");
  for (int32_t t = 0; t < tml_model_tensor_count(m); t++) {
    tml_tensor_placement p;
    tml_tensor_info info;
    if (tml_plan_tensor(plan, t, &p) != TML_OK || tml_model_tensor(m, t, &info) != TML_OK) continue;
    printf("%6d  %-7s %10lu %10lu  %5d %5d  %6d  %-7s  %s\n", (int)t, storage[p.storage], (unsigned long)p.offset,
           (unsigned long)p.bytes, (int)p.first_op, (int)p.last_op, (int)p.shares_with, tml_type_name((tml_type)info.type), info.name);
  }
  printf("persistent_bytes=%lu activation_bytes=%lu\n", (unsigned long)plan->persistent_bytes,
         (unsigned long)plan->activation_bytes);
}

int main(int argc, char **argv) {
  const char *paths[3] = {0};
  int npaths = 0, show_ops = 0, show_plan = 0;
  long repeat = 1;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--ops") == 0) show_ops = 1;
    else if (strcmp(argv[i], "--plan") == 0) show_plan = 1;
    else if (strcmp(argv[i], "--repeat") == 0 && i + 1 < argc) {
      char *end;
      repeat = strtol(argv[++i], &end, 10);
      if (*end || repeat < 0) return fail("--repeat", "expects a count of 0 or more");
    } else if (strncmp(argv[i], "--", 2) == 0 || npaths == 3) {
      fprintf(stderr, "usage: tinyml-run MODEL.tflite IN.bin|zeros OUT.bin [--repeat N] [--ops] [--plan]\n");
      return 2;
    } else paths[npaths++] = argv[i];
  }
  if (npaths != 3) {
    fprintf(stderr, "usage: tinyml-run MODEL.tflite IN.bin|zeros OUT.bin [--repeat N] [--ops] [--plan]\n");
    return 2;
  }

  size_t model_size = 0;
  unsigned char *file = read_file(paths[0], &model_size);
  if (!file) return fail(paths[0], "cannot read");
  unsigned char *model_bytes = aligned_zeroed(model_size);
  if (!model_bytes) return fail(paths[0], "out of memory");
  memcpy(model_bytes, file, model_size);
  free(file);

  tml_model model;
  if (tml_model_load(&model, model_bytes, model_size) != TML_OK) return fail(paths[0], tml_model_error(&model));
  if (show_ops) print_ops(&model);

  size_t ws_bytes = tml_plan_workspace_bytes(&model);
  void *workspace = aligned_zeroed(ws_bytes);
  tml_plan plan;
  if (!workspace) return fail(paths[0], "out of memory");
  if (tml_plan_make(&plan, &model, workspace, ws_bytes) != TML_OK) return fail(paths[0], tml_plan_error(&plan));
  if (show_plan) print_plan(&plan, &model);
  printf("arena_bytes=%lu\n", (unsigned long)plan.arena_bytes);

  void *arena = aligned_zeroed(plan.arena_bytes);
  tml_interpreter it;
  if (!arena) return fail(paths[0], "out of memory");
  if (tml_interpreter_init(&it, &plan, arena, plan.arena_bytes) != TML_OK) return fail(paths[0], tml_interpreter_error(&it));
  free(workspace);

  size_t need = 0;
  for (int32_t i = 0; i < tml_model_input_count(&model); i++) {
    tml_tensor_info info;
    tml_interpreter_input(&it, i, &info);
    need += info.bytes;
  }
  if (strcmp(paths[1], "zeros") != 0) {
    size_t in_size = 0;
    unsigned char *in = read_file(paths[1], &in_size);
    if (!in) return fail(paths[1], "cannot read");
    if (in_size != need) {
      char why[128];
      snprintf(why, sizeof why, "has %lu bytes, the model's inputs take %lu", (unsigned long)in_size, (unsigned long)need);
      return fail(paths[1], why);
    }
    size_t pos = 0;
    for (int32_t i = 0; i < tml_model_input_count(&model); i++) {
      tml_tensor_info info;
      tml_interpreter_input(&it, i, &info);
      memcpy(info.data, in + pos, info.bytes);
      pos += info.bytes;
    }
    free(in);
  }

  for (long r = 0; r < repeat; r++)
    if (tml_invoke(&it) != TML_OK) return fail("invoke", tml_interpreter_error(&it));
  if (repeat == 0) return 0;

  FILE *out = fopen(paths[2], "wb");
  if (!out) return fail(paths[2], "cannot write");
  for (int32_t i = 0; i < tml_model_output_count(&model); i++) {
    tml_tensor_info info;
    tml_interpreter_output(&it, i, &info);
    if (fwrite(info.data, 1, info.bytes, out) != info.bytes) return fail(paths[2], "write failed");
  }
  if (fclose(out) != 0) return fail(paths[2], "write failed");
  free(arena);
  free(model_bytes);
  return 0;
}
