/* tinyml-features IN.wav OUT.bin
   The audio frontend on a 16 kHz mono 16-bit PCM WAV file, noise estimate reset at the start: OUT gets one
   40-byte int8 frame per 20 ms stride (49 frames for 1 s of audio; none for less than 30 ms). Prints
   frames=<n>. On any error: one line on stderr and exit status 1 (2 for a usage error). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tinyml/audio.h"

#define CHUNK_SAMPLES 1024
#define CHUNK_FRAMES 8

static int fail(const char *what, const char *why) {
  fprintf(stderr, "tinyml-features: %s: %s\n", what, why);
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

static unsigned le16(const unsigned char *p) { return (unsigned)p[0] | (unsigned)p[1] << 8; }
static unsigned long le32(const unsigned char *p) {
  return (unsigned long)p[0] | (unsigned long)p[1] << 8 | (unsigned long)p[2] << 16 | (unsigned long)p[3] << 24;
}

typedef struct wav_pcm {
  const unsigned char *data; /* little-endian int16 samples */
  size_t samples;
} wav_pcm;

/* The PCM samples of a 16 kHz mono 16-bit WAV file: chunks in any order, unknown ones skipped. NULL, or the
   reason the file is refused. */
static const char *parse_wav(const unsigned char *file, size_t size, wav_pcm *pcm, char *why, size_t why_size) {
  static const unsigned char pcm_subformat_tail[14] = {0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80,
                                                       0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71};
  if (size < 12 || memcmp(file, "RIFF", 4) != 0 || memcmp(file + 8, "WAVE", 4) != 0) return "not a RIFF/WAVE file";
  const unsigned char *fmt = NULL, *data = NULL;
  unsigned long fmt_size = 0, data_size = 0;
  size_t pos = 12;
  while (size - pos >= 8) {
    const unsigned char *id = file + pos;
    const unsigned long chunk = le32(file + pos + 4);
    const size_t body = pos + 8, available = size - body;
    if (memcmp(id, "fmt ", 4) == 0 && !fmt) {
      if (chunk > available) return "truncated fmt chunk";
      fmt = file + body;
      fmt_size = chunk;
    } else if (memcmp(id, "data", 4) == 0 && !data) {
      if (chunk > available) {
        snprintf(why, why_size, "truncated data chunk: it declares %lu bytes, the file holds %lu", chunk,
                 (unsigned long)available);
        return why;
      }
      data = file + body;
      data_size = chunk;
    }
    if (chunk >= available) break;           /* the last chunk (possibly an unknown one cut short) */
    pos = body + chunk + (chunk & 1u);       /* chunks are padded to an even size */
  }
  if (!fmt) return "no fmt chunk";
  if (!data) return "no data chunk";
  if (fmt_size < 16) return "truncated fmt chunk";
  unsigned format = le16(fmt);
  if (format == 0xFFFEu) { /* WAVE_FORMAT_EXTENSIBLE: the subformat GUID says what the samples are */
    if (fmt_size < 40 || le16(fmt + 16) < 22) return "truncated fmt chunk (WAVE_FORMAT_EXTENSIBLE)";
    format = memcmp(fmt + 26, pcm_subformat_tail, sizeof pcm_subformat_tail) == 0 ? le16(fmt + 24) : 0xFFFEu;
  }
  if (format != 1u) {
    snprintf(why, why_size, "not PCM (format tag 0x%04X)", format);
    return why;
  }
  const unsigned channels = le16(fmt + 2), bits = le16(fmt + 14);
  const unsigned long rate = le32(fmt + 4);
  if (bits != 16) {
    snprintf(why, why_size, "%u-bit samples, 16-bit PCM needed", bits);
    return why;
  }
  if (channels != 1) {
    snprintf(why, why_size, "%u channels, mono needed", channels);
    return why;
  }
  if (rate != TML_AUDIO_SAMPLE_RATE) {
    snprintf(why, why_size, "sample rate %lu Hz, %d Hz needed", rate, TML_AUDIO_SAMPLE_RATE);
    return why;
  }
  if (le16(fmt + 12) != 2) return "block align is not 2 bytes for 16-bit mono";
  pcm->data = data;
  pcm->samples = data_size / 2; /* an odd trailing byte is not a sample */
  return NULL;
}

/* Streams the WAV's samples through the frontend into out; NULL or the reason it stopped (*what names the culprit). */
static const char *convert(const wav_pcm *pcm, FILE *out, tml_audio_frontend *frontend, int16_t *samples, int8_t *frames,
                           unsigned long *total, int *output_failed) {
  size_t next = 0;
  if (tml_audio_init(frontend) != TML_OK) return "frontend init failed";
  while (next < pcm->samples) {
    uint32_t count = (uint32_t)(pcm->samples - next < CHUNK_SAMPLES ? pcm->samples - next : CHUNK_SAMPLES);
    for (uint32_t i = 0; i < count; i++) {
      const long v = (long)le16(pcm->data + 2 * (next + i));
      samples[i] = (int16_t)(v >= 32768 ? v - 65536 : v);
    }
    uint32_t at = 0;
    while (at < count) { /* the frame buffer may fill before the chunk is used up */
      uint32_t consumed = 0, written = 0;
      if (tml_audio_push(frontend, samples + at, count - at, frames, CHUNK_FRAMES, &consumed, &written) != TML_OK)
        return tml_audio_error(frontend);
      if (fwrite(frames, TML_AUDIO_FEATURES, written, out) != written) {
        *output_failed = 1;
        return "write failed";
      }
      at += consumed;
      *total += written;
    }
    next += count;
  }
  return NULL;
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: tinyml-features IN.wav OUT.bin\n");
    return 2;
  }
  size_t size = 0;
  char why[128];
  wav_pcm pcm;
  unsigned long total = 0;
  int output_failed = 0;
  const char *what = argv[1], *error = NULL;
  unsigned char *file = read_file(argv[1], &size);
  tml_audio_frontend *frontend = malloc(sizeof *frontend); /* a few KB: kept off small cross-target stacks */
  int16_t *samples = malloc(CHUNK_SAMPLES * sizeof *samples);
  int8_t *frames = malloc(CHUNK_FRAMES * TML_AUDIO_FEATURES);
  FILE *out = NULL;
  if (!file) error = "cannot read";
  else if (!frontend || !samples || !frames) error = "out of memory";
  else if ((error = parse_wav(file, size, &pcm, why, sizeof why)) != NULL) {
  } else if ((out = fopen(argv[2], "wb")) == NULL) {
    what = argv[2], error = "cannot write";
  } else {
    error = convert(&pcm, out, frontend, samples, frames, &total, &output_failed);
    if (error) what = output_failed ? argv[2] : "frontend";
    if (fclose(out) != 0 && !error) what = argv[2], error = "write failed";
  }
  const int status = error ? fail(what, error) : 0; /* before the frees: error may point into the frontend */
  if (!error) printf("frames=%lu\n", total);
  free(frames);
  free(samples);
  free(frontend);
  free(file);
  return status;
}
