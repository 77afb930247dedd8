package io.xfs.proxy.http;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.path.XfsPath;
import io.xfs.proxy.file.FileService;
import io.xfs.proxy.file.MimeTypes;
import io.xfs.proxy.file.StoredFile;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;

/**
 * Turns an upload request into a {@link FileService#store} call without buffering it: a raw body is
 * passed through with its {@code Content-Type}; a {@code multipart/form-data} body is parsed as a stream
 * (commons-fileupload2) and its part {@code upload_file} or {@code file}, as {@code curl -F} sends it, is
 * stored. Spring's own multipart support is off (it caps and buffers parts). Stateless.
 */
final class Uploads {
    /** Field names that carry the file, as seed 003's sfss and common clients name them. */
    static final Set<String> FILE_FIELDS = Set.of("upload_file", "file");
    /** Room for the multipart framing when judging Content-Length against the file size limit. */
    private static final long MULTIPART_OVERHEAD = 64 * 1024;

    private Uploads() {
    }

    static StoredFile store(FileService files, XfsPath path, HttpServletRequest request) throws IOException {
        // IOException: only from getInputStream() of a raw body
        String contentType = request.getContentType();
        long contentLength = request.getContentLengthLong();
        long limit = files.limits().maxFileSize();
        if (contentType != null && MimeTypes.baseType(contentType).equals("multipart/form-data")) {
            if (contentLength > limit + MULTIPART_OVERHEAD) {
                throw tooLarge(contentLength, limit);
            }
            return storeMultipart(files, path, request);
        }
        if (contentType == null || contentType.isBlank()) {
            throw new XfsException(ErrorCode.MISSING_CONTENT_TYPE,
                    "a raw upload needs a Content-Type (or send multipart/form-data, as curl -F does)");
        }
        if (contentLength > limit) {
            throw tooLarge(contentLength, limit);
        }
        return files.store(path.bucket(), path.name(), contentType, request.getInputStream(), contentLength);
    }

    private static StoredFile storeMultipart(FileService files, XfsPath path, HttpServletRequest request) {
        JakartaServletFileUpload<?, ?> upload = new JakartaServletFileUpload<>();
        upload.setHeaderCharset(StandardCharsets.UTF_8);
        try {
            FileItemInputIterator items = upload.getItemIterator(request);
            while (items.hasNext()) {
                FileItemInput item = items.next();
                if (!FILE_FIELDS.contains(item.getFieldName())) {
                    continue;
                }
                String mime = item.getContentType();
                if (mime == null || mime.isBlank()) {
                    String fileName = item.getName();
                    mime = fileName == null ? MimeTypes.OCTET_STREAM : MimeTypes.guessFromName(fileName);
                }
                return files.store(path.bucket(), path.name(), mime, item.getInputStream(), -1);
            }
        } catch (FileUploadException e) {
            throw new XfsException(ErrorCode.BAD_BODY, "malformed multipart body: " + e.getMessage(), e);
        } catch (IOException e) {
            // store() reports its own body failures; this is the multipart framing around the file part
            throw new XfsException(ErrorCode.BAD_BODY, "reading the multipart body failed: " + e.getMessage(), e);
        }
        throw new XfsException(ErrorCode.BAD_BODY,
                "the multipart body has no part named upload_file or file (curl -F upload_file=@<local file>)");
    }

    private static XfsException tooLarge(long contentLength, long limit) {
        return new XfsException(ErrorCode.PAYLOAD_TOO_LARGE,
                "Content-Length " + contentLength + " is over the limit of " + limit + " bytes");
    }
}
