package io.xfs.sts.http;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.http.ByteRange;
import io.xfs.sts.slot.StoredFile;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;

/**
 * Sends a stored file as {@code application/octet-stream}, whole (200) or one range (206), with a
 * Content-Length taken from the opened file itself: a concurrent overwrite renames a new file into place, so
 * the open channel's size is the truth for the bytes we send. Stateless.
 */
final class FileResponder {
    static final String OCTET_STREAM = "application/octet-stream";
    private static final int BUFFER = 64 * 1024;

    private FileResponder() {
    }

    /**
     * @throws XfsException {@link ErrorCode#FILE_NOT_FOUND} if the file vanished (expired) since it was found
     */
    static void send(StoredFile file, HttpServletRequest request, HttpServletResponse response) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(file.path(), StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new XfsException(ErrorCode.FILE_NOT_FOUND, "file expired");
        }
        try (channel) {
            long total = channel.size();
            response.setHeader("Accept-Ranges", "bytes");
            // If-Range needs a validator we do not keep: send the whole file rather than risk a mixed one.
            String rangeHeader = request.getHeader("If-Range") == null ? request.getHeader("Range") : null;
            ByteRange range;
            try {
                range = ByteRange.parse(rangeHeader, total);
            } catch (ByteRange.Unsatisfiable e) {
                response.setHeader("Content-Range", e.contentRange());
                throw e;
            }
            long first = 0;
            long length = total;
            if (range != null) {
                response.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
                response.setHeader("Content-Range", range.contentRange(total));
                first = range.first();
                length = range.length();
            }
            response.setContentType(OCTET_STREAM);
            response.setContentLengthLong(length);
            if (!"HEAD".equals(request.getMethod())) {
                copy(channel, first, length, response.getOutputStream());
            }
        }
    }

    private static void copy(FileChannel channel, long position, long length, OutputStream out) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(BUFFER, Math.max(length, 1)));
        long offset = position;
        long remaining = length;
        while (remaining > 0) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), remaining));
            int n = channel.read(buffer, offset);
            if (n < 0) {
                throw new IOException("file ended " + remaining + " bytes early");
            }
            out.write(buffer.array(), 0, n);
            offset += n;
            remaining -= n;
        }
    }
}
