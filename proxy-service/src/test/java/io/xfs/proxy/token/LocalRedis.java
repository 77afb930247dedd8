package io.xfs.proxy.token;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import org.junit.jupiter.api.Assumptions;
import redis.clients.jedis.RedisClient;

/**
 * The machine's Redis at 127.0.0.1:6379, which the token and mas tests run against, in database 9 so
 * that what tests do (a cleaner run with a clock a day ahead, say) never touches anybody's data in the
 * default database. When it cannot be reached a test fails under {@code CI=true} and is skipped, loudly,
 * otherwise.
 */
public final class LocalRedis {
    public static final String HOST = "127.0.0.1";
    public static final int PORT = 6379;
    public static final int DATABASE = 9;
    public static final String URL = "redis://" + HOST + ":" + PORT + "/" + DATABASE;

    private LocalRedis() {
    }

    /** Fails or skips the calling test unless Redis answers. */
    public static void require() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, PORT), 1000);
        } catch (IOException e) {
            String message = "Redis is not reachable at " + HOST + ":" + PORT + " (" + e + ")";
            if ("true".equals(System.getenv("CI"))) {
                fail(message + "; CI=true, so this test must not be skipped");
            }
            System.err.println("SKIPPED: " + message);
            Assumptions.abort("SKIPPED: " + message);
        }
    }

    public static RedisClient client() {
        require();
        return RedisClient.create(URI.create(URL));
    }
}
