package io.xfs.store.http;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.web.Exchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.fileupload2.core.AbstractFileUpload;
import org.apache.commons.fileupload2.core.DiskFileItem;
import org.apache.commons.fileupload2.core.DiskFileItemFactory;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.core.RequestContext;
import org.jspecify.annotations.Nullable;

/**
 * A {@code multipart/form-data} upload read as a stream (commons-fileupload2), never through Spring's
 * resolver with its 1 MB cap and temp files: the form fields, in order, and the bytes of every part named
 * {@code file}, each at most {@code maxNeedleSize} and together at most {@code maxTotal}. Not thread-safe.
 */
final class MultipartNeedles {
    static final String FILE = "file";
    private static final int MAX_FIELD_BYTES = 256;

    private final Map<String, List<String>> fields = new HashMap<>();
    private final List<byte[]> files = new ArrayList<>();

    private MultipartNeedles() {
    }

    static boolean isMultipart(Exchange exchange) {
        String type = exchange.contentType();
        return type != null && type.regionMatches(true, 0, "multipart/", 0, 10);
    }

    static MultipartNeedles read(Exchange exchange, long maxNeedleSize, long maxTotal, int maxFiles)
            throws IOException {
        MultipartNeedles parsed = new MultipartNeedles();
        long total = 0;
        try {
            FileItemInputIterator items = new StreamingUpload().getItemIterator(exchange);
            while (items.hasNext()) {
                FileItemInput item = items.next();
                String name = item.getFieldName();
                try (InputStream in = item.getInputStream()) {
                    if (item.isFormField()) {
                        parsed.addField(name, in, maxFiles);
                    } else if (FILE.equals(name)) {
                        if (parsed.files.size() >= maxFiles) {
                            throw new XfsException(ErrorCode.BAD_ARGUMENT, "more than " + maxFiles + " file parts");
                        }
                        byte[] data = Bodies.readUpTo(in, Math.min(maxNeedleSize, maxTotal - total));
                        total += data.length;
                        parsed.files.add(data);
                    } else {
                        in.transferTo(OutputStream.nullOutputStream()); // parts we do not know
                    }
                }
            }
        } catch (FileUploadException e) {
            throw new XfsException(ErrorCode.BAD_BODY, "bad multipart body: " + e.getMessage(), e);
        }
        return parsed;
    }

    private void addField(@Nullable String name, InputStream in, int maxFiles) throws IOException {
        byte[] value = in.readNBytes(MAX_FIELD_BYTES + 1);
        if (value.length > MAX_FIELD_BYTES) {
            throw new XfsException(ErrorCode.BAD_ARGUMENT, "form field " + name + " is longer than "
                    + MAX_FIELD_BYTES + " bytes");
        }
        List<String> values = fields.computeIfAbsent(name == null ? "" : name, k -> new ArrayList<>());
        if (values.size() >= maxFiles + 1) {
            throw new XfsException(ErrorCode.BAD_ARGUMENT, "too many form fields named " + name);
        }
        values.add(new String(value, StandardCharsets.UTF_8).strip());
    }

    /** The first value of a form field, or null. */
    @Nullable String field(String name) {
        List<String> values = fields.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    List<String> fields(String name) {
        return fields.getOrDefault(name, List.of());
    }

    List<byte[]> files() {
        return files;
    }

    /** commons-fileupload's streaming parser over the layer's request body (its servlet adapter, without servlets). */
    private static final class StreamingUpload extends AbstractFileUpload<Exchange, DiskFileItem, DiskFileItemFactory> {
        @Override
        public FileItemInputIterator getItemIterator(Exchange exchange) throws FileUploadException, IOException {
            return getItemIterator(new RequestContext() {
                @Override
                public @Nullable String getCharacterEncoding() {
                    return null;
                }

                @Override
                public long getContentLength() {
                    return exchange.contentLength();
                }

                @Override
                public @Nullable String getContentType() {
                    return exchange.contentType();
                }

                @Override
                public InputStream getInputStream() {
                    return exchange.body();
                }

                @Override
                public boolean isMultipartRelated() {
                    return false;
                }
            });
        }

        @Override
        public Map<String, List<DiskFileItem>> parseParameterMap(Exchange exchange) {
            throw new UnsupportedOperationException("streaming only");
        }

        @Override
        public List<DiskFileItem> parseRequest(Exchange exchange) {
            throw new UnsupportedOperationException("streaming only");
        }
    }
}
