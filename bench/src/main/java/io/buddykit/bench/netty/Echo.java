package io.buddykit.bench.netty;

import io.buddykit.netty.BuddyByteBufAllocator;
import io.buddykit.offheap.BuddyArena;
import io.netty.buffer.AdaptiveByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One echo through a Netty pipeline per op, with each allocator: the client allocates a message of
 * {@code size} bytes (4-byte length, 4-byte sequence number, the rest left as the allocator gave
 * it), the server's {@code LengthFieldBasedFrameDecoder} cuts the frame, the server's handler
 * answers with a copy in a buffer of its own (as a handler encoding a response does) and releases
 * the request, and the client reads the answer and releases it. So two allocations and two frees
 * per op, plus Netty's reference counting, decoder and pipeline; the copy costs the same for every
 * allocator. The score is ns per echo.
 *
 * <p>An {@code EmbeddedChannel} runs the pipeline on the calling thread, with no sockets: what
 * differs between the runs is the allocator. Leak detection is off, as in production.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Dio.netty.leakDetection.level=disabled"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class Echo {
  public static final String BUDDY = "buddy";
  public static final String NETTY_POOLED = "nettyPooled";
  public static final String NETTY_ADAPTIVE = "nettyAdaptive";

  @Param({BUDDY, NETTY_POOLED, NETTY_ADAPTIVE})
  public String allocator;

  @Param({"256", "4096", "65536", "1048576"})
  public int size;

  private BuddyArena arena;
  private ByteBufAllocator alloc;
  private EmbeddedChannel server;
  private int seq;

  @Setup(Level.Trial)
  public void setup() {
    alloc = switch (allocator) {
      case BUDDY -> {
        arena = BuddyArena.create(1L << 30);
        yield new BuddyByteBufAllocator(arena);
      }
      case NETTY_POOLED -> new PooledByteBufAllocator(true);
      case NETTY_ADAPTIVE -> new AdaptiveByteBufAllocator(true, true);
      default -> throw new IllegalArgumentException("unknown allocator: " + allocator);
    };
    server = new EmbeddedChannel();
    server.config().setAllocator(alloc);
    server.pipeline().addLast(new LengthFieldBasedFrameDecoder(2 << 20, 0, 4), new Respond());
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    server.finishAndReleaseAll();
    if (arena != null) {
      if (arena.usedBytes() != 0) {
        throw new IllegalStateException("echo left " + arena.usedBytes() + " bytes in the arena");
      }
      arena.close();
    }
  }

  /** One request in, one answer out, both released; returns the answer's sequence number. */
  @Benchmark
  public int echo() {
    ByteBuf request = alloc.directBuffer(size);
    request.writeInt(size - 4).writeInt(seq++).writerIndex(size);
    server.writeInbound(request);
    ByteBuf answer = server.readOutbound();
    int got = answer.getInt(4);
    answer.release();
    return got;
  }

  /** The server: answers each frame with a copy from the channel's allocator. */
  static final class Respond extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf frame = (ByteBuf) msg;
      ByteBuf answer = ctx.alloc().directBuffer(frame.readableBytes());
      answer.writeBytes(frame);
      frame.release();
      ctx.writeAndFlush(answer);
    }
  }
}
