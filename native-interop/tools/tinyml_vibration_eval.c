/* tinyml-vibration-eval DATA_DIR [--rate HZ] [--window N] [--hop N] [--bands B] [--full-scale G] [--fixed]
   How well the on-device baseline separates normal from faulty vibration, the way a device would see it.
   DATA_DIR holds .csv files in normal/ and anomalous/ (the CWRU layout: "# sample_rate_hz=N" comment, a header line, one
   value in g per line, first column used). Every file is resampled to the IMU's rate (windowed-sinc polyphase
   low-pass, below), quantized to int16 counts at the full scale, cut into windows of N samples every hop samples
   and turned into features by the engine (tml_vibration_compute, or the fixed-point variant with --fixed). The
   baseline (tml_anomaly) calibrates on the windows of the first half of each normal file; the windows of the second
   halves are the negatives, each anomalous file's windows its positives. Prints per file the AUC (the probability
   that a fault window scores above a normal one, ties counting half), the share of windows over the baseline's
   threshold and the file's lowest score (against the negatives' highest).

   The pipeline below is also the CWRU test's (tests/native/cwru_test.cc includes this file with
   TML_VIBRATION_EVAL_LIBRARY defined), so it is written in the common subset of C99 and C++. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if !defined(__PICOLIBC__) /* bare-metal builds (under QEMU) have files through semihosting, but no folders */
#include <dirent.h>
#endif

#include "tinyml/anomaly.h"
#include "tinyml/vibration.h"

#define EVAL_MAX_FILES 64
#define EVAL_PI 3.14159265358979323846

typedef struct eval_options {
  double rate_hz;      /* the IMU's output data rate */
  uint32_t window;     /* samples per window (0: the largest power of two within 80 ms, at least 64) */
  uint32_t hop;        /* samples between window starts (0: window / 4) */
  uint32_t bands;      /* equal-width bands from 0 Hz to Nyquist */
  float full_scale_g;  /* ±full scale of the int16 counts */
  int fixed;           /* 1: the fixed-point arithmetic */
} eval_options;

typedef struct eval_file {
  char name[256];
  double source_rate_hz;
  uint32_t windows;
  double auc;      /* positives: this file's windows; negatives: the second halves of the normal files */
  double detected; /* share of this file's windows over the threshold */
  float lowest;    /* this file's lowest window score */
} eval_file;

typedef struct eval_report {
  eval_options options;
  uint32_t feature_count, calibration_windows, negative_windows;
  double false_alarms; /* share of negative windows over the threshold */
  float highest_negative; /* the highest score of a negative window */
  float threshold;
  uint32_t file_count;
  eval_file files[EVAL_MAX_FILES];
  char error[512];
} eval_report;

/* ---- files ---- */

typedef struct eval_signal {
  double *values;
  size_t count;
  double rate_hz;
} eval_signal;

static void eval_free_signal(eval_signal *s) {
  free(s->values);
  s->values = NULL;
  s->count = 0;
}

/* Reads a CSV of samples in g: '#' lines (sample_rate_hz=N among them), a header, then one row per sample. */
static int eval_read_csv(const char *path, eval_signal *s, char *error, size_t error_size) {
  FILE *f = fopen(path, "r");
  char line[512];
  size_t capacity = 0;
  int header_seen = 0;
  s->values = NULL, s->count = 0, s->rate_hz = 0;
  if (!f) return snprintf(error, error_size, "cannot open %.400s", path), -1;
  while (fgets(line, sizeof line, f)) {
    if (line[0] == '#') {
      const char *key = strstr(line, "sample_rate_hz=");
      if (key) s->rate_hz = atof(key + strlen("sample_rate_hz="));
      continue;
    }
    char *end;
    const double v = strtod(line, &end);
    if (end == line) {
      if (!header_seen && line[0] != '\n' && line[0] != '\r') header_seen = 1; /* the axis names */
      continue;
    }
    if (s->count == capacity) {
      capacity = capacity ? capacity * 2 : 65536;
      double *grown = (double *)realloc(s->values, capacity * sizeof *grown);
      if (!grown) return fclose(f), eval_free_signal(s), snprintf(error, error_size, "out of memory"), -1;
      s->values = grown;
    }
    s->values[s->count++] = v;
  }
  fclose(f);
  if (!(s->rate_hz > 0) || s->count == 0)
    return eval_free_signal(s), snprintf(error, error_size, "%.400s: no sample_rate_hz line or no samples", path), -1;
  return 0;
}

static int eval_compare_names(const void *a, const void *b) { return strcmp((const char *)a, (const char *)b); }

/* The .csv files of a folder, sorted by name. */
static int eval_list_csv(const char *dir, char names[][256], uint32_t capacity, uint32_t *count) {
  *count = 0;
#if defined(__PICOLIBC__)
  (void)dir, (void)capacity;
  return -1;
#else
  DIR *d = opendir(dir);
  struct dirent *e;
  if (!d) return -1;
  while ((e = readdir(d)) != NULL) {
    const size_t n = strlen(e->d_name);
    if (n > 4 && n < 256 && strcmp(e->d_name + n - 4, ".csv") == 0 && *count < capacity)
      memcpy(names[(*count)++], e->d_name, n + 1);
  }
  closedir(d);
#endif
  qsort(names, *count, 256, eval_compare_names);
  return 0;
}

/* ---- resampling: polyphase windowed sinc ----
   For output rate fo from input rate fi (reduced to fo/fi = L/M), output sample m sits at input time m·M/L. Its value
   is Σ x[k]·h(t − k) with h a low-pass sinc at 0.45·min(fi, fo) under a Kaiser window (β = 8.6, about 90 dB
   stopband) spanning ±32 periods of the lower rate. The L phases of h are tabulated once, each normalized to unit
   DC gain. Only outputs whose whole kernel lies inside the input are produced (no edge transients). */

static double eval_bessel_i0(double x) {
  double sum = 1, term = 1;
  for (int k = 1; k < 50; k++) {
    term *= (x / (2 * k)) * (x / (2 * k));
    sum += term;
    if (term < 1e-17 * sum) break;
  }
  return sum;
}

static uint64_t eval_gcd(uint64_t a, uint64_t b) {
  while (b) {
    uint64_t t = a % b;
    a = b, b = t;
  }
  return a;
}

static int eval_resample(const eval_signal *in, double rate_hz, eval_signal *out) {
  out->values = NULL, out->count = 0, out->rate_hz = rate_hz;
  const uint64_t fi = (uint64_t)llround(in->rate_hz), fo = (uint64_t)llround(rate_hz), g = eval_gcd(fi, fo);
  const uint64_t up = fo / g, down = fi / g;
  if (up > 100000) return -1; /* rates without a small common divisor */
  const double cutoff = 0.45 * (double)(fi < fo ? fi : fo) / (double)fi; /* cycles per input sample */
  const double half_width = 32.0 * (fi > fo ? (double)fi / (double)fo : 1.0), beta = 8.6;
  const int64_t taps = 2 * (int64_t)ceil(half_width), reach = taps / 2;
  double *table = (double *)malloc((size_t)(up * (uint64_t)taps) * sizeof *table);
  if (!table) return -1;
  for (uint64_t p = 0; p < up; p++) { /* phase p: fractional position p/up; tap j is input sample base − reach + 1 + j */
    double *h = table + p * (uint64_t)taps, sum = 0;
    for (int64_t j = 0; j < taps; j++) {
      const double t = (double)p / (double)up + (double)(reach - 1 - j), x = 2 * cutoff * t, r = t / half_width;
      const double sinc = x == 0 ? 1.0 : sin(EVAL_PI * x) / (EVAL_PI * x);
      h[j] = fabs(r) >= 1 ? 0.0 : 2 * cutoff * sinc * eval_bessel_i0(beta * sqrt(1 - r * r)) / eval_bessel_i0(beta);
      sum += h[j];
    }
    for (int64_t j = 0; j < taps; j++) h[j] /= sum;
  }
  const uint64_t total = (uint64_t)in->count * up / down + 1;
  out->values = (double *)malloc((size_t)total * sizeof *out->values);
  if (!out->values) return free(table), -1;
  for (uint64_t m = 0; m < total; m++) {
    const uint64_t position = m * down, base = position / up, p = position % up;
    if ((int64_t)base - reach + 1 < 0) continue;
    if ((int64_t)base + reach >= (int64_t)in->count) break;
    const double *h = table + p * (uint64_t)taps, *x = in->values + (base - (uint64_t)reach + 1);
    double y = 0;
    for (int64_t j = 0; j < taps; j++) y += x[j] * h[j];
    out->values[out->count++] = y;
  }
  free(table);
  return 0;
}

/* ---- features and scores ---- */

static int16_t eval_counts(double g, float full_scale_g) {
  const double c = floor(g * 32768.0 / full_scale_g + 0.5);
  return (int16_t)(c > 32767 ? 32767 : c < -32768 ? -32768 : c);
}

/* Features of every window starting in [from, to − window]: *features gets count · feature_count floats. */
static int eval_window_features(tml_vibration *vib, const eval_options *o, const eval_signal *s, size_t from, size_t to,
                                float **features, uint32_t *count) {
  const uint32_t n = o->window, f = tml_vibration_feature_count(vib);
  *features = NULL, *count = 0;
  if (to < from + n) return 0;
  const uint32_t windows = (uint32_t)((to - from - n) / o->hop + 1);
  int16_t *counts = (int16_t *)malloc(n * sizeof *counts);
  void *workspace = malloc(tml_vibration_workspace_bytes(vib));
  *features = (float *)malloc((size_t)windows * f * sizeof **features);
  int failed = !counts || !workspace || !*features;
  for (uint32_t w = 0; w < windows && !failed; w++) {
    for (uint32_t i = 0; i < n; i++) counts[i] = eval_counts(s->values[from + (size_t)w * o->hop + i], o->full_scale_g);
    failed = (o->fixed ? tml_vibration_compute_fixed : tml_vibration_compute_float)(
                 vib, counts, n, workspace, tml_vibration_workspace_bytes(vib), *features + (size_t)w * f, NULL, f) != TML_OK;
  }
  free(counts);
  free(workspace);
  if (failed) return free(*features), *features = NULL, -1;
  *count = windows;
  return 0;
}

/* P(positive > negative) + P(tie) / 2. */
static double eval_auc(const float *positive, uint32_t p, const float *negative, uint32_t n) {
  double wins = 0;
  for (uint32_t i = 0; i < p; i++)
    for (uint32_t j = 0; j < n; j++) wins += positive[i] > negative[j] ? 1.0 : positive[i] == negative[j] ? 0.5 : 0.0;
  return p && n ? wins / ((double)p * n) : 0.0;
}

static void eval_defaults(eval_options *o) {
  if (!o->window) {
    o->window = 64;
    while (o->window * 2 <= o->rate_hz * 0.08 && o->window * 2 <= TML_VIB_MAX_WINDOW) o->window *= 2;
  }
  if (!o->hop) o->hop = o->window / 4;
}

/* Runs the whole evaluation; 0 on success, else report->error says why. */
static int eval_run(const char *data_dir, const eval_options *options, eval_report *report) {
  static char names[EVAL_MAX_FILES][256];
  char path[1024];
  uint32_t count;
  eval_signal normal[EVAL_MAX_FILES];
  uint32_t normal_count = 0, negatives = 0;
  float *negative_scores = NULL;
  tml_vibration vib;
  tml_vibration_config vc;
  tml_anomaly baseline;
  tml_anomaly_config ac;
  memset(report, 0, sizeof *report);
  report->options = *options;
  eval_defaults(&report->options);
  const eval_options *o = &report->options;
#define EVAL_FAIL(...) (snprintf(report->error, sizeof report->error, __VA_ARGS__), -1)

  tml_vibration_default_config(&vc, o->window, 1, (float)o->rate_hz, o->full_scale_g, o->bands);
  if (tml_vibration_init(&vib, &vc) != TML_OK) return EVAL_FAIL("features: %.200s", tml_vibration_error(&vib));
  const uint32_t f = tml_vibration_feature_count(&vib);
  report->feature_count = f;

  /* normal files: resample, cut in halves */
  snprintf(path, sizeof path, "%.700s/normal", data_dir);
  if (eval_list_csv(path, names, EVAL_MAX_FILES, &normal_count) != 0 || normal_count == 0)
    return EVAL_FAIL("no .csv files in %.400s/normal", data_dir);
  for (uint32_t i = 0; i < normal_count; i++) {
    eval_signal raw;
    snprintf(path, sizeof path, "%.700s/normal/%.255s", data_dir, names[i]);
    if (eval_read_csv(path, &raw, report->error, sizeof report->error) != 0) {
      for (uint32_t k = 0; k < i; k++) eval_free_signal(&normal[k]);
      return -1;
    }
    const int bad = eval_resample(&raw, o->rate_hz, &normal[i]);
    eval_free_signal(&raw);
    if (bad) {
      for (uint32_t k = 0; k <= i; k++) eval_free_signal(&normal[k]);
      return EVAL_FAIL("cannot resample %.255s to %g Hz", names[i], o->rate_hz);
    }
  }

  /* calibrate on the first halves, then score the second halves */
  float *features[EVAL_MAX_FILES][2];
  uint32_t windows[EVAL_MAX_FILES][2], calibration = 0;
  int failed = 0;
  for (uint32_t i = 0; i < normal_count; i++) {
    const size_t half = normal[i].count / 2;
    failed |= eval_window_features(&vib, o, &normal[i], 0, half, &features[i][0], &windows[i][0]);
    failed |= eval_window_features(&vib, o, &normal[i], half, normal[i].count, &features[i][1], &windows[i][1]);
    calibration += windows[i][0], negatives += windows[i][1];
    eval_free_signal(&normal[i]);
  }
  tml_anomaly_default_config(&ac, f, calibration);
  if (!failed && tml_anomaly_init(&baseline, &ac) != TML_OK) failed = 2;
  for (uint32_t i = 0; i < normal_count && !failed; i++)
    for (uint32_t w = 0; w < windows[i][0]; w++) tml_anomaly_feed(&baseline, features[i][0] + (size_t)w * f, f, NULL);
  negative_scores = (float *)malloc((negatives ? negatives : 1) * sizeof *negative_scores);
  uint32_t scored = 0, alarms = 0;
  float highest = 0.0f;
  for (uint32_t i = 0; i < normal_count && !failed && negative_scores; i++)
    for (uint32_t w = 0; w < windows[i][1]; w++) {
      tml_anomaly_result r;
      tml_anomaly_feed(&baseline, features[i][1] + (size_t)w * f, f, &r);
      negative_scores[scored++] = r.score;
      alarms += (uint32_t)r.anomalous;
      highest = r.score > highest ? r.score : highest;
    }
  for (uint32_t i = 0; i < normal_count; i++) free(features[i][0]), free(features[i][1]);
  if (failed || !negative_scores || tml_anomaly_get_phase(&baseline) != TML_ANOMALY_READY) {
    free(negative_scores);
    return failed == 2 ? EVAL_FAIL("baseline: %.200s", tml_anomaly_error(&baseline))
                       : EVAL_FAIL("the normal data gives too few windows to calibrate");
  }
  report->calibration_windows = calibration;
  report->negative_windows = negatives;
  report->false_alarms = negatives ? (double)alarms / negatives : 0.0;
  report->threshold = tml_anomaly_threshold(&baseline);
  report->highest_negative = highest;

  /* every anomalous file */
  snprintf(path, sizeof path, "%.700s/anomalous", data_dir);
  if (eval_list_csv(path, names, EVAL_MAX_FILES, &count) != 0 || count == 0) {
    free(negative_scores);
    return EVAL_FAIL("no .csv files in %.400s/anomalous", data_dir);
  }
  for (uint32_t i = 0; i < count; i++) {
    eval_signal raw, signal;
    eval_file *file = &report->files[report->file_count];
    float *positive, *scores;
    uint32_t n;
    snprintf(path, sizeof path, "%.700s/anomalous/%.255s", data_dir, names[i]);
    if (eval_read_csv(path, &raw, report->error, sizeof report->error) != 0) return free(negative_scores), -1;
    const int bad = eval_resample(&raw, o->rate_hz, &signal);
    eval_free_signal(&raw);
    if (bad || eval_window_features(&vib, o, &signal, 0, signal.count, &positive, &n) != 0 || n == 0) {
      eval_free_signal(&signal);
      free(negative_scores);
      return EVAL_FAIL("cannot compute the windows of %.255s", names[i]);
    }
    eval_free_signal(&signal);
    scores = (float *)malloc(n * sizeof *scores);
    uint32_t over = 0;
    float lowest = 0.0f;
    for (uint32_t w = 0; scores && w < n; w++) {
      tml_anomaly_result r;
      tml_anomaly_feed(&baseline, positive + (size_t)w * f, f, &r);
      scores[w] = r.score;
      over += (uint32_t)r.anomalous;
      lowest = w == 0 || r.score < lowest ? r.score : lowest;
    }
    free(positive);
    if (!scores) return free(negative_scores), EVAL_FAIL("out of memory");
    memcpy(file->name, names[i], sizeof file->name);
    file->source_rate_hz = raw.rate_hz;
    file->windows = n;
    file->auc = eval_auc(scores, n, negative_scores, negatives);
    file->detected = (double)over / n;
    file->lowest = lowest;
    report->file_count++;
    free(scores);
  }
  free(negative_scores);
  return 0;
#undef EVAL_FAIL
}

static void eval_print(const eval_report *r, FILE *out) {
  const eval_options *o = &r->options;
  fprintf(out, "rate %g Hz, full scale ±%g g, window %u (%.0f ms), hop %u, %u bands to %g Hz, %u features, %s\n",
          o->rate_hz, o->full_scale_g, (unsigned)o->window, 1000.0 * o->window / o->rate_hz, (unsigned)o->hop,
          (unsigned)o->bands, o->rate_hz / 2, (unsigned)r->feature_count, o->fixed ? "fixed point" : "float");
  fprintf(out, "calibration: %u windows (first half of normal), threshold %.3g; negatives: %u windows (second half), "
               "highest score %.3g, %.1f%% over the threshold\n", (unsigned)r->calibration_windows, r->threshold,
          (unsigned)r->negative_windows, r->highest_negative, 100.0 * r->false_alarms);
  fprintf(out, "%-24s %9s %8s %7s %9s %12s\n", "fault file", "source", "windows", "AUC", "detected", "lowest score");
  for (uint32_t i = 0; i < r->file_count; i++)
    fprintf(out, "%-24s %6.0f Hz %8u %7.4f %8.1f%% %12.3g\n", r->files[i].name, r->files[i].source_rate_hz,
            (unsigned)r->files[i].windows, r->files[i].auc, 100.0 * r->files[i].detected, r->files[i].lowest);
}

#ifndef TML_VIBRATION_EVAL_LIBRARY
static int usage(void) {
  fprintf(stderr, "usage: tinyml-vibration-eval DATA_DIR [--rate HZ] [--window N] [--hop N] [--bands B] "
                  "[--full-scale G] [--fixed]\n  defaults: --rate 6664 --bands 16 --full-scale 16, window within 80 ms, "
                  "hop window/4\n");
  return 2;
}

int main(int argc, char **argv) {
  eval_options o;
  static eval_report report;
  memset(&o, 0, sizeof o);
  o.rate_hz = 6664, o.bands = 16, o.full_scale_g = 16;
  if (argc < 2 || argv[1][0] == '-') return usage();
  for (int i = 2; i < argc; i++) {
    const int has_value = i + 1 < argc;
    if (!strcmp(argv[i], "--fixed")) o.fixed = 1;
    else if (!strcmp(argv[i], "--rate") && has_value) o.rate_hz = atof(argv[++i]);
    else if (!strcmp(argv[i], "--window") && has_value) o.window = (uint32_t)atoi(argv[++i]);
    else if (!strcmp(argv[i], "--hop") && has_value) o.hop = (uint32_t)atoi(argv[++i]);
    else if (!strcmp(argv[i], "--bands") && has_value) o.bands = (uint32_t)atoi(argv[++i]);
    else if (!strcmp(argv[i], "--full-scale") && has_value) o.full_scale_g = (float)atof(argv[++i]);
    else return usage();
  }
  if (!(o.rate_hz > 0) || !(o.full_scale_g > 0)) return usage();
  if (eval_run(argv[1], &o, &report) != 0) {
    fprintf(stderr, "tinyml-vibration-eval: %s\n", report.error);
    return 1;
  }
  eval_print(&report, stdout);
  return 0;
}
#endif
