package io.xfs.store.http;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.http.ByteRange;
import io.xfs.store.node.StoreCounters;
import io.xfs.store.volume.Volume;
import io.xfs.store.volume.VolumeManager;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.OptionalLong;
import org.apache.catalina.connector.ClientAbortException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET} and {@code HEAD /get?vid&key&cookie}, with {@code Range}: the store's hot path, a plain servlet
 * rather than a controller so that a read costs no handler lookup, argument binding or message conversion.
 * The needle goes from the engine to the container's output buffer without a heap copy of its own
 * ({@link ServletOutputChannel}); the engine checks the CRC before the first byte of a small needle and as it
 * streams a large one.
 *
 * <p>A CRC mismatch found before anything was sent answers 500 {@code CORRUPT_DATA}; found later, the
 * connection is aborted short of {@code Content-Length}, so corrupt bytes never arrive as a complete 200.
 */
final class NeedleReadServlet extends HttpServlet {
    private static final Logger log = LoggerFactory.getLogger(NeedleReadServlet.class);
    private static final String OCTET_STREAM = "application/octet-stream";

    private final transient VolumeManager volumes;
    private final transient StoreCounters counters;

    NeedleReadServlet(VolumeManager volumes, StoreCounters counters) {
        this.volumes = volumes;
        this.counters = counters;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        serve(request, response, true);
    }

    @Override
    protected void doHead(HttpServletRequest request, HttpServletResponse response) throws IOException {
        serve(request, response, false);
    }

    private void serve(HttpServletRequest request, HttpServletResponse response, boolean withBody)
            throws IOException {
        NeedleId id;
        Volume volume;
        long size;
        ByteRange range;
        try {
            id = NeedleId.fromQuery(request.getQueryString());
            volume = volumes.volume(id.vid()).orElseThrow(() -> HttpErrors.NOT_FOUND);
            OptionalLong found = volume.size(id.key(), id.cookie());
            if (found.isEmpty()) {
                throw HttpErrors.NOT_FOUND;
            }
            size = found.getAsLong();
            range = rangeOf(request.getHeader("Range"), size, response);
        } catch (XfsException e) {
            if (e.errorCode() != ErrorCode.RANGE_NOT_SATISFIABLE) {
                HttpErrors.send(response, HttpErrors.isAbsent(e) ? HttpErrors.NOT_FOUND : e);
            }
            return;
        }

        long offset = range == null ? 0 : range.first();
        long length = range == null ? size : range.length();
        response.setContentType(OCTET_STREAM);
        response.setHeader("Accept-Ranges", "bytes");
        if (range != null) {
            response.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
            response.setHeader("Content-Range", range.contentRange(size));
        }
        response.setContentLengthLong(length);
        if (!withBody) {
            return;
        }
        try {
            volume.read(id.key(), id.cookie(), offset, length, new ServletOutputChannel(response.getOutputStream()));
            counters.recordRead();
        } catch (XfsException e) {
            failRead(response, id, e);
        } catch (ClientAbortException e) {
            log.debug("Client went away while reading {}: {}", id, e.toString());
        } catch (IOException e) {
            log.error("Reading vid={} key={} failed", id.vid(), id.key(), e);
            failRead(response, id, new XfsException(ErrorCode.INTERNAL,
                    "volume " + id.vid() + ": reading needle " + id.key() + " failed: " + e, e));
        }
    }

    /** The satisfiable range asked for, or null; a 416 is answered here since it carries the size. */
    private static @Nullable ByteRange rangeOf(@Nullable String header, long size, HttpServletResponse response)
            throws IOException {
        try {
            return ByteRange.parse(header, size);
        } catch (ByteRange.Unsatisfiable e) {
            response.reset();
            response.setHeader("Content-Range", e.contentRange());
            HttpErrors.write(response, e);
            throw e;
        }
    }

    private static void failRead(HttpServletResponse response, NeedleId id, XfsException e) throws IOException {
        if (e.errorCode() == ErrorCode.CORRUPT_DATA) {
            log.error("Corrupt needle vid={} key={} cookie={}: {} ({})", id.vid(), id.key(), id.cookie(),
                    e.getMessage(), response.isCommitted() ? "connection aborted mid-body" : "answered 500");
        }
        if (!response.isCommitted()) {
            HttpErrors.send(response, HttpErrors.isAbsent(e) ? HttpErrors.NOT_FOUND : e);
            return;
        }
        // Part of the body is on its way: the only honest end is to cut the connection short of
        // Content-Length. Tomcat closes it when a servlet throws after commit.
        throw new IOException("aborting the response for vid=" + id.vid() + " key=" + id.key() + ": "
                + e.getMessage(), e);
    }
}
