/*
 * Workload P over glibc malloc/free, the same loop as io.buddykit.bench.WorkloadP, so that the
 * core can be put next to the C library's allocator in the same run (bench/scripts/peer-p.sh
 * builds and runs it). Nothing here but the loop: glibc is only called.
 *
 * The loop: `live` live blocks of sizes uniform in 1..4096 bytes; each step draws one xorshift64
 * value (x ^= x << 13; x ^= x >> 7; x ^= x << 17; seeded 1), frees the block in slot
 * (uint32) x % live and allocates 1 + ((x >> 32) & 4095) bytes into that slot. The initial sizes
 * come from the same generator. The blocks are not touched (buddykit hands out unit indices and
 * touches no memory either; malloc touches its own chunk headers). The score is thread CPU ns per
 * free+allocate pair over `pairs` pairs after `warmup` pairs.
 *
 * usage: peer_p glibc|none live pairs warmup
 *   none: the loop with free and malloc replaced by a sum and a store (the harness's own cost).
 * Prints one line: alloc=glibc live=... cpu_ns_per_pair=... wall_ns_per_pair=...
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_BYTES 4096

static uint64_t x = 1;

static inline uint64_t draw(void) {
  x ^= x << 13;
  x ^= x >> 7;
  x ^= x << 17;
  return x;
}

static double now_ns(clockid_t clock) {
  struct timespec t;
  clock_gettime(clock, &t);
  return t.tv_sec * 1e9 + t.tv_nsec;
}

static long count_arg(const char *s, const char *name) {
  char *end;
  errno = 0;
  long v = strtol(s, &end, 10);
  if (errno != 0 || *end != '\0' || end == s || v < 0) {
    fprintf(stderr, "peer_p: %s: expected a count >= 0, got %s\n", name, s);
    exit(2);
  }
  return v;
}

static void run_glibc(char **live, uint32_t n, long steps) {
  for (long i = 0; i < steps; i++) {
    uint64_t s = draw();
    uint32_t slot = (uint32_t)s % n;
    free(live[slot]);
    char *p = malloc(1 + ((s >> 32) & (MAX_BYTES - 1)));
    if (p == NULL) {
      fprintf(stderr, "peer_p: malloc failed\n");
      exit(1);
    }
    live[slot] = p;
  }
}

static uint64_t run_none(uintptr_t *live, uint32_t n, long steps) {
  uint64_t acc = 0;
  for (long i = 0; i < steps; i++) {
    uint64_t s = draw();
    uint32_t slot = (uint32_t)s % n;
    acc += live[slot];
    live[slot] = 1 + ((s >> 32) & (MAX_BYTES - 1));
  }
  return acc;
}

int main(int argc, char **argv) {
  if (argc != 5 || (strcmp(argv[1], "glibc") != 0 && strcmp(argv[1], "none") != 0)) {
    fprintf(stderr, "peer_p: usage: peer_p glibc|none live pairs warmup\n");
    return 2;
  }
  int glibc = strcmp(argv[1], "glibc") == 0;
  long n = count_arg(argv[2], "live");
  long pairs = count_arg(argv[3], "pairs");
  long warmup = count_arg(argv[4], "warmup");
  if (n < 1 || n > (1L << 24) || pairs < 1) {
    fprintf(stderr, "peer_p: live must be in 1..2^24 and pairs at least 1\n");
    return 2;
  }
  void **live = calloc((size_t)n, sizeof(void *));
  if (live == NULL) {
    fprintf(stderr, "peer_p: out of memory for %ld slots\n", n);
    return 1;
  }
  for (long i = 0; i < n; i++) {
    size_t bytes = 1 + ((draw() >> 32) & (MAX_BYTES - 1));
    if (glibc) {
      char *p = malloc(bytes);
      if (p == NULL) {
        fprintf(stderr, "peer_p: malloc failed\n");
        return 1;
      }
      live[i] = p;
    } else {
      live[i] = (void *)(uintptr_t)bytes;
    }
  }
  uint64_t sink = 0;
  if (glibc) {
    run_glibc((char **)live, (uint32_t)n, warmup);
  } else {
    sink += run_none((uintptr_t *)live, (uint32_t)n, warmup);
  }
  double c0 = now_ns(CLOCK_THREAD_CPUTIME_ID), t0 = now_ns(CLOCK_MONOTONIC);
  if (glibc) {
    run_glibc((char **)live, (uint32_t)n, pairs);
  } else {
    sink += run_none((uintptr_t *)live, (uint32_t)n, pairs);
  }
  double c1 = now_ns(CLOCK_THREAD_CPUTIME_ID), t1 = now_ns(CLOCK_MONOTONIC);
  printf("alloc=%s live=%ld pairs=%ld warmup=%ld cpu_ns_per_pair=%.2f wall_ns_per_pair=%.2f sink=%llx\n",
         glibc ? "glibc" : "none-c", n, pairs, warmup, (c1 - c0) / pairs, (t1 - t0) / pairs,
         (unsigned long long)sink);
  return 0;
}
