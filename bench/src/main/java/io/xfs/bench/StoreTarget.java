package io.xfs.bench;

import io.xfs.common.auth.internal.BodyHash;
import io.xfs.common.auth.internal.InternalSigner;
import io.xfs.common.directory.CommitRequest;
import io.xfs.common.directory.FileView;
import io.xfs.common.directory.NeedleRef;
import io.xfs.common.directory.Placement;
import io.xfs.common.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * Straight to the stores, as weed benchmark does: placements come from the directory before the clock
 * starts, the timed write is the upload to every replica of the group, and the files are committed
 * after the clock stops (so the reaper never collects them). Reads go to a random replica of the needle the
 * commit answered with: when the content was already stored, the directory deduplicates onto the older
 * needle and the reaper deletes the one just written.
 */
final class StoreTarget implements Target {
    private static final String MIME = "application/octet-stream";
    private final URI directory;
    private final String bucket;
    private final long seed;
    private final @Nullable InternalSigner signer;

    /** @param signer signs every call as an operator (docs/api.md, "Internal calls"); null: the cluster has no secret */
    StoreTarget(URI directory, String bucket, long seed, @Nullable InternalSigner signer) {
        this.directory = directory;
        this.bucket = bucket;
        this.seed = seed;
        this.signer = signer;
    }

    /** {@code Content-Type} and, with a secret, the signature of the call (the body hashed unless a needle). */
    private Map<String, String> headers(String method, String target, String contentType, byte @Nullable [] body,
                                        boolean needle) {
        Map<String, String> headers = new HashMap<>();
        if (body != null) {
            headers.put("Content-Type", contentType);
        }
        if (signer != null) {
            byte[] bytes = body == null ? new byte[0] : body;
            headers.put(InternalSigner.HEADER, needle ? signer.sign(method, target, bytes.length, BodyHash.UNSIGNED)
                    : signer.sign(method, target, bytes));
        }
        return headers;
    }

    @Override
    public String describe() {
        return "store (placements from directory " + directory + ")";
    }

    private record Location(int vid, long key, int cookie, List<String> stores) {
        static Location parse(String s) {
            String[] parts = s.split(",", 4);
            return new Location(Integer.parseInt(parts[0]), Long.parseLong(parts[1]), Integer.parseInt(parts[2]),
                    List.of(parts[3].split("\\|")));
        }

        String format() {
            return vid + "," + key + "," + cookie + "," + String.join("|", stores);
        }
    }

    @Override
    public List<FileEntry> prepareWrites(List<FileEntry> files, int concurrency) throws IOException, BenchFailure {
        return Parallel.map(files, concurrency, (connections, file) -> {
            byte[] body = Payloads.bytes(seed, file.index(), file.size());
            String sha256 = FileEntry.hex(Payloads.sha256().digest(body));
            String query = "/upload?bucket=" + enc(bucket) + "&filename=" + enc(file.name()) + "&sha1=" + file.sha1()
                    + "&sha256=" + sha256 + "&mime=" + enc(MIME) + "&filesize=" + file.size() + "&chunk=true";
            HttpConnection.Response response = connections.to(directory).send("POST", query,
                    headers("POST", query, MIME, new byte[0], false), new byte[0]);
            if (response.status() != 200) {
                throw BenchFailure.status(response, "directory /upload");
            }
            Placement p = Json.read(response.body(), Placement.class);
            return file.withLocation(new Location(p.vid(), p.key(), p.cookie(), p.stores()).format());
        });
    }

    @Override
    public FileEntry write(Connections connections, FileEntry file, byte[] body) throws IOException, BenchFailure {
        Location at = Location.parse(file.location());
        String query = "/upload?vid=" + at.vid() + "&key=" + at.key() + "&cookie=" + at.cookie();
        for (String store : at.stores()) {
            HttpConnection.Response response = connections.to(store).send("POST", query,
                    headers("POST", query, MIME, body, true), body);
            if (response.status() != 200) {
                throw BenchFailure.status(response, "store " + store + " /upload");
            }
        }
        return file;
    }

    @Override
    public List<FileEntry> finishWrites(List<FileEntry> written, int concurrency) throws IOException, BenchFailure {
        return Parallel.map(written, concurrency, (connections, file) -> {
            Location at = Location.parse(file.location());
            byte[] body = Payloads.bytes(seed, file.index(), file.size());
            CommitRequest commit = new CommitRequest(bucket, file.name(), file.size(), MIME, file.sha1(),
                    FileEntry.hex(Payloads.sha256().digest(body)), false,
                    List.of(new NeedleRef(at.vid(), at.key(), at.cookie(), file.size())));
            byte[] json = Json.write(commit);
            HttpConnection.Response response = connections.to(directory).send("POST", "/commit",
                    headers("POST", "/commit", "application/json", json, false), json);
            if (response.status() != 200) {
                throw BenchFailure.status(response, "directory /commit");
            }
            FileView committed = Json.read(response.body(), FileView.class);
            return file.withLocation(new Location(committed.vid(), committed.key(), committed.cookie(),
                    committed.stores().isEmpty() ? at.stores() : committed.stores()).format());
        });
    }

    @Override
    public byte[] read(Connections connections, FileEntry file) throws IOException, BenchFailure {
        Location at = Location.parse(file.location());
        String store = at.stores().get(ThreadLocalRandom.current().nextInt(at.stores().size()));
        String target = "/get?vid=" + at.vid() + "&key=" + at.key() + "&cookie=" + at.cookie();
        HttpConnection.Response response = connections.to(store).send("GET", target,
                headers("GET", target, MIME, null, false), null);
        if (response.status() != 200) {
            throw BenchFailure.status(response, "store " + store + " /get");
        }
        return response.body();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
