package io.xfs.common.web;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caps the connections one client address holds open: one address cannot take every socket and thread of
 * the server with idle or slow connections. A connection over the cap is closed before it is read.
 */
@ChannelHandler.Sharable
final class AddressLimiter extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(AddressLimiter.class);
    private static final AttributeKey<InetAddress> COUNTED = AttributeKey.valueOf("xfs.counted-address");

    private final int max;
    private final ConcurrentHashMap<InetAddress, Integer> open = new ConcurrentHashMap<>();

    AddressLimiter(int max) {
        this.max = max;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().remoteAddress() instanceof InetSocketAddress remote) {
            InetAddress address = remote.getAddress();
            int count = open.merge(address, 1, Integer::sum);
            ctx.channel().attr(COUNTED).set(address);
            if (count > max) {
                log.warn("Closing a connection from {}: it holds {} already (xfs.http.max-connections-per-address)",
                        address.getHostAddress(), max);
                ctx.close();
                return;
            }
        }
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        InetAddress address = ctx.channel().attr(COUNTED).getAndSet(null);
        if (address != null) {
            open.computeIfPresent(address, (k, n) -> n <= 1 ? null : n - 1);
        }
        super.channelInactive(ctx);
    }

    int open(InetAddress address) {
        return open.getOrDefault(address, 0);
    }
}
