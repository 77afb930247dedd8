package io.xfs.bench.floor;

import io.xfs.common.http.ServerConnector;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/**
 * An HTTP server with no storage behind it: {@code PUT /<path>} keeps the body in memory, {@code GET /<path>}
 * answers it. What it serves per second is the most any service answering on the same server could, so it
 * bounds what a proxy request made of several exchanges can reach (docs/benchmarks.md, "The floor").
 *
 * <ul>
 *   <li>{@code tomcat}: embedded Tomcat with the connector every xfs service uses ({@link ServerConnector},
 *       unlimited keep-alive requests) and one plain servlet: the cost of a Tomcat exchange.
 *   <li>{@code blocking}: {@link BlockingHttpServer}, a thread per connection: what a lighter server for the
 *       internal calls would cost instead.
 * </ul>
 *
 * <p>Usage: {@code FloorServer tomcat|blocking PORT}; binds 127.0.0.1 only. Not a store: nothing is written
 * to disk and every body stays in the heap until the process ends.
 */
public final class FloorServer {
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !(args[0].equals("tomcat") || args[0].equals("blocking"))) {
            System.err.println("usage: FloorServer tomcat|blocking PORT");
            System.exit(2);
        }
        int port = Integer.parseInt(args[1]);
        FloorServer server = new FloorServer();
        if (args[0].equals("tomcat")) {
            Tomcat tomcat = server.startTomcat(port);
            System.err.println("floor: tomcat on 127.0.0.1:" + port);
            tomcat.getServer().await();
        } else {
            try (BlockingHttpServer blocking = new BlockingHttpServer(
                    new ServerSocket(port, 128, InetAddress.getLoopbackAddress()), server::answer)) {
                System.err.println("floor: blocking server on 127.0.0.1:" + blocking.port());
                blocking.run();
            }
        }
    }

    /** The one handler both servers share: store on PUT, answer on GET. */
    BlockingHttpServer.Answer answer(String method, String path, byte[] body) {
        return switch (method) {
            case "PUT" -> {
                files.put(path, body);
                yield new BlockingHttpServer.Answer(201, new byte[0]);
            }
            case "GET" -> {
                byte[] content = files.get(path);
                yield content == null ? new BlockingHttpServer.Answer(404, new byte[0])
                        : new BlockingHttpServer.Answer(200, content);
            }
            default -> new BlockingHttpServer.Answer(405, new byte[0]);
        };
    }

    /** Starts Tomcat on {@code port} (0: any free one, see {@link #port(Tomcat)}); the caller stops it. */
    Tomcat startTomcat(int port) throws Exception {
        Path base = Files.createTempDirectory("xfs-floor-tomcat");
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        Connector connector = new Connector(ServerConnector.PROTOCOL);
        connector.setPort(port);
        connector.setProperty("address", "127.0.0.1");
        connector.setProperty("maxKeepAliveRequests", "-1"); // as server.tomcat.max-keep-alive-requests in xfs
        tomcat.getService().addConnector(connector);
        Context context = tomcat.addContext("", base.toString());
        Tomcat.addServlet(context, "floor", new FloorServlet(this));
        context.addServletMappingDecoded("/*", "floor");
        tomcat.start();
        return tomcat;
    }

    static int port(Tomcat tomcat) {
        return tomcat.getService().findConnectors()[0].getLocalPort();
    }

    private static final class FloorServlet extends HttpServlet {
        private final transient FloorServer server;

        FloorServlet(FloorServer server) {
            this.server = server;
        }

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            byte[] body = request.getInputStream().readAllBytes();
            BlockingHttpServer.Answer answer = server.answer(request.getMethod(), request.getRequestURI(), body);
            response.setStatus(answer.status());
            response.setContentType("application/octet-stream");
            response.setContentLength(answer.body().length);
            response.getOutputStream().write(answer.body());
        }
    }
}
