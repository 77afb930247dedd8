package io.xfs.proxy.mas;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Where the mas API keeps things inside its private bucket: a finished file at {@code <sha256>/<name>}
 * (the directory of its hash holds one file, whose name is the one it was uploaded with), and the chunks
 * of an upload in progress at {@code .uploads/<sha256>/<n>-<random>}, a new name for every attempt so that
 * concurrent attempts never overwrite each other.
 */
final class MasStorageLayout {
    static final String UPLOADS_DIR = ".uploads/";
    private static final SecureRandom RANDOM = new SecureRandom();

    private MasStorageLayout() {
    }

    static String fileDir(String hash) {
        return hash + "/";
    }

    static String file(String hash, String name) {
        return fileDir(hash) + name;
    }

    static String chunkDir(String hash) {
        return UPLOADS_DIR + hash + "/";
    }

    static String newChunkFile(String hash, int number) {
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        return chunkDir(hash) + number + "-" + HexFormat.of().formatHex(random);
    }

    /** The upload hash a chunk file belongs to (its middle segment). */
    static String hashOfChunkFile(String chunkFile) {
        int start = UPLOADS_DIR.length();
        return chunkFile.substring(start, chunkFile.indexOf('/', start));
    }
}
