package io.buddykit.offheap;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One anonymous private mapping from the kernel ({@code mmap} through the FFM linker), aligned in
 * the address space to a power of two so that every buddy block in it is naturally aligned, tied
 * to a shared {@link Arena} so that every slice of it fails cleanly (never crashes) once the
 * region is unmapped.
 *
 * <p>The one class that calls restricted FFM methods (a native downcall, a segment over the
 * mapping): the launcher and the test JVMs run with {@code --enable-native-access=ALL-UNNAMED},
 * so javac's reminder of that is suppressed here and only here.
 */
@SuppressWarnings("restricted")
final class NativeRegion {
  private static final int PROT_READ = 1;
  private static final int PROT_WRITE = 2;
  private static final int MAP_PRIVATE = 2;
  private static final int MAP_ANONYMOUS = 0x20;
  private static final int MAP_NORESERVE = 0x4000;
  private static final int MADV_HUGEPAGE = 14;
  /** The kernel's base page, the unit of madvise and of mincore's vector. */
  static final int BASE_PAGE = 4096;
  /** mincore's vector is filled this many pages at a time (64 KiB of vector, 256 MiB of region). */
  private static final int MINCORE_PAGES = 1 << 16;
  /**
   * The transparent huge page (hpage_pmd_size; 2 MiB, x86-64's, when it cannot be read): what one
   * fault, or khugepaged collapsing a range, can make resident at once.
   */
  static final long HUGE_PAGE = hugePageSize();

  private static final Linker LINKER = Linker.nativeLinker();
  private static final MethodHandle MMAP = handle("mmap",
      FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG));
  private static final MethodHandle MUNMAP = handle("munmap",
      FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
  private static final MethodHandle MADVISE = handle("madvise",
      FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
  private static final MethodHandle MINCORE = handle("mincore",
      FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS));

  final Arena scope;
  final MemorySegment segment;
  final long address;
  final long size;

  private NativeRegion(Arena scope, MemorySegment segment) {
    this.scope = scope;
    this.segment = segment;
    this.address = segment.address();
    this.size = segment.byteSize();
  }

  /** Maps {@code size} bytes starting at a multiple of {@code alignment} (a power of two). */
  static NativeRegion map(long size, long alignment) {
    long span = size + alignment;
    long raw = call(MMAP, MemorySegment.NULL, span, PROT_READ | PROT_WRITE,
        MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0L);
    if (raw == -1L || raw == 0L) {
      throw new IllegalStateException("mmap of " + span + " bytes failed");
    }
    long aligned = (raw + alignment - 1) & -alignment;
    // Give back the misaligned head and the unused tail, keeping exactly [aligned, aligned + size).
    if (aligned > raw) {
      unmap(raw, aligned - raw);
    }
    long tail = raw + span - (aligned + size);
    if (tail > 0) {
      unmap(aligned + size, tail);
    }
    Arena scope = Arena.ofShared();
    MemorySegment segment = MemorySegment.ofAddress(aligned)
        .reinterpret(size, scope, s -> unmap(aligned, size));
    return new NativeRegion(scope, segment);
  }

  /** Asks the kernel to back the region with transparent huge pages; false when it refuses. */
  boolean adviseHugePages() {
    return (int) callInt(MADVISE, MemorySegment.ofAddress(address), size, MADV_HUGEPAGE) == 0;
  }

  /**
   * Gives {@code bytes} at {@code offset} back to the kernel with madvise(2) {@code advice}
   * ({@link PurgeAdvice#code}); both must be multiples of the base page. The mapping stays: the
   * next touch faults in a zeroed page (MADV_DONTNEED on private anonymous memory), or finds the
   * old page if the kernel has not reclaimed it yet (MADV_FREE, which a write cancels).
   *
   * @throws IllegalStateException when the kernel refuses (MADV_FREE before Linux 4.5: EINVAL)
   */
  void advise(long offset, long bytes, PurgeAdvice advice) {
    if (offset < 0 || bytes < 0 || offset + bytes > size || ((offset | bytes) & (BASE_PAGE - 1)) != 0) {
      throw new IllegalArgumentException("madvise range [" + offset + ", +" + bytes + ") is not whole pages of "
          + size);
    }
    if ((int) callInt(MADVISE, MemorySegment.ofAddress(address + offset), bytes, advice.code) != 0) {
      throw new IllegalStateException("madvise(" + advice + ") of " + bytes + " bytes at +" + offset
          + " refused by the kernel");
    }
  }

  /**
   * Bytes of {@code [offset, offset + bytes)} resident in memory now, from mincore(2); both must be
   * multiples of the base page. One byte per base page, bit 0 set when the page is in RAM
   * (mm/mincore.c, 6.1 and 6.12: a present pte, or a page in the swap cache). Pages never touched,
   * or given back with MADV_DONTNEED, are not resident; pages given back with MADV_FREE stay
   * resident until the kernel reclaims them under memory pressure.
   */
  long residentBytes(long offset, long bytes) {
    long pages = bytes / BASE_PAGE;
    long resident = 0;
    try (Arena vecArena = Arena.ofConfined()) {
      MemorySegment vec = vecArena.allocate(Math.max(1, Math.min(pages, MINCORE_PAGES)));
      for (long first = 0; first < pages; first += MINCORE_PAGES) {
        long n = Math.min(MINCORE_PAGES, pages - first);
        long at = offset + first * BASE_PAGE;
        if ((int) callInt(MINCORE, MemorySegment.ofAddress(address + at), n * BASE_PAGE, vec) != 0) {
          throw new IllegalStateException("mincore of " + n + " pages at +" + at + " failed");
        }
        long i = 0;
        for (; i + 8 <= n; i += 8) { // eight pages at a time: bit 0 of each byte
          resident += Long.bitCount(vec.get(JAVA_LONG_UNALIGNED, i) & 0x0101010101010101L);
        }
        for (; i < n; i++) {
          resident += vec.get(JAVA_BYTE, i) & 1;
        }
      }
    }
    return resident * BASE_PAGE;
  }

  private static long hugePageSize() {
    try {
      Path pmd = Path.of("/sys/kernel/mm/transparent_hugepage/hpage_pmd_size");
      long bytes = Long.parseLong(Files.readString(pmd).trim());
      return Long.bitCount(bytes) == 1 && bytes >= BASE_PAGE ? bytes : 2L << 20;
    } catch (IOException | RuntimeException e) {
      return 2L << 20;
    }
  }

  /** Bytes of this region the kernel backs with huge pages now (AnonHugePages in smaps). */
  long hugePageBytes() {
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/self/smaps"));
      long total = 0;
      boolean inside = false;
      for (String line : lines) {
        int dash = line.indexOf('-');
        int space = line.indexOf(' ');
        if (dash > 0 && space > dash && isHex(line, 0, dash)) {
          long from = Long.parseUnsignedLong(line.substring(0, dash), 16);
          long to = Long.parseUnsignedLong(line.substring(dash + 1, space), 16);
          inside = from < address + size && to > address;
        } else if (inside && line.startsWith("AnonHugePages:")) {
          total += Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
      return total;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** Unmaps the region: every slice of it becomes inaccessible. */
  void close() {
    scope.close();
  }

  private static boolean isHex(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (Character.digit(s.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  private static void unmap(long address, long size) {
    if ((int) callInt(MUNMAP, MemorySegment.ofAddress(address), size) != 0) {
      throw new IllegalStateException("munmap of " + size + " bytes at " + Long.toHexString(address) + " failed");
    }
  }

  private static MethodHandle handle(String name, FunctionDescriptor descriptor) {
    return LINKER.downcallHandle(
        LINKER.defaultLookup().find(name).orElseThrow(() -> new IllegalStateException("no " + name)),
        descriptor);
  }

  private static long call(MethodHandle h, Object... args) {
    try {
      return ((MemorySegment) h.invokeWithArguments(args)).address();
    } catch (Throwable t) {
      throw new IllegalStateException("native call failed: " + t, t);
    }
  }

  private static long callInt(MethodHandle h, Object... args) {
    try {
      return (int) h.invokeWithArguments(args);
    } catch (Throwable t) {
      throw new IllegalStateException("native call failed: " + t, t);
    }
  }
}
