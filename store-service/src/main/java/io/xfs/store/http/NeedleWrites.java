package io.xfs.store.http;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.http.QueryString;
import io.xfs.common.web.Exchange;
import io.xfs.store.volume.NeedleWrite;
import io.xfs.store.volume.Volume;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The store's write calls. Parameters come from the raw query string (or, for multipart bodies, form
 * fields), and size and volume are checked before the body is read (413 straight from
 * {@code Content-Length}).
 * <ul>
 * <li>{@code POST /upload?vid&key&cookie}: one needle, as the raw body (any type but multipart) or as the
 *     multipart part {@code file}. Answers {@code {"ret":1}} once the needle is durable.</li>
 * <li>{@code POST /uploads?vid}: several needles of one volume in one multipart request, per needle the form
 *     fields {@code keys} and {@code cookies} and a part {@code file}, paired in order (a field may also hold
 *     a comma-separated list). Written with one durable flush; {@code {"ret":1,"count":N}} comes after it.
 *     Either every needle is checked before any is written, or the call fails with nothing acknowledged.</li>
 * <li>{@code POST /del?vid&key&cookie} (or a form body): deletes a needle; 404 (the one body of all absent
 *     needles) when it is absent or deleted already.</li>
 * </ul>
 */
final class NeedleWrites {
    static final byte[] OK = "{\"ret\":1}".getBytes(StandardCharsets.US_ASCII);
    /** More needles than this in one request is a client bug, not a batch. */
    static final int MAX_NEEDLES = 10_000;
    /** Room for the multipart framing around a file of the largest size. */
    private static final long MULTIPART_OVERHEAD = 16 * 1024;
    /** A form body of {@code /del} holds three numbers. */
    private static final int MAX_FORM = 4096;

    private final NeedleWriter writer;
    private final long maxNeedleSize;
    private final long maxBatchSize;

    NeedleWrites(NeedleWriter writer, long maxNeedleSize, long maxBatchSize) {
        this.writer = writer;
        this.maxNeedleSize = maxNeedleSize;
        this.maxBatchSize = maxBatchSize;
    }

    void upload(Exchange exchange) throws IOException {
        if (MultipartNeedles.isMultipart(exchange)) {
            uploadMultipart(exchange);
        } else {
            NeedleId id = NeedleId.fromQuery(exchange.rawQuery());
            long declared = exchange.contentLength();
            if (declared > maxNeedleSize) {
                throw Bodies.tooLarge(declared, maxNeedleSize);
            }
            Volume volume = writer.writableVolume(id.vid());
            byte[] data = Bodies.read(exchange.body(), declared, maxNeedleSize);
            writer.append(volume, id.key(), id.cookie(), data);
        }
        exchange.send(200, "application/json", OK);
    }

    private void uploadMultipart(Exchange exchange) throws IOException {
        QueryString query = exchange.query();
        long declared = exchange.contentLength();
        if (declared > maxNeedleSize + MULTIPART_OVERHEAD) {
            throw Bodies.tooLarge(declared, maxNeedleSize);
        }
        // Check what the query string already tells before reading the body.
        String queryVid = query.first("vid");
        if (queryVid != null) {
            writer.writableVolume(NeedleId.vid(queryVid));
        }
        MultipartNeedles form = MultipartNeedles.read(exchange, maxNeedleSize, maxNeedleSize, 1);
        if (form.files().isEmpty()) {
            throw new XfsException(ErrorCode.BAD_ARGUMENT, "multipart upload has no part named 'file'");
        }
        int vid = NeedleId.vid(param(query, form, "vid"));
        long key = NeedleId.key(param(query, form, "key"));
        int cookie = NeedleId.cookie(param(query, form, "cookie"));
        writer.append(writer.writableVolume(vid), key, cookie, form.files().getFirst());
    }

    void uploadAll(Exchange exchange) throws IOException {
        if (!MultipartNeedles.isMultipart(exchange)) {
            throw new XfsException(ErrorCode.BAD_BODY, "/uploads takes a multipart/form-data body");
        }
        QueryString query = exchange.query();
        long declared = exchange.contentLength();
        if (declared > maxBatchSize + (long) MAX_NEEDLES * 512) {
            throw Bodies.tooLarge(declared, maxBatchSize);
        }
        String queryVid = query.first("vid");
        if (queryVid != null) {
            writer.writableVolume(NeedleId.vid(queryVid));
        }
        MultipartNeedles form = MultipartNeedles.read(exchange, maxNeedleSize, maxBatchSize, MAX_NEEDLES);
        Volume volume = writer.writableVolume(NeedleId.vid(param(query, form, "vid")));
        List<String> keys = split(form.fields("keys"));
        List<String> cookies = split(form.fields("cookies"));
        List<byte[]> files = form.files();
        if (keys.size() != files.size() || cookies.size() != files.size()) {
            throw new XfsException(ErrorCode.BAD_ARGUMENT, "a batch needs one key and one cookie per file: "
                    + keys.size() + " keys, " + cookies.size() + " cookies, " + files.size() + " files");
        }
        if (!files.isEmpty()) {
            List<NeedleWrite> needles = new ArrayList<>(files.size());
            for (int i = 0; i < files.size(); i++) {
                needles.add(new NeedleWrite(NeedleId.key(keys.get(i)), NeedleId.cookie(cookies.get(i)),
                        ByteBuffer.wrap(files.get(i))));
            }
            writer.appendAll(volume, needles);
        }
        exchange.send(200, "application/json",
                ("{\"ret\":1,\"count\":" + files.size() + "}").getBytes(StandardCharsets.US_ASCII));
    }

    void delete(Exchange exchange) throws IOException {
        QueryString params = exchange.query();
        String type = exchange.contentType();
        if (params.first("vid") == null && type != null
                && type.regionMatches(true, 0, "application/x-www-form-urlencoded", 0, 33)) {
            byte[] form = Bodies.read(exchange.body(), exchange.contentLength(), MAX_FORM);
            params = QueryString.parseLenient(new String(form, StandardCharsets.UTF_8));
        }
        NeedleId id = new NeedleId(NeedleId.vid(params.first("vid")), NeedleId.key(params.first("key")),
                NeedleId.cookie(params.first("cookie")));
        if (!writer.delete(id.vid(), id.key(), id.cookie())) {
            throw HttpErrors.NOT_FOUND;
        }
        exchange.send(200, "application/json", OK);
    }

    private static @Nullable String param(QueryString query, MultipartNeedles form, String name) {
        String value = query.first(name);
        return value != null ? value : form.field(name);
    }

    private static List<String> split(List<String> values) {
        List<String> out = new ArrayList<>(values.size());
        for (String value : values) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        }
        return out;
    }
}
