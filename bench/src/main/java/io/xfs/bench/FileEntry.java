package io.xfs.bench;

import java.util.HexFormat;

/**
 * One file of a run: its name, size, SHA-1 (to verify reads) and where the target put it
 * ({@code location}: the name for proxy and http targets, {@code vid,key,cookie,store|store} for stores).
 */
record FileEntry(int index, String name, int size, String sha1, String location) {
    FileEntry withLocation(String newLocation) {
        return new FileEntry(index, name, size, sha1, newLocation);
    }

    static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }
}
