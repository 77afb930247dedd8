package io.xfs.proxy.file;

import io.xfs.common.directory.FileView;
import io.xfs.common.directory.NeedleRef;
import java.util.List;

/**
 * One visible version of a file, as the directory described it: enough to answer headers and to read the
 * bytes of exactly this version ({@link FileService#read(FileInfo, long, long, java.io.OutputStream)}).
 *
 * @param mtime  epoch millis of the commit that made this version visible
 * @param chunks the needles in file order, each with the stores that held a readable replica at lookup time
 */
public record FileInfo(
        String bucket, String name, long size, String mime, String sha1, String sha256, long mtime,
        List<NeedleRef> chunks) {

    public FileInfo {
        chunks = List.copyOf(chunks);
    }

    static FileInfo of(FileView view) {
        return new FileInfo(view.bucket(), view.filename(), view.size(), view.mime() == null ? "" : view.mime(),
                view.sha1(), view.sha256(), view.mtime(), view.chunks());
    }

    /** The strong entity tag: the SHA-1 in quotes. */
    public String etag() {
        return "\"" + sha1 + "\"";
    }

    /** True when {@code other} names the same needles (stores aside): the same stored version. */
    public boolean sameContent(FileInfo other) {
        if (chunks.size() != other.chunks.size() || size != other.size) {
            return false;
        }
        for (int i = 0; i < chunks.size(); i++) {
            if (!chunks.get(i).withoutStores().equals(other.chunks.get(i).withoutStores())) {
                return false;
            }
        }
        return true;
    }
}
