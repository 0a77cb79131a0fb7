package io.buddykit.bench.crypt;

import io.buddykit.crypt.EncryptedMemory;
import io.buddykit.crypt.IvScheme;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of {@link EncryptedMemory} per {@link IvScheme}, and its overhead over plain memory.
 * Each op writes {@code bytes} bytes (a precomputed random array) at offset 0 of one block
 * allocated once in setup, then reads them back and returns them (JMH consumes the result). With
 * 64-byte lines, {@code bytes = 64} is one line (one AES-GCM encryption and one decryption per op)
 * and {@code bytes = 4096} is a page (64 of each); the writes cover whole lines, so no
 * read-modify-write decryption happens on the write path.
 *
 * <p>Why: the IV schemes differ in what they put in the IV (nothing extra, the block's order, or a
 * per-allocation epoch), which is a security difference; this measures whether it is also a cost
 * difference, and what line-by-line authenticated encryption costs relative to an unencrypted copy.
 *
 * <p>{@code scheme = "plain"} is the baseline: the same write and read of the same bytes through a
 * plain {@code byte[]} memory of the same size, with the same API shape (write copies {@code src}
 * in; read copies into a fresh {@code byte[bytes]} and returns it), no encryption, no allocator
 * lookup.
 *
 * <p>The memory is 16 MiB with auditing off (the {@link io.buddykit.crypt.IvAuditor} is a test tool
 * that records every (key, IV) and would dominate) and a fixed key seed. The per-line write counter
 * (24 bits) wraps after about 16.7 million writes of a line; the memory then re-keys, which here
 * re-encrypts only the one live block, so any re-key is a small part of the measured cost.
 *
 * <p>The score is ops/s; each op moves {@code bytes} in and {@code bytes} out, so
 * {@code GB/s = ops/s × bytes × 2 / 1e9}, and the overhead factor of a scheme is
 * {@code plain ops/s / scheme ops/s} at the same {@code bytes}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class EncryptedThroughput {

  static final long MEMORY = 16L << 20;
  static final long SEED = 0x5eed_c0deL;
  static final String PLAIN = "plain";

  @Param({"address", "address+order", "epoch", PLAIN})
  public String scheme;

  @Param({"64", "4096"})
  public int bytes;

  /** The encrypted memory, or null for the plain baseline. */
  private EncryptedMemory memory;
  /** The plain baseline's memory, or null for an encrypted scheme. */
  private byte[] plain;
  private long address;
  private byte[] src;

  @Setup(Level.Trial)
  public void setup() {
    src = new byte[bytes];
    new SplittableRandom(SEED).nextBytes(src);
    if (PLAIN.equals(scheme)) {
      plain = new byte[(int) MEMORY];
      address = 0;
    } else {
      memory = EncryptedMemory.builder(MEMORY)
          .scheme(IvScheme.parse(scheme))
          .audit(false)
          .seed(SEED)
          .build();
      address = memory.allocate(bytes);
    }
    // One checked round trip, so the benchmark measures a path that works.
    byte[] back = writeRead();
    if (!Arrays.equals(src, back)) {
      throw new IllegalStateException(scheme + ": read back differs from what was written");
    }
  }

  @Benchmark
  public byte[] writeRead() {
    if (memory != null) {
      memory.write(address, 0, src);
      return memory.read(address, 0, bytes);
    }
    System.arraycopy(src, 0, plain, (int) address, bytes);
    byte[] out = new byte[bytes];
    System.arraycopy(plain, (int) address, out, 0, bytes);
    return out;
  }
}
