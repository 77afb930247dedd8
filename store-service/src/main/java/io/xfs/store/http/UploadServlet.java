package io.xfs.store.http;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.http.QueryString;
import io.xfs.store.volume.Volume;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /upload?vid&key&cookie}: one needle, as the raw body (any type but multipart) or as the
 * multipart part {@code file} (then {@code vid}, {@code key}, {@code cookie} may also be form fields).
 * Parameters come from the raw query string, and size and volume are checked before the body is read
 * (413 straight from {@code Content-Length}). Answers {@code {"ret":1}} once the needle is durable.
 * A plain servlet, like the read path: uploads are benchmarked against nginx.
 */
final class UploadServlet extends HttpServlet {
    static final byte[] OK = "{\"ret\":1}".getBytes(StandardCharsets.US_ASCII);
    /** Room for the multipart framing around a file of the largest size. */
    private static final long MULTIPART_OVERHEAD = 16 * 1024;

    private final transient NeedleWriter writer;
    private final long maxNeedleSize;

    UploadServlet(NeedleWriter writer, long maxNeedleSize) {
        this.writer = writer;
        this.maxNeedleSize = maxNeedleSize;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            if (MultipartNeedles.isMultipart(request)) {
                uploadMultipart(request);
            } else {
                uploadRaw(request);
            }
        } catch (XfsException e) {
            Bodies.refuse(request, response, e);
            return;
        }
        ok(response, OK);
    }

    private void uploadRaw(HttpServletRequest request) throws IOException {
        NeedleId id = NeedleId.fromQuery(request.getQueryString());
        long declared = request.getContentLengthLong();
        if (declared > maxNeedleSize) {
            throw Bodies.tooLarge(declared, maxNeedleSize);
        }
        Volume volume = writer.writableVolume(id.vid());
        byte[] data = Bodies.read(request.getInputStream(), declared, maxNeedleSize);
        writer.append(volume, id.key(), id.cookie(), data);
    }

    private void uploadMultipart(HttpServletRequest request) throws IOException {
        QueryString query = QueryString.parseLenient(request.getQueryString());
        long declared = request.getContentLengthLong();
        if (declared > maxNeedleSize + MULTIPART_OVERHEAD) {
            throw Bodies.tooLarge(declared, maxNeedleSize);
        }
        // Check what the query string already tells before reading the body.
        String queryVid = query.first("vid");
        if (queryVid != null) {
            writer.writableVolume(NeedleId.vid(queryVid));
        }
        MultipartNeedles form = MultipartNeedles.read(request, maxNeedleSize, maxNeedleSize, 1);
        if (form.files().isEmpty()) {
            throw new XfsException(ErrorCode.BAD_ARGUMENT, "multipart upload has no part named 'file'");
        }
        int vid = NeedleId.vid(param(query, form, "vid"));
        long key = NeedleId.key(param(query, form, "key"));
        int cookie = NeedleId.cookie(param(query, form, "cookie"));
        writer.append(writer.writableVolume(vid), key, cookie, form.files().getFirst());
    }

    static @Nullable String param(QueryString query, MultipartNeedles form, String name) {
        String value = query.first(name);
        return value != null ? value : form.field(name);
    }

    static void ok(HttpServletResponse response, byte[] json) throws IOException {
        response.setContentType("application/json");
        response.setContentLength(json.length);
        response.getOutputStream().write(json);
    }
}
