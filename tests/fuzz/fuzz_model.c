/* libFuzzer target: any bytes through load, plan, init and invoke. The input is copied into an allocation of
   exactly its size, so AddressSanitizer catches any read past the end. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tinyml/tinyml.h"

#define MAX_ARENA (256u * 1024u)
#define MAX_MACS (20u * 1000u * 1000u) /* keep each input fast; the arithmetic is checked elsewhere */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  uint8_t *bytes = malloc(size ? size : 1);
  if (!bytes) return 0;
  memcpy(bytes, data, size);
  tml_model model;
  if (tml_model_load(&model, bytes, size) == TML_OK && tml_model_macs(&model) <= MAX_MACS) {
    size_t ws_bytes = tml_plan_workspace_bytes(&model);
    void *workspace = malloc(ws_bytes ? ws_bytes : 4);
    tml_plan plan;
    if (workspace && tml_plan_make(&plan, &model, workspace, ws_bytes) == TML_OK && plan.arena_bytes <= MAX_ARENA) {
      void *arena = calloc(1, plan.arena_bytes ? plan.arena_bytes : 4);
      tml_interpreter it;
      if (arena && tml_interpreter_init(&it, &plan, arena, plan.arena_bytes) == TML_OK) {
        for (int32_t i = 0; i < tml_model_input_count(&model); i++) {
          tml_tensor_info info;
          if (tml_interpreter_input(&it, i, &info) == TML_OK && info.data) memset(info.data, 0x5A, info.bytes);
        }
        tml_invoke(&it);
        int done = 0;
        while (!done && tml_invoke_op(&it, &done) == TML_OK) {
        }
      }
      free(arena);
    }
    free(workspace);
  }
  free(bytes);
  return 0;
}
