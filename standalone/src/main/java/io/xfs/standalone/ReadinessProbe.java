package io.xfs.standalone;

import io.xfs.common.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/** Waits until the cluster can take a write: the directory sees a group whose stores are all writable. */
final class ReadinessProbe {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private ReadinessProbe() {
    }

    static int localPort(ConfigurableApplicationContext context, int configured) {
        return context.getEnvironment().getProperty("local.server.port", Integer.class, configured);
    }

    static void awaitWritable(String directoryUrl, int stores) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(directoryUrl + "/topology"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() == 200) {
                    JsonNode topology = Json.mapper().readTree(response.body());
                    JsonNode writable = topology.path("writable");
                    if (writable.isArray() && !writable.isEmpty() && topology.path("stores").size() >= stores) {
                        return;
                    }
                    last = "stores=" + topology.path("stores").size() + " writable=" + writable.size();
                } else {
                    last = "HTTP " + response.statusCode();
                }
            } catch (java.io.IOException e) {
                last = e.toString();
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("no writable group after " + TIMEOUT.toSeconds() + " s (" + last + ")");
    }
}
