package io.xfs.proxy.mas;

import io.xfs.common.directory.Listing;
import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.proxy.file.FileInfo;
import io.xfs.proxy.file.FileService;
import io.xfs.proxy.file.StoredFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link MasStorage} on the proxy's {@link FileService}, in one private bucket laid out as
 * {@link MasStorageLayout} says. Finding a file by hash lists its hash directory (one directory call) and
 * looks the file up (cached by the file service for up to 2 s). Thread-safe.
 */
final class FileServiceMasStorage implements MasStorage {
    private static final Logger log = LoggerFactory.getLogger(FileServiceMasStorage.class);
    private static final String CHUNK_MIME = "application/octet-stream";
    private static final int PAGE = 1000;

    private final FileService files;
    private final String bucket;
    private final Clock clock;

    FileServiceMasStorage(FileService files, String bucket, Clock clock) {
        this.files = files;
        this.bucket = bucket;
        this.clock = clock;
    }

    @Override
    public Optional<MasFile> find(String hash) {
        Listing listing = files.list(bucket, MasStorageLayout.fileDir(hash), 1, null);
        if (listing.files().isEmpty()) {
            return Optional.empty();
        }
        String name = listing.files().getFirst();
        return files.info(bucket, MasStorageLayout.file(hash, name))
                .filter(info -> info.sha256().equals(hash))
                .map(info -> new MasFile(hash, name, info.size(), mimeOf(info), info.sha1(),
                        Instant.ofEpochMilli(info.mtime())));
    }

    @Override
    public MasFile store(String hash, String name, String mime, Spool content) throws IOException {
        try (InputStream in = content.open()) {
            StoredFile stored = files.store(bucket, MasStorageLayout.file(hash, name), mime, in, content.size());
            if (!stored.sha256().equals(hash)) {
                // The spool was hashed before; a difference means the bytes changed on the way.
                files.delete(bucket, stored.name());
                throw new XfsException(ErrorCode.INTERNAL, "stored " + stored.name() + " has SHA-256 "
                        + stored.sha256() + " instead of " + hash + "; deleted it");
            }
            // The commit's time, as every later lookup will tell it (one more directory call per upload).
            Instant created = files.info(bucket, stored.name()).map(info -> Instant.ofEpochMilli(info.mtime()))
                    .orElseGet(clock::instant);
            return new MasFile(hash, name, stored.size(), stored.mime(), stored.sha1(), created);
        }
    }

    @Override
    public void read(MasFile file, long offset, long length, OutputStream out) throws IOException {
        files.read(bucket, MasStorageLayout.file(file.hash(), file.name()), offset, length, out);
    }

    @Override
    public String storeChunk(String hash, int number, Spool content) throws IOException {
        String name = MasStorageLayout.newChunkFile(hash, number);
        try (InputStream in = content.open()) {
            files.store(bucket, name, CHUNK_MIME, in, content.size());
        }
        return name;
    }

    @Override
    public void readChunk(String chunkFile, OutputStream out) throws IOException {
        files.read(bucket, chunkFile, 0, -1, out);
    }

    @Override
    public void deleteChunk(String chunkFile) {
        try {
            files.delete(bucket, chunkFile);
        } catch (XfsException e) {
            if (e.errorCode() != ErrorCode.FILE_NOT_FOUND) {
                // The cleaner's sweep of stray chunk files retries later.
                log.warn("could not delete chunk file {}/{}: {}", bucket, chunkFile, e.getMessage());
            }
        }
    }

    @Override
    public List<String> chunkFilesOlderThan(Instant cutoff, int limit) {
        List<String> old = new ArrayList<>();
        for (String hashDir : entries(MasStorageLayout.UPLOADS_DIR, true, limit)) {
            String dir = MasStorageLayout.UPLOADS_DIR + hashDir;
            for (String name : entries(dir, false, limit - old.size())) {
                files.info(bucket, dir + name)
                        .filter(info -> info.mtime() < cutoff.toEpochMilli())
                        .ifPresent(info -> old.add(dir + name));
            }
            if (old.size() >= limit) {
                break;
            }
        }
        return old;
    }

    /** Up to {@code limit} subdirectories (with their {@code /}) or files of {@code dir}. */
    private List<String> entries(String dir, boolean subdirs, int limit) {
        List<String> entries = new ArrayList<>();
        String marker = null;
        do {
            Listing page = files.list(bucket, dir, PAGE, marker);
            for (String entry : subdirs ? page.subdirs() : page.files()) {
                if (entries.size() < limit) {
                    entries.add(entry);
                }
            }
            marker = page.nextMarker();
        } while (marker != null && entries.size() < limit);
        return entries;
    }

    private static String mimeOf(FileInfo info) {
        return info.mime().isBlank() ? MasNames.mime(null, info.name()) : info.mime();
    }
}
