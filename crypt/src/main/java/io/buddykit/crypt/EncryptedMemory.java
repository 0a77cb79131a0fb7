package io.buddykit.crypt;

import io.buddykit.core.BuddyAllocator;
import io.buddykit.offheap.BuddyArena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.SplittableRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Memory encrypted line by line with AES-GCM, allocated in buddy blocks of lines (64 bytes by
 * default). The ciphertext and the 16-byte tag of each line sit in untrusted memory — real
 * off-heap memory from a {@link BuddyArena}, which an attacker may read and write ({@link
 * #untrusted()}); the key, each line's write counter and each
 * allocation's epoch sit in trusted memory, as a memory-encryption engine keeps them on chip.
 *
 * <p>The IV of a write is derived by the chosen {@link IvScheme}; the associated data binds the
 * line to its address, its block's start and order, and its allocation's epoch, so ciphertext
 * copied to another line or block, or replayed from an earlier allocation, fails authentication
 * ({@link IntegrityViolation}), and the trusted write counter makes a replay of an older write of
 * the same allocation fail too. Before a write counter or the epoch counter would wrap, the memory
 * re-keys and re-encrypts every live line, so under {@link IvScheme#EPOCH} no IV ever repeats
 * under one key; the {@link IvAuditor} checks that claim on every encryption.
 *
 * <p>Not thread-safe.
 */
public final class EncryptedMemory implements AutoCloseable {
  private static final int TAG = 16;

  private final IvScheme scheme;
  private final int lineSize;
  private final int counterBits;
  private final int epochBits;
  private final long lines;
  private final BuddyAllocator buddy;

  // Untrusted memory, off the heap: ciphertext and tags, in segments of a BuddyArena.
  private final BuddyArena arena;
  private final MemorySegment data;
  private final MemorySegment tags;

  // Trusted memory.
  private final int[] counter;
  /** Per block start line: the allocation serial that holds it. */
  private final long[] allocationAt;
  private long[] allocBlock = new long[1024];
  private int[] allocOrder = new int[1024];
  private long[] allocEpoch = new long[1024];
  private long allocations;
  private long epochCounter;
  private int keyId;
  private SecretKeySpec key;
  private final SplittableRandom keySource;
  private final IvAuditor auditor;

  // The JDK refuses to encrypt with the (key, IV) a Cipher object used last: a guard that sees
  // only consecutive calls on one object. The insecure schemes are here to be measured, so the
  // encrypting cipher is one whose last IV differs (a fresh one if need be), and the auditor, not
  // that guard, finds every reuse.
  private final Cipher[] ciphers = new Cipher[2];
  private final byte[][] lastIv = new byte[2][12];
  private final byte[] iv = new byte[12];
  private final byte[] aad = new byte[25];
  private final byte[] plain;
  private final byte[] sealed;

  private long encryptions;
  private long decryptions;
  private long rekeys;

  private EncryptedMemory(Builder b) {
    if (Integer.bitCount(b.lineSize) != 1 || b.lineSize < 16 || b.lineSize > 4096) {
      throw new IllegalArgumentException("line size must be a power of two in [16, 4096], got " + b.lineSize);
    }
    if (b.counterBits < 2 || b.counterBits > 24) {
      throw new IllegalArgumentException("counter bits must be in [2, 24], got " + b.counterBits);
    }
    if (b.epochBits < 1 || b.epochBits > 40) {
      throw new IllegalArgumentException("epoch bits must be in [1, 40], got " + b.epochBits);
    }
    long n = b.bytes / b.lineSize;
    if (n < 1 || n > (1L << 26)) {
      throw new IllegalArgumentException("memory must hold 1 to 2^26 lines, got " + n);
    }
    this.scheme = b.scheme;
    this.lineSize = b.lineSize;
    this.counterBits = b.counterBits;
    this.epochBits = b.epochBits;
    this.lines = n;
    this.buddy = BuddyAllocator.create(n, Math.min(b.maxOrder, 63 - Long.numberOfLeadingZeros(n)));
    // The untrusted memory is real off-heap memory: two page-aligned buddy blocks of an arena.
    long dataBytes = n * lineSize;
    long tagBytes = n * TAG;
    int page = 4096;
    long arenaBytes = blockFor(dataBytes, page) + blockFor(tagBytes, page);
    this.arena = BuddyArena.builder(arenaBytes)
        .maxOrder(Math.min(30, 63 - Long.numberOfLeadingZeros(arenaBytes / page))).build();
    this.data = arena.allocate(dataBytes, page);
    this.tags = arena.allocate(tagBytes, page);
    this.counter = new int[(int) n];
    this.allocationAt = new long[(int) n];
    this.keySource = b.seed == null ? null : new SplittableRandom(b.seed);
    this.plain = new byte[lineSize];
    this.sealed = new byte[lineSize + TAG];
    this.auditor = b.audit ? new IvAuditor(new IvAuditor.Allocations() {
      @Override
      public long blockLine(long a) {
        return allocBlock[(int) a];
      }

      @Override
      public int order(long a) {
        return allocOrder[(int) a];
      }

      @Override
      public long epoch(long a) {
        return allocEpoch[(int) a];
      }
    }) : null;
    try {
      ciphers[0] = Cipher.getInstance("AES/GCM/NoPadding");
      ciphers[1] = Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/GCM is not available", e);
    }
    newKey();
  }

  /** The buddy block (a power of two of pages) that holds {@code bytes}. */
  private static long blockFor(long bytes, int page) {
    long pages = (bytes + page - 1) / page;
    return (long) page << (64 - Long.numberOfLeadingZeros(Math.max(1, pages) - 1));
  }

  public static Builder builder(long bytes) {
    return new Builder(bytes);
  }

  /** Options of an {@link EncryptedMemory}. */
  public static final class Builder {
    private final long bytes;
    private int lineSize = 64;
    private IvScheme scheme = IvScheme.EPOCH;
    private int counterBits = 24;
    private int epochBits = 40;
    private int maxOrder = 16;
    private boolean audit = true;
    private Long seed;

    private Builder(long bytes) {
      this.bytes = bytes;
    }

    public Builder lineSize(int bytes) {
      this.lineSize = bytes;
      return this;
    }

    public Builder scheme(IvScheme s) {
      this.scheme = s;
      return this;
    }

    /** Width of the per-line write counter in the IV, 2 to 24 (default 24; small ones test re-keying). */
    public Builder counterBits(int bits) {
      this.counterBits = bits;
      return this;
    }

    /** Width of the epoch in the IV, 1 to 40 (default 40); it must number the live blocks. */
    public Builder epochBits(int bits) {
      this.epochBits = bits;
      return this;
    }

    /** The largest block is 2^maxOrder lines (default 16). */
    public Builder maxOrder(int order) {
      this.maxOrder = order;
      return this;
    }

    /** Record every (key, IV) and count reuses (default on). */
    public Builder audit(boolean on) {
      this.audit = on;
      return this;
    }

    /** Derive keys from a seed (reproducible runs) instead of SecureRandom. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public EncryptedMemory build() {
      return new EncryptedMemory(this);
    }
  }

  // ------------------------------------------------------------------ allocation

  /** Allocates a block of lines for {@code bytes} (rounded up to a power of two of lines); its address. */
  public long allocate(long bytes) {
    if (bytes < 1) {
      throw new IllegalArgumentException("size must be at least 1 byte, got " + bytes);
    }
    long lines = (bytes + lineSize - 1) / lineSize;
    if (lines > this.lines) {
      throw new IllegalArgumentException(bytes + " bytes exceed the memory of " + this.lines * lineSize);
    }
    ensureEpochs(1); // re-key now, if needed, while no half-made allocation exists
    long start;
    try {
      start = buddy.allocateUnits(lines);
    } catch (io.buddykit.core.InvalidRequestException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    begin(start, buddy.orderOf(start));
    return start * lineSize;
  }

  /** Frees the block at {@code address}; its lines' ciphertext stays, unreadable to the next owner. */
  public void free(long address) {
    long start = blockLine(address);
    buddy.free(start);
  }

  /**
   * Splits the live block at {@code address} into two live halves (the seed's split): every
   * written line is decrypted and encrypted again as part of its half, with the half's order and
   * a new allocation (and epoch), so its associated data stays true.
   */
  public void split(long address) {
    long start = blockLine(address);
    int order = buddy.orderOf(start);
    if (order == 0) {
      throw new IllegalArgumentException("block at " + address + " is one line: nothing to split");
    }
    ensureEpochs(2);
    long n = 1L << order;
    byte[][] saved = new byte[(int) n][];
    for (long i = 0; i < n; i++) {
      if (counter[(int) (start + i)] > 0) {
        saved[(int) i] = decrypt(start + i, start, order);
      }
    }
    buddy.split(start);
    long half = n / 2;
    begin(start, order - 1);
    begin(start + half, order - 1);
    for (long i = 0; i < n; i++) {
      if (saved[(int) i] != null) {
        long blockStart = i < half ? start : start + half;
        encrypt(start + i, blockStart, order - 1, saved[(int) i]);
      }
    }
  }

  /**
   * Makes sure {@code needed} more epochs can be drawn under the current key, re-keying first if
   * not; called before anything changes, so a re-key never meets a half-made allocation.
   */
  private void ensureEpochs(int needed) {
    if (epochCounter + needed >= 1L << epochBits) {
      rekey();
      if (epochCounter + needed >= 1L << epochBits) {
        throw new IllegalStateException("the " + epochBits + "-bit epoch cannot number the "
            + buddy.liveAllocations() + " live blocks and " + needed + " more under one key");
      }
    }
  }

  /** Starts an allocation's life: a fresh epoch (reserved by ensureEpochs), counters at zero. */
  private void begin(long start, int order) {
    long a = allocations++;
    if (a >= allocBlock.length) {
      allocBlock = Arrays.copyOf(allocBlock, allocBlock.length * 2);
      allocOrder = Arrays.copyOf(allocOrder, allocOrder.length * 2);
      allocEpoch = Arrays.copyOf(allocEpoch, allocEpoch.length * 2);
    }
    allocBlock[(int) a] = start;
    allocOrder[(int) a] = order;
    allocEpoch[(int) a] = ++epochCounter;
    allocationAt[(int) start] = a;
    Arrays.fill(counter, (int) start, (int) (start + (1L << order)), 0);
  }

  // ------------------------------------------------------------------ reads and writes

  /** Writes {@code src} at {@code offset} in the block at {@code address}, line by line. */
  public void write(long address, long offset, byte[] src) {
    long start = blockLine(address);
    int order = buddy.orderOf(start);
    checkSpan(address, order, offset, src.length);
    if (src.length == 0) {
      return;
    }
    // Read the partly written first and last lines before changing anything: if one of them fails
    // authentication, the write fails whole.
    long firstLine = start + offset / lineSize;
    long lastLine = start + (offset + src.length - 1) / lineSize;
    byte[] head = counter[(int) firstLine] > 0 && (offset % lineSize != 0 || src.length < lineSize)
        ? decrypt(firstLine, start, order) : null;
    byte[] tail = lastLine != firstLine && counter[(int) lastLine] > 0
        && (offset + src.length) % lineSize != 0 ? decrypt(lastLine, start, order) : null;
    long pos = offset;
    int done = 0;
    while (done < src.length) {
      long line = start + pos / lineSize;
      int within = (int) (pos % lineSize);
      int n = Math.min(lineSize - within, src.length - done);
      byte[] content = line == firstLine && head != null ? head
          : line == lastLine && tail != null ? tail : blank(n);
      System.arraycopy(src, done, content, within, n);
      encrypt(line, start, order, content);
      pos += n;
      done += n;
    }
  }

  /** Reads {@code length} bytes at {@code offset} in the block at {@code address}, verifying each line. */
  public byte[] read(long address, long offset, int length) {
    long start = blockLine(address);
    int order = buddy.orderOf(start);
    checkSpan(address, order, offset, length);
    byte[] out = new byte[length];
    long pos = offset;
    int done = 0;
    while (done < length) {
      long line = start + pos / lineSize;
      int within = (int) (pos % lineSize);
      int n = Math.min(lineSize - within, length - done);
      if (counter[(int) line] > 0) {
        System.arraycopy(decrypt(line, start, order), within, out, done, n);
      } // a line not written in this allocation reads as zeros
      pos += n;
      done += n;
    }
    return out;
  }

  /** The reused line buffer, cleared unless the caller's bytes will cover all of it. */
  private byte[] blank(int covered) {
    if (covered < lineSize) {
      Arrays.fill(plain, (byte) 0);
    }
    return plain;
  }

  private void encrypt(long line, long blockStart, int order, byte[] content) {
    if (counter[(int) line] + 1L >= 1L << counterBits) {
      rekey(); // the counter would wrap: re-key first (this resets every counter)
    }
    long allocation = allocationAt[(int) blockStart];
    int c = ++counter[(int) line];
    ivOf(line, order, allocEpoch[(int) allocation], c);
    aadOf(line, blockStart, order, allocEpoch[(int) allocation]);
    try {
      int pick = Arrays.equals(lastIv[1], iv) ? 0 : 1;
      if (Arrays.equals(lastIv[pick], iv)) {
        ciphers[pick] = Cipher.getInstance("AES/GCM/NoPadding");
      }
      System.arraycopy(iv, 0, lastIv[pick], 0, 12);
      Cipher cipher = ciphers[pick];
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG * 8, iv));
      cipher.updateAAD(aad);
      cipher.doFinal(content, 0, lineSize, sealed, 0);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption failed: " + e, e);
    }
    MemorySegment.copy(sealed, 0, data, ValueLayout.JAVA_BYTE, line * lineSize, lineSize);
    MemorySegment.copy(sealed, lineSize, tags, ValueLayout.JAVA_BYTE, line * TAG, TAG);
    encryptions++;
    if (auditor != null) {
      auditor.record(keyId, iv, line, allocation);
    }
  }

  private byte[] decrypt(long line, long blockStart, int order) {
    long allocation = allocationAt[(int) blockStart];
    ivOf(line, order, allocEpoch[(int) allocation], counter[(int) line]);
    aadOf(line, blockStart, order, allocEpoch[(int) allocation]);
    MemorySegment.copy(data, ValueLayout.JAVA_BYTE, line * lineSize, sealed, 0, lineSize);
    MemorySegment.copy(tags, ValueLayout.JAVA_BYTE, line * TAG, sealed, lineSize, TAG);
    byte[] out = new byte[lineSize];
    try {
      Cipher cipher = ciphers[0];
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG * 8, iv));
      cipher.updateAAD(aad);
      cipher.doFinal(sealed, 0, lineSize + TAG, out, 0);
    } catch (AEADBadTagException e) {
      throw new IntegrityViolation(line * lineSize, "line at address 0x" + Long.toHexString(line * lineSize)
          + " failed authentication: its ciphertext or tag was changed, copied from another line,"
          + " or replayed from an earlier write or allocation");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM decryption failed: " + e, e);
    }
    decryptions++;
    return out;
  }

  /** The 96-bit IV of {@link IvScheme}'s layout, into {@link #iv}. */
  private void ivOf(long line, int order, long epoch, int count) {
    long fixedAndHigh = switch (scheme) {
      case ADDRESS -> 0L;
      case ADDRESS_ORDER -> (long) order << 8;
      case EPOCH -> epoch;
    };
    // bits 95..56: 40 bits (fixed field + 8 invocation bits); 55..24: line; 23..0: counter
    long top = fixedAndHigh & ((1L << 40) - 1);
    long low = (top & 0xff) << 56 | (line & 0xffffffffL) << 24 | (count & 0xffffffL);
    writeInt(iv, 0, (int) (top >>> 8));
    writeLong(iv, 4, low);
  }

  private void aadOf(long line, long blockStart, int order, long epoch) {
    writeLong(aad, 0, line * lineSize);
    writeLong(aad, 8, blockStart);
    aad[16] = (byte) order;
    writeLong(aad, 17, epoch);
  }

  /** A new key; every live line re-encrypted under it in a new epoch of its allocation. */
  private void rekey() {
    if (buddy.liveAllocations() + 1 >= 1L << epochBits) {
      throw new IllegalStateException("the " + epochBits + "-bit epoch cannot number the "
          + buddy.liveAllocations() + " live blocks under one key: use more epoch bits");
    }
    // Decrypt every live written line under the old key first.
    long[] liveStarts = new long[(int) buddy.liveAllocations()];
    int[] liveOrders = new int[liveStarts.length];
    int[] k = {0};
    buddy.forEachLive((s, size, order, cls) -> {
      liveStarts[k[0]] = s;
      liveOrders[k[0]++] = order;
    });
    byte[][][] saved = new byte[liveStarts.length][][];
    for (int b = 0; b < liveStarts.length; b++) {
      long n = 1L << liveOrders[b];
      saved[b] = new byte[(int) n][];
      for (long i = 0; i < n; i++) {
        if (counter[(int) (liveStarts[b] + i)] > 0) {
          saved[b][(int) i] = decrypt(liveStarts[b] + i, liveStarts[b], liveOrders[b]);
        }
      }
    }
    newKey();
    epochCounter = 0;
    rekeys++;
    for (int b = 0; b < liveStarts.length; b++) {
      begin(liveStarts[b], liveOrders[b]);
      for (int i = 0; i < saved[b].length; i++) {
        if (saved[b][i] != null) {
          encrypt(liveStarts[b] + i, liveStarts[b], liveOrders[b], saved[b][i]);
        }
      }
    }
  }

  private void newKey() {
    byte[] bytes = new byte[16];
    if (keySource != null) {
      for (int i = 0; i < 16; i += 8) {
        writeLong(bytes, i, keySource.nextLong());
      }
    } else {
      new SecureRandom().nextBytes(bytes);
    }
    key = new SecretKeySpec(bytes, "AES");
    keyId++;
  }

  private long blockLine(long address) {
    if (address < 0 || address % lineSize != 0 || address / lineSize >= lines) {
      throw new IllegalArgumentException("address " + address + " is not a line of this memory");
    }
    long start = address / lineSize;
    if (!buddy.isLive(start)) {
      throw new IllegalArgumentException("address " + address + " does not start a live block");
    }
    return start;
  }

  private void checkSpan(long address, int order, long offset, int length) {
    long size = (long) lineSize << order;
    if (offset < 0 || length < 0 || offset > size - length) {
      throw new IllegalArgumentException("[" + offset + ", " + (offset + length) + ") is outside the block of "
          + size + " bytes at " + address);
    }
  }

  // ------------------------------------------------------------------ what the attacker sees

  /** The untrusted memory: ciphertext and tags, which an attacker can read, copy and overwrite. */
  public Untrusted untrusted() {
    return new Untrusted();
  }

  /** Raw access to the ciphertext and tag of each line, for attacks in tests and demos. */
  public final class Untrusted {
    /** A copy of the line's ciphertext followed by its tag. */
    public byte[] line(long address) {
      int line = (int) (address / lineSize);
      byte[] out = new byte[lineSize + TAG];
      MemorySegment.copy(data, ValueLayout.JAVA_BYTE, (long) line * lineSize, out, 0, lineSize);
      MemorySegment.copy(tags, ValueLayout.JAVA_BYTE, (long) line * TAG, out, lineSize, TAG);
      return out;
    }

    /** Overwrites a line's ciphertext and tag (a splice or a replay). */
    public void put(long address, byte[] sealedLine) {
      int line = (int) (address / lineSize);
      MemorySegment.copy(sealedLine, 0, data, ValueLayout.JAVA_BYTE, (long) line * lineSize, lineSize);
      MemorySegment.copy(sealedLine, lineSize, tags, ValueLayout.JAVA_BYTE, (long) line * TAG, TAG);
    }

    /** Flips one bit of the ciphertext at a byte address. */
    public void flip(long address, int bit) {
      data.set(ValueLayout.JAVA_BYTE, address, (byte) (data.get(ValueLayout.JAVA_BYTE, address) ^ (1 << bit)));
    }
  }

  // ------------------------------------------------------------------ statistics

  public IvScheme scheme() {
    return scheme;
  }

  public int lineSize() {
    return lineSize;
  }

  /** The auditor, or null when auditing is off. */
  public IvAuditor auditor() {
    return auditor;
  }

  public long encryptions() {
    return encryptions;
  }

  public long decryptions() {
    return decryptions;
  }

  public long rekeys() {
    return rekeys;
  }

  public int keyId() {
    return keyId;
  }

  public long liveBlocks() {
    return buddy.liveAllocations();
  }

  /** Gives the untrusted memory back to the kernel; the memory serves no more calls. */
  @Override
  public void close() {
    arena.close();
  }

  static void writeInt(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }

  static void writeLong(byte[] b, int at, long v) {
    writeInt(b, at, (int) (v >>> 32));
    writeInt(b, at + 4, (int) v);
  }
}
