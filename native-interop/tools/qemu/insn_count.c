/* QEMU TCG plugin: counts executed guest instructions, in total and inside named address ranges.
   Args: range=NAME:START:END (hex addresses, END exclusive; repeatable). Prints at exit one line per range,
   "insns NAME COUNT", and "insns total COUNT". Counting is inline (one add per translated block and range),
   so it is exact and repeatable run to run.
   Debian's QEMU ships no qemu-plugin.h: the few API functions used are declared here (plugin API version 1). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef uint64_t qemu_plugin_id_t;
struct qemu_plugin_tb;
struct qemu_plugin_insn;
typedef struct qemu_info_t qemu_info_t;
enum qemu_plugin_op { QEMU_PLUGIN_INLINE_ADD_U64 };
typedef void (*qemu_plugin_vcpu_tb_trans_cb_t)(qemu_plugin_id_t id, struct qemu_plugin_tb *tb);
typedef void (*qemu_plugin_udata_cb_t)(qemu_plugin_id_t id, void *userdata);

void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t id, qemu_plugin_vcpu_tb_trans_cb_t cb);
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb *tb);
struct qemu_plugin_insn *qemu_plugin_tb_get_insn(const struct qemu_plugin_tb *tb, size_t idx);
uint64_t qemu_plugin_insn_vaddr(const struct qemu_plugin_insn *insn);
void qemu_plugin_register_vcpu_tb_exec_inline(struct qemu_plugin_tb *tb, enum qemu_plugin_op op, void *ptr, uint64_t imm);
void qemu_plugin_register_atexit_cb(qemu_plugin_id_t id, qemu_plugin_udata_cb_t cb, void *userdata);
void qemu_plugin_outs(const char *string);

__attribute__((visibility("default"))) int qemu_plugin_version = 1;

#define MAX_RANGES 512

typedef struct range {
  char name[64];
  uint64_t start, end, count;
} range;

static range ranges[MAX_RANGES + 1]; /* the last one is "total" */
static int range_count;

static void on_translate(qemu_plugin_id_t id, struct qemu_plugin_tb *tb) {
  (void)id;
  size_t n = qemu_plugin_tb_n_insns(tb);
  uint64_t per_range[MAX_RANGES] = {0};
  for (size_t i = 0; i < n; i++) {
    uint64_t pc = qemu_plugin_insn_vaddr(qemu_plugin_tb_get_insn(tb, i));
    for (int r = 0; r < range_count; r++)
      if (pc >= ranges[r].start && pc < ranges[r].end) per_range[r]++;
  }
  for (int r = 0; r < range_count; r++)
    if (per_range[r]) qemu_plugin_register_vcpu_tb_exec_inline(tb, QEMU_PLUGIN_INLINE_ADD_U64, &ranges[r].count, per_range[r]);
  qemu_plugin_register_vcpu_tb_exec_inline(tb, QEMU_PLUGIN_INLINE_ADD_U64, &ranges[MAX_RANGES].count, n);
}

static void report_at_exit(qemu_plugin_id_t id, void *userdata) {
  (void)id, (void)userdata;
  char line[160];
  for (int r = 0; r < range_count; r++) {
    snprintf(line, sizeof line, "insns %.63s %" PRIu64 "\n", ranges[r].name, ranges[r].count);
    qemu_plugin_outs(line);
  }
  snprintf(line, sizeof line, "insns total %" PRIu64 "\n", ranges[MAX_RANGES].count);
  qemu_plugin_outs(line);
}

__attribute__((visibility("default"))) int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info, int argc,
                                                               char **argv) {
  (void)info;
  for (int i = 0; i < argc; i++) {
    char name[64];
    uint64_t start, end;
    if (range_count < MAX_RANGES && sscanf(argv[i], "range=%63[^:]:%" SCNx64 ":%" SCNx64, name, &start, &end) == 3) {
      range *r = &ranges[range_count++];
      snprintf(r->name, sizeof r->name, "%s", name);
      r->start = start, r->end = end;
    } else {
      fprintf(stderr, "insn_count: bad argument '%s' (expected range=NAME:START:END)\n", argv[i]);
      return -1;
    }
  }
  qemu_plugin_register_vcpu_tb_trans_cb(id, on_translate);
  qemu_plugin_register_atexit_cb(id, report_at_exit, NULL);
  return 0;
}
