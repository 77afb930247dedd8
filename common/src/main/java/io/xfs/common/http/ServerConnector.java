package io.xfs.common.http;

/**
 * The Tomcat connector every xfs service serves HTTP with. Spring-free on purpose (common has no Spring):
 * each service names it in its own {@code WebServerFactoryCustomizer}.
 */
public final class ServerConnector {

    /**
     * Tomcat's NIO2 connector rather than the default NIO one. A proxy request is four short exchanges on
     * kept-alive connections; with NIO each request after the first waits in Tomcat's poller thread, which
     * must wake and hand the socket to a worker, and that selector traffic took 12 % of the standalone's
     * CPU. With NIO2 proxy writes went up 23 % and reads 25 % on the same machine (docs/benchmarks.md).
     */
    public static final String PROTOCOL = "org.apache.coyote.http11.Http11Nio2Protocol";

    private ServerConnector() {
    }
}
