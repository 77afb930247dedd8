package io.xfs.common.directory;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Answer of the directory's {@code GET /get} and {@code POST /commit}: a visible file.
 * {@code vid, key, cookie, stores} repeat the first chunk, as the seed's API spelled it; {@code chunks}
 * lists every needle in file order with its readable stores. The seed's field name for the content type
 * is {@code mine}.
 *
 * @param mtime epoch millis of the commit that made this version visible
 */
public record FileView(
        int ret,
        String bucket,
        String filename,
        long size,
        @JsonProperty("mine") String mime,
        String sha1,
        String sha256,
        long mtime,
        int vid,
        long key,
        int cookie,
        List<String> stores,
        List<NeedleRef> chunks) {

    public FileView {
        stores = List.copyOf(stores);
        chunks = List.copyOf(chunks);
    }

    public static FileView of(String bucket, String filename, long size, String mime, String sha1,
                              String sha256, long mtime, List<NeedleRef> chunks) {
        NeedleRef first = chunks.isEmpty() ? null : chunks.getFirst();
        return new FileView(1, bucket, filename, size, mime, sha1, sha256, mtime,
                first == null ? 0 : first.vid(),
                first == null ? 0 : first.key(),
                first == null ? 0 : first.cookie(),
                first == null ? List.of() : first.stores(),
                chunks);
    }
}
