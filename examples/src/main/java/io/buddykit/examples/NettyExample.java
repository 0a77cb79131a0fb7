package io.buddykit.examples;

import io.buddykit.netty.BuddyByteBufAllocator;
import io.buddykit.offheap.BuddyArena;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The README's Netty sample: a server and a client on loopback whose buffers come from one arena
 * through {@link BuddyByteBufAllocator}, installed with {@code ChannelOption.ALLOCATOR}.
 */
public final class NettyExample {
  private NettyExample() {}

  public static void main(String[] args) throws Exception {
    byte[] hello = "hello, buddy".getBytes(StandardCharsets.UTF_8);
    try (BuddyArena arena = BuddyArena.create(256L << 20)) {
      BuddyByteBufAllocator alloc = new BuddyByteBufAllocator(arena);
      EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
      CompletableFuture<String> answer = new CompletableFuture<>();
      try {
        Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
            .option(ChannelOption.ALLOCATOR, alloc)
            .childOption(ChannelOption.ALLOCATOR, alloc)
            .childHandler(handler(new ChannelInboundHandlerAdapter() {
              @Override
              public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ctx.writeAndFlush(msg); // echo: the buffer's reference passes to the write
              }
            }))
            .bind(InetAddress.getLoopbackAddress(), 0).sync().channel();
        Channel client = new Bootstrap().group(group).channel(NioSocketChannel.class)
            .option(ChannelOption.ALLOCATOR, alloc)
            .handler(handler(new ChannelInboundHandlerAdapter() {
              private final StringBuilder got = new StringBuilder();

              @Override
              public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ByteBuf buf = (ByteBuf) msg;
                got.append(buf.toString(StandardCharsets.UTF_8));
                buf.release(); // back to the arena
                if (got.length() >= hello.length) {
                  answer.complete(got.toString());
                }
              }
            }))
            .connect(server.localAddress()).sync().channel();
        client.writeAndFlush(client.alloc().directBuffer().writeBytes(hello));
        System.out.println("echoed: " + answer.get(10, TimeUnit.SECONDS));
        client.close().sync();
        server.close().sync();
      } finally {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).sync();
      }
      System.out.println("arena bytes in use after the channels closed: " + arena.usedBytes());
    }
  }

  private static ChannelInitializer<Channel> handler(ChannelInboundHandlerAdapter h) {
    return new ChannelInitializer<>() {
      @Override
      protected void initChannel(Channel ch) {
        ch.pipeline().addLast(h);
      }
    };
  }
}
