package io.xfs.proxy.mas;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;
import org.jspecify.annotations.Nullable;

/**
 * Reads the file of an upload request as a stream, never buffering it: the part {@code file} of a
 * {@code multipart/form-data} body (as {@code curl -F file=@x} and browsers' {@code FormData} send it), or
 * else the raw body. Spring's own multipart handling is off in the proxy, since it would buffer parts.
 */
final class UploadBody {
    static final String FIELD = "file";

    private UploadBody() {
    }

    /** Receives the file's stream with the name and content type the client gave (each may be null). */
    @FunctionalInterface
    interface Handler<T> {
        T handle(@Nullable String fileName, @Nullable String contentType, InputStream content) throws IOException;
    }

    static <T> T read(HttpServletRequest request, @Nullable String rawName, Handler<T> handler) throws IOException {
        if (!JakartaServletFileUpload.isMultipartContent(request)) {
            return handler.handle(rawName, request.getContentType(), request.getInputStream());
        }
        try {
            FileItemInputIterator items = new JakartaServletFileUpload<>().getItemIterator(request);
            while (items.hasNext()) {
                FileItemInput item = items.next();
                if (!item.isFormField() && FIELD.equals(item.getFieldName())) {
                    try (InputStream content = item.getInputStream()) {
                        return handler.handle(item.getName() != null ? item.getName() : rawName,
                                item.getContentType(), content);
                    }
                }
            }
        } catch (FileUploadException e) {
            throw new XfsException(ErrorCode.BAD_BODY, "unreadable multipart body: " + e.getMessage(), e);
        }
        throw new XfsException(ErrorCode.BAD_BODY, "the multipart body has no file part '" + FIELD + "'");
    }

    /**
     * Reads and drops the rest of a body we answer without needing it, so the client sees the answer rather
     * than a reset connection; a client that sent {@code Expect: 100-continue} has not sent it and is spared.
     */
    static void discard(HttpServletRequest request, long limit) throws IOException {
        if ("100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
            return;
        }
        try (InputStream in = request.getInputStream()) {
            byte[] buffer = new byte[64 * 1024];
            long left = limit;
            int n;
            while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
                left -= n;
            }
        }
    }
}
