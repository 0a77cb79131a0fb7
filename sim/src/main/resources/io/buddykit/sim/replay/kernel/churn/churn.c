/* Anonymous-memory churn: rounds of mapping N MiB (default 96), advising the first half for transparent huge
   pages, touching every page, and unmapping it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

int main(int argc, char **argv) {
  int rounds = argc > 1 ? atoi(argv[1]) : 3;
  size_t len = (argc > 2 ? strtoul(argv[2], NULL, 10) : 96UL) << 20, half = len / 2;
  for (int r = 0; r < rounds; r++) {
    char *p = mmap(NULL, len + (2UL << 20), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) { perror("mmap"); return 1; }
    char *a = (char *)(((unsigned long)p + (2UL << 20) - 1) & ~((2UL << 20) - 1));
    madvise(a, half, MADV_HUGEPAGE);
    madvise(a + half, half, MADV_NOHUGEPAGE);
    for (size_t i = 0; i < len; i += 4096) a[i] = (char)(i >> 12);
    munmap(p, len + (2UL << 20));
  }
  return 0;
}
