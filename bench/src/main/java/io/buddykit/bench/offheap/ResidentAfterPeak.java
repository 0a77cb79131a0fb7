package io.buddykit.bench.offheap;

import io.buddykit.offheap.ArenaStats;
import io.buddykit.offheap.BuddyArena;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocatorMetric;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Memory given back after a peak (issue 15 section 3), one allocator per JVM so the process's
 * resident size is its own: 1 GiB in mixed buffers (64 B to 4 MiB, log-uniform, seed 15), every
 * 4 KiB page written, then all but a random 1% freed and the thread's cache trimmed (BuddyArena's
 * {@code trim()}, Netty's {@code trimCurrentThreadCache()}); then the resident size is sampled
 * for {@code seconds}. Prints the live bytes, the allocator's own figure (BuddyArena: the
 * mapping's resident bytes from mincore; Netty pooled: its chunks' memory, {@code
 * usedDirectMemory}) and the process's VmRSS above what it was before the first allocation.
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp CLASSPATH io.buddykit.bench.offheap.ResidentAfterPeak \
 *     buddy|nettyPooled [seconds [purgeSizeKiB [decayMs]]]
 * </pre>
 *
 * Defaults: 15 s, and the arena's defaults (2 MiB purge size, 10 s decay).
 */
public final class ResidentAfterPeak {
  private static final long MIB = 1 << 20;
  private static final long GIB = 1 << 30;

  private ResidentAfterPeak() {}

  /** One allocator under the pattern. */
  private interface Subject extends AutoCloseable {
    Object allocate(int size);

    void write(Object buffer, int offset);

    void free(Object buffer);

    void trim();

    /** The allocator's own view of what it holds from the kernel, in bytes. */
    long held();

    String describe();

    @Override
    void close();
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 1 || !List.of("buddy", "nettyPooled").contains(args[0])) {
      System.err.println("buddykit: usage: ResidentAfterPeak buddy|nettyPooled [seconds [purgeSizeKiB [decayMs]]]");
      System.exit(2);
    }
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
    long rss0 = vmRss();
    try (Subject s = args[0].equals("buddy") ? buddy(args) : nettyPooled()) {
      run(s, seconds, rss0);
    }
  }

  private static void run(Subject s, int seconds, long rss0) throws InterruptedException {
    SplittableRandom r = new SplittableRandom(15);
    List<Object> all = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    for (long total = 0; total < GIB; ) {
      int size = (int) Math.max(64, Math.exp(Math.log(64) + r.nextDouble() * Math.log(4 * MIB / 64.0)));
      Object b = s.allocate(size);
      for (int p = 0; p < size; p += 4096) {
        s.write(b, p);
      }
      all.add(b);
      sizes.add(size);
      total += size;
    }
    System.out.printf("%s: %d buffers, peak: held %d MiB, VmRSS +%d MiB%n", s.describe(), all.size(),
        s.held() / MIB, (vmRss() - rss0) / MIB);
    long live = 0;
    for (int i = 0; i < all.size(); i++) {
      if (r.nextInt(100) == 0) {
        live += sizes.get(i);
      } else {
        s.free(all.get(i));
      }
    }
    s.trim();
    long t0 = System.nanoTime();
    for (int t = 0; t <= seconds; t++) {
      if (t == 0 || t == seconds || t % 5 == 0) {
        System.out.printf("  t=%2d s: live %d MiB, held %d MiB, VmRSS +%d MiB%n",
            (System.nanoTime() - t0) / 1_000_000_000L, live / MIB, s.held() / MIB, (vmRss() - rss0) / MIB);
      }
      Thread.sleep(1000);
    }
  }

  private static Subject buddy(String[] args) {
    BuddyArena.Builder b = BuddyArena.builder(2 * GIB);
    String options = "";
    if (args.length > 2) {
      b.purgeSize(Long.parseLong(args[2]) << 10);
      options += "purge size " + args[2] + " KiB ";
    }
    if (args.length > 3) {
      b.purgeDecay(Duration.ofMillis(Long.parseLong(args[3])));
      options += "decay " + args[3] + " ms";
    }
    BuddyArena arena = b.build();
    String name = "BuddyArena "
        + (options.isEmpty() ? "(defaults: purge size 2 MiB, decay 10 s)" : "(" + options.trim() + ")");
    return new Subject() {
      @Override
      public Object allocate(int size) {
        return arena.allocate(size);
      }

      @Override
      public void write(Object buffer, int offset) {
        ((java.lang.foreign.MemorySegment) buffer).set(java.lang.foreign.ValueLayout.JAVA_BYTE, offset, (byte) 1);
      }

      @Override
      public void free(Object buffer) {
        arena.free((java.lang.foreign.MemorySegment) buffer);
      }

      @Override
      public void trim() {
        arena.trim();
      }

      @Override
      public long held() {
        ArenaStats st = arena.stats();
        return st.residentBytes();
      }

      @Override
      public String describe() {
        return name + ", held = resident bytes of the mapping (mincore)";
      }

      @Override
      public void close() {
        arena.close();
      }
    };
  }

  private static Subject nettyPooled() {
    PooledByteBufAllocator alloc = new PooledByteBufAllocator(true,
        PooledByteBufAllocator.defaultNumHeapArena(), PooledByteBufAllocator.defaultNumDirectArena(),
        PooledByteBufAllocator.defaultPageSize(), PooledByteBufAllocator.defaultMaxOrder(),
        PooledByteBufAllocator.defaultSmallCacheSize(), PooledByteBufAllocator.defaultNormalCacheSize(), true);
    PooledByteBufAllocatorMetric metric = alloc.metric();
    return new Subject() {
      @Override
      public Object allocate(int size) {
        return alloc.directBuffer(size, size);
      }

      @Override
      public void write(Object buffer, int offset) {
        ((ByteBuf) buffer).setByte(offset, 1);
      }

      @Override
      public void free(Object buffer) {
        ((ByteBuf) buffer).release();
      }

      @Override
      public void trim() {
        alloc.trimCurrentThreadCache();
      }

      @Override
      public long held() {
        return metric.usedDirectMemory();
      }

      @Override
      public String describe() {
        return "Netty PooledByteBufAllocator (" + metric.numDirectArenas() + " direct arenas, chunk "
            + metric.chunkSize() / 1024 + " KiB), held = usedDirectMemory (its chunks)";
      }

      @Override
      public void close() {}
    };
  }

  /** The process's resident set from /proc/self/status, in bytes. */
  private static long vmRss() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read /proc/self/status", e);
    }
    throw new IllegalStateException("no VmRSS in /proc/self/status");
  }
}
