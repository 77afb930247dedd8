package io.xfs.bench.floor;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Random;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Both floor servers keep what is PUT and answer it on GET, over real sockets, on kept-alive connections. */
class FloorServerTest {
    private static final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static Tomcat tomcat;
    private static BlockingHttpServer blocking;

    @BeforeAll
    static void start() throws Exception {
        tomcat = new FloorServer().startTomcat(0);
        blocking = new BlockingHttpServer(new ServerSocket(0, 16, InetAddress.getLoopbackAddress()),
                new FloorServer()::answer);
        Thread.ofPlatform().daemon().start(() -> {
            try {
                blocking.run();
            } catch (java.io.IOException closed) {
                // the test is over
            }
        });
    }

    @AfterAll
    static void stop() throws Exception {
        tomcat.stop();
        tomcat.destroy();
        blocking.close();
    }

    @Test
    void tomcatStoresAndAnswers() throws Exception {
        roundTrips(FloorServer.port(tomcat));
    }

    @Test
    void blockingServerStoresAndAnswers() throws Exception {
        roundTrips(blocking.port());
    }

    private static void roundTrips(int port) throws Exception {
        URI base = URI.create("http://127.0.0.1:" + port + "/bench/");
        Random random = new Random(port);
        for (int i = 0; i < 20; i++) {
            byte[] body = new byte[1 + random.nextInt(70_000)];
            random.nextBytes(body);
            URI uri = base.resolve("f" + i);
            HttpResponse<Void> put = client.send(HttpRequest.newBuilder(uri)
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding());
            assertThat(put.statusCode()).isEqualTo(201);
            HttpResponse<byte[]> get = client.send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(get.statusCode()).isEqualTo(200);
            assertThat(get.body()).isEqualTo(body);
        }
        HttpResponse<byte[]> missing = client.send(HttpRequest.newBuilder(base.resolve("never-put")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(missing.statusCode()).isEqualTo(404);
        HttpResponse<byte[]> delete = client.send(HttpRequest.newBuilder(base.resolve("f0")).DELETE().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(delete.statusCode()).isEqualTo(405);
    }
}
