package io.xfs.proxy.mas;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The part of a file a download sends: from {@code start}, {@code length} bytes. Parsed from one
 * {@code Range: bytes=a-b | a- | -n} (RFC 9110; several ranges or another unit are ignored and the whole
 * file is sent, as the RFC allows) or from the seed's {@code seek} offset.
 */
record ByteRange(long start, long length) {
    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    long end() {
        return start + length - 1;
    }

    /** The range a {@code Range} header asks for, empty for the whole file. @throws XfsException 416 */
    static Optional<ByteRange> ofHeader(@Nullable String header, long size) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher m = SINGLE.matcher(header.strip());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return Optional.empty();
        }
        try {
            if (m.group(1).isEmpty()) {
                long suffix = Long.parseLong(m.group(2));
                if (suffix == 0 || size == 0) {
                    throw unsatisfiable(header, size);
                }
                long length = Math.min(suffix, size);
                return Optional.of(new ByteRange(size - length, length));
            }
            long first = Long.parseLong(m.group(1));
            long last = m.group(2).isEmpty() ? Long.MAX_VALUE : Long.parseLong(m.group(2));
            if (last < first) {
                return Optional.empty(); // syntactically invalid: ignored
            }
            if (first >= size) {
                throw unsatisfiable(header, size);
            }
            last = Math.min(last, size - 1);
            return Optional.of(new ByteRange(first, last - first + 1));
        } catch (NumberFormatException tooLong) {
            return Optional.empty();
        }
    }

    /** The rest of the file from byte {@code seek}; {@code seek == size} gives an empty rest. */
    static ByteRange ofSeek(String seek, long size) {
        long offset;
        try {
            offset = Long.parseLong(seek);
        } catch (NumberFormatException e) {
            throw new XfsException(ErrorCode.BAD_ARGUMENT, "seek must be a byte offset: '" + seek + "'");
        }
        if (offset < 0) {
            throw new XfsException(ErrorCode.BAD_ARGUMENT, "seek must not be negative: " + offset);
        }
        if (offset > size) {
            throw new XfsException(ErrorCode.RANGE_NOT_SATISFIABLE, "seek " + offset + " is past the end of the "
                    + size + "-byte file");
        }
        return new ByteRange(offset, size - offset);
    }

    private static XfsException unsatisfiable(String header, long size) {
        return new XfsException(ErrorCode.RANGE_NOT_SATISFIABLE, "range '" + header + "' is outside the "
                + size + "-byte file");
    }
}
