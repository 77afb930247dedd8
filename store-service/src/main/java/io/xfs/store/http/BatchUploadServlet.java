package io.xfs.store.http;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.http.QueryString;
import io.xfs.store.volume.NeedleWrite;
import io.xfs.store.volume.Volume;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /uploads?vid}: several needles of one volume in one multipart request, per needle the form
 * fields {@code keys} and {@code cookies} and a part {@code file}, paired in order (a field may also hold a
 * comma-separated list). All needles are written with one durable flush; the answer
 * {@code {"ret":1,"count":N}} comes after it. Either every needle is checked before any is written, or the
 * call fails with nothing acknowledged.
 */
final class BatchUploadServlet extends HttpServlet {
    /** More needles than this in one request is a client bug, not a batch. */
    static final int MAX_NEEDLES = 10_000;

    private final transient NeedleWriter writer;
    private final long maxNeedleSize;
    private final long maxBatchSize;

    BatchUploadServlet(NeedleWriter writer, long maxNeedleSize, long maxBatchSize) {
        this.writer = writer;
        this.maxNeedleSize = maxNeedleSize;
        this.maxBatchSize = maxBatchSize;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int count;
        try {
            count = upload(request);
        } catch (XfsException e) {
            Bodies.refuse(request, response, e);
            return;
        }
        UploadServlet.ok(response, ("{\"ret\":1,\"count\":" + count + "}").getBytes(StandardCharsets.US_ASCII));
    }

    private int upload(HttpServletRequest request) throws IOException {
        if (!MultipartNeedles.isMultipart(request)) {
            throw new XfsException(ErrorCode.BAD_BODY, "/uploads takes a multipart/form-data body");
        }
        QueryString query = QueryString.parseLenient(request.getQueryString());
        long declared = request.getContentLengthLong();
        if (declared > maxBatchSize + (long) MAX_NEEDLES * 512) {
            throw Bodies.tooLarge(declared, maxBatchSize);
        }
        String queryVid = query.first("vid");
        if (queryVid != null) {
            writer.writableVolume(NeedleId.vid(queryVid));
        }
        MultipartNeedles form = MultipartNeedles.read(request, maxNeedleSize, maxBatchSize, MAX_NEEDLES);
        Volume volume = writer.writableVolume(NeedleId.vid(UploadServlet.param(query, form, "vid")));
        List<String> keys = split(form.fields("keys"));
        List<String> cookies = split(form.fields("cookies"));
        List<byte[]> files = form.files();
        if (keys.size() != files.size() || cookies.size() != files.size()) {
            throw new XfsException(ErrorCode.BAD_ARGUMENT, "a batch needs one key and one cookie per file: "
                    + keys.size() + " keys, " + cookies.size() + " cookies, " + files.size() + " files");
        }
        if (files.isEmpty()) {
            return 0;
        }
        List<NeedleWrite> needles = new ArrayList<>(files.size());
        for (int i = 0; i < files.size(); i++) {
            needles.add(new NeedleWrite(NeedleId.key(keys.get(i)), NeedleId.cookie(cookies.get(i)),
                    ByteBuffer.wrap(files.get(i))));
        }
        writer.appendAll(volume, needles);
        return needles.size();
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
