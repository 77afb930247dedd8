package io.xfs.store.http;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.http.ByteRange;
import io.xfs.common.web.Exchange;
import io.xfs.store.node.StoreCounters;
import io.xfs.store.volume.Volume;
import io.xfs.store.volume.VolumeManager;
import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET} and {@code HEAD /get?vid&key&cookie}, with {@code Range}: the store's hot path. The engine
 * writes the needle into the answer's channel; it checks the CRC before the first byte of a small needle and
 * as it streams a large one.
 *
 * <p>A CRC mismatch found before anything was sent answers 500 {@code CORRUPT_DATA}; found later, the
 * connection is aborted short of {@code Content-Length}, so corrupt bytes never arrive as a complete 200.
 */
final class NeedleReads {
    private static final Logger log = LoggerFactory.getLogger(NeedleReads.class);
    private static final String OCTET_STREAM = "application/octet-stream";

    private final VolumeManager volumes;
    private final StoreCounters counters;

    NeedleReads(VolumeManager volumes, StoreCounters counters) {
        this.volumes = volumes;
        this.counters = counters;
    }

    void get(Exchange exchange) {
        NeedleId id;
        Volume volume;
        long size;
        @Nullable ByteRange range;
        try {
            id = NeedleId.fromQuery(exchange.rawQuery());
            volume = volumes.volume(id.vid()).orElseThrow(() -> HttpErrors.NOT_FOUND);
            OptionalLong found = volume.size(id.key(), id.cookie());
            if (found.isEmpty()) {
                throw HttpErrors.NOT_FOUND;
            }
            size = found.getAsLong();
            range = ByteRange.parse(exchange.header("Range"), size);
        } catch (ByteRange.Unsatisfiable e) {
            exchange.responseHeader("Content-Range", e.contentRange());
            exchange.sendError(e);
            return;
        } catch (XfsException e) {
            exchange.sendError(HttpErrors.isAbsent(e) ? HttpErrors.NOT_FOUND : e);
            return;
        }

        long offset = range == null ? 0 : range.first();
        long length = range == null ? size : range.length();
        exchange.responseHeader("Accept-Ranges", "bytes");
        if (range != null) {
            exchange.responseHeader("Content-Range", range.contentRange(size));
        }
        WritableByteChannel out = exchange.stream(range == null ? 200 : 206, OCTET_STREAM, length);
        if (exchange.isHead()) {
            closeQuietly(out);
            return;
        }
        try {
            volume.read(id.key(), id.cookie(), offset, length, out);
            out.close();
            counters.recordRead();
        } catch (XfsException e) {
            failRead(exchange, id, e);
        } catch (IOException e) {
            if (exchange.committed()) {
                log.debug("Client went away while reading {}: {}", id, e.toString());
                exchange.abort();
                return;
            }
            log.error("Reading vid={} key={} failed", id.vid(), id.key(), e);
            failRead(exchange, id, new XfsException(ErrorCode.INTERNAL,
                    "volume " + id.vid() + ": reading needle " + id.key() + " failed: " + e, e));
        }
    }

    private static void failRead(Exchange exchange, NeedleId id, XfsException e) {
        if (e.errorCode() == ErrorCode.CORRUPT_DATA) {
            log.error("Corrupt needle vid={} key={} cookie={}: {} ({})", id.vid(), id.key(), id.cookie(),
                    e.getMessage(), exchange.committed() ? "connection aborted mid-body" : "answered 500");
        }
        if (!exchange.committed()) {
            exchange.sendError(HttpErrors.isAbsent(e) ? HttpErrors.NOT_FOUND : e);
            return;
        }
        // Part of the body is on its way: the only honest end is to cut the connection short of Content-Length.
        exchange.abort();
    }

    private static void closeQuietly(WritableByteChannel out) {
        try {
            out.close();
        } catch (IOException ignored) {
            // the client went away; nothing to answer
        }
    }
}
