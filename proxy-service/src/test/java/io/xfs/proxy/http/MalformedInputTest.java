package io.xfs.proxy.http;

import io.xfs.common.auth.sigv4.SigV4;
import io.xfs.common.auth.sigv4.SigV4Signer;
import io.xfs.proxy.ProxyCluster;
import io.xfs.proxy.ProxyClusterExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Malformed requests to every call of the proxy, anonymous and signed by the admin key, are answered with
 * a 4xx (or a 2xx where the input happens to be fine), never a 5xx (docs/api.md "Errors"): broken escapes,
 * repeated and missing parameters, bad paths, numbers past their type, bad {@code Range} headers, broken
 * multipart and chunked bodies. Sent as written over a socket, since HTTP clients refuse most of them.
 */
@ExtendWith(ProxyClusterExtension.class)
class MalformedInputTest {
    private static final List<String> CALLS = List.of("GET /file", "HEAD /file", "POST /file", "PUT /file",
            "DELETE /file", "POST /files", "GET /fileinfo", "HEAD /fileinfo", "GET /status", "GET /ping",
            "GET /api/token/upload", "GET /api/token/download", "GET /api/file/info", "GET /api/server/signal",
            "POST /api/file/upload/single", "POST /api/file/upload/init", "POST /api/file/upload/chunk",
            "POST /api/file/upload/finish", "GET /api/file/download", "GET /nothing");
    private static final List<String> QUERIES = List.of("%%%=&&=%ZZ", "path=%FF%FE", "path=%2Fxfs%2Fapi%2F..%2Fx",
            "path=/xfs/api/b1//x", "path&token&hash&size", "path=/xfs/api/b1/a&path=/xfs/api/b2/b",
            "path=/xfs/api/b1/a&limit=99999999999999999999&marker=%00", "path=" + "/x".repeat(700),
            "hash=zz&size=-1&chunk=0x10&chunks=1e9&token=...", "token=a.b.c.d.e.f&hash=" + "0".repeat(64),
            "path=/xfs/api/b1/a&recursive=maybe", "=&=", "a=%");

    private final ProxyCluster cluster;

    MalformedInputTest(ProxyCluster cluster) {
        this.cluster = cluster;
    }

    @Test
    void noCallAnswersMalformedParametersWithA5xx() {
        SoftAssertions softly = new SoftAssertions();
        SigV4Signer admin = new SigV4Signer(ProxyCluster.ADMIN_ID, ProxyCluster.ADMIN_SECRET, "us-east-1");
        for (String call : CALLS) {
            String method = call.substring(0, call.indexOf(' '));
            String path = call.substring(call.indexOf(' ') + 1);
            for (String query : QUERIES) {
                String headers = "Content-Type: application/x-www-form-urlencoded\r\n";
                check(softly, method + " " + path + "?" + query, headers, query);
                // Signed, so that the calls get past authentication; a query the signer cannot read is skipped.
                Map<String, String> signed;
                try {
                    signed = admin.sign(method, path, query, Map.of("Host", "x"), SigV4.UNSIGNED_PAYLOAD, Instant.now());
                } catch (RuntimeException unsignable) {
                    continue;
                }
                StringBuilder withAuth = new StringBuilder(headers);
                signed.forEach((name, value) -> withAuth.append(name).append(": ").append(value).append("\r\n"));
                check(softly, method + " " + path + "?" + query, withAuth.toString(), query);
            }
        }
        softly.assertAll();
    }

    @Test
    void badRangesMultipartAndChunkedBodiesGetNo5xx() {
        SoftAssertions softly = new SoftAssertions();
        for (String range : List.of("bytes=9-1", "bytes=99999999999999999999-", "bytes=-", "bytes=0-1,2-3", "x")) {
            check(softly, "GET /file?path=/xfs/api/b1/none.txt", "Range: " + range + "\r\n", "");
        }
        String part = "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\"\r\n\r\nxyz\r\n";
        for (String[] sent : List.of(new String[] {"multipart/form-data", part + "--b--\r\n"},
                new String[] {"multipart/form-data; boundary=b", part},
                new String[] {"multipart/form-data; boundary=b", "garbage"},
                new String[] {"multipart/form-data; boundary=b", "--b--\r\n"},
                new String[] {"multipart/form-data; boundary=\"b", part + "--b--\r\n"})) {
            for (String target : List.of("POST /file?path=/xfs/api/b1/m.txt", "POST /files?path=/xfs/api/b1/",
                    "POST /api/file/upload/single")) {
                check(softly, target, "Content-Type: " + sent[0] + "\r\n", sent[1]);
            }
        }
        for (String body : List.of("zz\r\nabc\r\n0\r\n\r\n", "3\r\nabcdef\r\n0\r\n\r\n", "-1\r\n\r\n")) {
            String answer = send("PUT /file?path=/xfs/api/b1/c.txt HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked"
                    + "\r\nContent-Type: application/octet-stream\r\nConnection: close\r\n\r\n" + body);
            softly.assertThat(answer).as(body).doesNotStartWith("HTTP/1.1 5");
        }
        softly.assertAll();
    }

    private void check(SoftAssertions softly, String target, String headers, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String answer = send(target + " HTTP/1.1\r\nHost: x\r\n" + headers + "Content-Length: " + bytes.length
                + "\r\nConnection: close\r\n\r\n" + body);
        softly.assertThat(answer).as(target + " " + headers).startsWith("HTTP/1.1 ").doesNotStartWith("HTTP/1.1 5");
    }

    private String send(String request) {
        try (Socket socket = new Socket("127.0.0.1", cluster.proxyUri().getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                socket.getInputStream().transferTo(out);
            } catch (SocketException reset) {
                // what arrived is the answer
            }
            return out.toString(StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
