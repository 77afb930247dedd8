package io.xfs.bench;

/** A failed request, with the kind it is counted under in the report ({@code http-503}, {@code sha1-mismatch}). */
final class BenchFailure extends Exception {
    private final String kind;

    BenchFailure(String kind, String message) {
        super(message);
        this.kind = kind;
    }

    String kind() {
        return kind;
    }

    static BenchFailure status(HttpConnection.Response response, String what) {
        String body = new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
        return new BenchFailure("http-" + response.status(),
                what + " answered " + response.status() + ": " + body.substring(0, Math.min(200, body.length())));
    }
}
