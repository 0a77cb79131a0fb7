package io.buddykit.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.buddykit.offheap.BuddyArena;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.util.ResourceLeakDetector;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Netty server and client over loopback, both allocating from one arena through {@link
 * BuddyByteBufAllocator}: 100,000 length-prefixed messages of 64 B to 1 MiB echoed and checked
 * (sequence number and CRC32C of the payload), with the leak detector at PARANOID and its reports
 * caught, and the arena's used bytes back to 0 once the channels are closed. Over NIO, and over
 * epoll where the kernel and the native library allow.
 *
 * <p>Leak reports: Netty logs them at ERROR through its internal logger, which here is
 * java.util.logging (no SLF4J on the test path), logger {@code io.netty.util.ResourceLeakDetector};
 * a handler on it collects them. {@link #theLeakHookSeesALeak} shows that the hook catches a real
 * leak, so an empty list means no leak rather than a deaf hook.
 */
class LoopbackEchoTest {
  static final int MESSAGES = 100_000;
  /** Messages in flight at once: enough to keep both directions busy, bounded memory. */
  static final int WINDOW = 32;
  static final int MAX_MESSAGE = 1 << 20;
  /** A message: int length (of what follows), int sequence number, int CRC32C of the payload. */
  static final int HEADER = 12;

  private static final Logger LEAK_LOGGER = Logger.getLogger(ResourceLeakDetector.class.getName());
  private static final List<String> LEAKS = Collections.synchronizedList(new ArrayList<>());
  private static final Handler CATCH = new Handler() {
    @Override
    public void publish(LogRecord r) {
      if (r.getLevel().intValue() >= Level.SEVERE.intValue()) {
        LEAKS.add(r.getMessage());
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };
  private static ResourceLeakDetector.Level before;

  @BeforeAll
  static void paranoid() {
    before = ResourceLeakDetector.getLevel();
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    LEAK_LOGGER.addHandler(CATCH);
    LEAK_LOGGER.setUseParentHandlers(false); // the deliberate leak's report need not reach the console
  }

  @AfterAll
  static void restore() {
    LEAK_LOGGER.removeHandler(CATCH);
    LEAK_LOGGER.setUseParentHandlers(true);
    ResourceLeakDetector.setLevel(before);
  }

  @Test
  void echoOverNio() throws Exception {
    echo(NioIoHandler.newFactory(), NioServerSocketChannel.class, NioSocketChannel.class);
  }

  @Test
  void echoOverEpoll() throws Exception {
    assumeTrue(Epoll.isAvailable(), () -> "epoll unavailable: " + Epoll.unavailabilityCause());
    echo(EpollIoHandler.newFactory(), EpollServerSocketChannel.class, EpollSocketChannel.class);
  }

  @Test
  void theLeakHookSeesALeak() throws Exception {
    try (BuddyArena arena = BuddyArena.create(16L << 20)) {
      BuddyByteBufAllocator alloc = new BuddyByteBufAllocator(arena);
      leakOne(alloc);
      for (int i = 0; i < 100 && LEAKS.isEmpty(); i++) {
        System.gc();
        Thread.sleep(10);
        alloc.directBuffer(64).release(); // the detector reports what the GC found on the next track
      }
      assertThat(LEAKS).as("the leaked buffer is reported").isNotEmpty();
      assertThat(LEAKS.getFirst()).contains("LEAK");
      LEAKS.clear();
    }
  }

  private static void leakOne(BuddyByteBufAllocator alloc) {
    alloc.directBuffer(1000).writeLong(1); // never released
  }

  private static void echo(IoHandlerFactory io, Class<? extends ServerChannel> serverType,
      Class<? extends Channel> clientType) throws Exception {
    BuddyArena arena = BuddyArena.create(256L << 20);
    BuddyByteBufAllocator alloc = new BuddyByteBufAllocator(arena);
    Client client = new Client(sizes(MESSAGES, 42));
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, io);
    try {
      Channel server = new ServerBootstrap().group(group).channel(serverType)
          .option(ChannelOption.ALLOCATOR, alloc)
          .childOption(ChannelOption.ALLOCATOR, alloc)
          .childHandler(pipeline(new Echo()))
          .bind(InetAddress.getLoopbackAddress(), 0).sync().channel();
      Channel channel = new Bootstrap().group(group).channel(clientType)
          .option(ChannelOption.ALLOCATOR, alloc)
          .handler(pipeline(client))
          .connect(server.localAddress()).sync().channel();
      assertThat(client.done.await(120, TimeUnit.SECONDS)).as("echo finished").isTrue();
      channel.close().sync();
      server.close().sync();
    } finally {
      group.shutdownGracefully(0, 5, TimeUnit.SECONDS).sync();
    }
    if (client.failure != null) {
      throw new AssertionError("echo failed after " + client.received + " messages", client.failure);
    }
    assertThat(client.received).isEqualTo(MESSAGES);
    assertThat(client.bytes).isGreaterThan(100L << 20);
    assertThat(arena.usedBytes()).as("every buffer returned to the arena").isZero();
    // Leaks show when the GC has found the lost buffer and the detector next tracks one.
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(20);
      alloc.directBuffer(64).release();
    }
    assertThat(LEAKS).as("leak reports").isEmpty();
    arena.verify();
    arena.close();
  }

  private static ChannelInitializer<Channel> pipeline(ChannelHandler handler) {
    return new ChannelInitializer<>() {
      @Override
      protected void initChannel(Channel ch) {
        ch.pipeline().addLast(new LengthFieldBasedFrameDecoder(MAX_MESSAGE, 0, 4), handler);
      }
    };
  }

  /**
   * Message sizes, 64 B to 1 MiB: the first is 64 B and the second 1 MiB; of the rest 0.1% are 256
   * KiB to 1 MiB, 3% 2 KiB to 64 KiB and the others 64 B to 2 KiB (about 250 MiB each way).
   */
  static int[] sizes(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] s = new int[n];
    for (int i = 0; i < n; i++) {
      int pick = r.nextInt(1000);
      s[i] = i == 0 ? 64 : i == 1 ? MAX_MESSAGE
          : pick == 0 ? r.nextInt(256 << 10, MAX_MESSAGE + 1)
          : pick < 30 ? r.nextInt(2 << 10, (64 << 10) + 1)
          : r.nextInt(64, (2 << 10) + 1);
    }
    return s;
  }

  /** The server: every frame written back as it came (its reference passes to the write). */
  @ChannelHandler.Sharable
  static final class Echo extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ctx.write(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      ctx.flush();
    }
  }

  /** The client: keeps WINDOW messages in flight and checks each echo in order. */
  static final class Client extends SimpleChannelInboundHandler<ByteBuf> {
    final int[] sizes;
    final CountDownLatch done = new CountDownLatch(1);
    volatile int received;
    volatile long bytes;
    volatile Throwable failure;
    private int sent;
    private final CRC32C crc = new CRC32C();

    Client(int[] sizes) {
      this.sizes = sizes;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      while (sent < Math.min(WINDOW, sizes.length)) {
        send(ctx);
      }
      ctx.flush();
    }

    /**
     * Writes through one NIO view of the buffer: at PARANOID the leak detector records a stack
     * trace on every ByteBuf call, so a call per long would dominate the test's time.
     */
    private void send(ChannelHandlerContext ctx) {
      int seq = sent++;
      int size = sizes[seq];
      ByteBuf m = ctx.alloc().directBuffer(size);
      ByteBuffer nio = m.nioBuffer(0, size);
      nio.putInt(size - 4).putInt(seq).putInt(0);
      SplittableRandom content = new SplittableRandom(seq);
      while (nio.remaining() >= 8) {
        nio.putLong(content.nextLong());
      }
      while (nio.hasRemaining()) {
        nio.put((byte) content.nextInt());
      }
      nio.putInt(8, checksum(nio));
      m.writerIndex(size);
      ctx.write(m);
    }

    private int checksum(ByteBuffer message) {
      crc.reset();
      crc.update(message.slice(HEADER, message.limit() - HEADER));
      return (int) crc.getValue();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
      ByteBuffer nio = frame.nioBuffer();
      int seq = nio.getInt(4);
      if (seq != received || nio.remaining() != sizes[seq]) {
        throw new IllegalStateException("echo " + received + ": got sequence " + seq + " of "
            + nio.remaining() + " bytes");
      }
      if (nio.getInt(8) != checksum(nio)) {
        throw new IllegalStateException("echo " + seq + ": CRC32C differs");
      }
      bytes += nio.remaining();
      received = seq + 1;
      if (sent < sizes.length) {
        send(ctx);
      }
      if (received == sizes.length) {
        done.countDown();
      }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      failure = cause;
      done.countDown();
      ctx.close();
    }
  }
}
