package io.xfs.sts.slot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlotStoreTest {
    private static final Duration SLOT = Duration.ofMinutes(30);
    private static final Duration RETENTION = Duration.ofHours(1);
    private static final long MAX = 1 << 20;

    @TempDir
    Path dir;
    Path root;
    MutableClock clock;

    @BeforeEach
    void setUp() {
        root = dir.resolve("data");
        clock = new MutableClock(Instant.parse("2025-03-01T10:05:00Z"));
    }

    @Test
    void aWrittenFileReadsBackFromTheCurrentSlot() throws IOException {
        SlotStore store = open();
        StoredFile file = write(store, StoreKey.file("a.txt"), "hello");
        assertThat(file.length()).isEqualTo(5);
        assertThat(file.slotStart()).isEqualTo(Instant.parse("2025-03-01T10:00:00Z"));
        assertThat(file.path().getParent().getFileName().toString()).isEqualTo("20250301T100000Z");
        assertThat(Files.readString(store.find(StoreKey.file("a.txt")).orElseThrow().path())).isEqualTo("hello");
        assertThat(store.find(StoreKey.fetch("a.txt"))).as("a uri is another namespace").isEmpty();
    }

    @Test
    void slotDirectoriesAreOwnerOnlyAndFilesOwnerReadWrite() throws IOException {
        SlotStore store = open();
        StoredFile file = write(store, StoreKey.file("private.txt"), "secret-ish");
        assertThat(mode(root)).isEqualTo("rwx------");
        assertThat(mode(file.path().getParent())).isEqualTo("rwx------");
        assertThat(mode(file.path())).isEqualTo("rw-------");
    }

    private static String mode(Path path) throws IOException {
        return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void aNewSlotStartsEverySlotLength() throws IOException {
        SlotStore store = open();
        write(store, StoreKey.file("first"), "1");
        clock.advance(Duration.ofMinutes(25)); // 10:30
        write(store, StoreKey.file("second"), "2");
        assertThat(slotNames()).containsExactly("20250301T100000Z", "20250301T103000Z");
    }

    @Test
    void cleanupDeletesWholeSlotsOnceTheirEndIsOlderThanTheRetention() throws IOException {
        SlotStore store = open();
        write(store, StoreKey.file("old"), "old");          // slot 10:00-10:30
        clock.advance(Duration.ofMinutes(30));              // 10:35
        write(store, StoreKey.file("new"), "new");          // slot 10:30-11:00
        clock.advance(Duration.ofMinutes(54));              // 11:29: slot 10:00 ended 59 min ago
        assertThat(store.cleanup()).isZero();
        assertThat(store.find(StoreKey.file("old"))).isPresent();
        clock.advance(Duration.ofMinutes(1));               // 11:30: its end is 1 h old
        assertThat(store.cleanup()).isEqualTo(1);
        assertThat(store.find(StoreKey.file("old"))).isEmpty();
        assertThat(store.find(StoreKey.file("new"))).isPresent();
        assertThat(slotNames()).containsExactly("20250301T103000Z");
        assertThat(store.fileCount()).isEqualTo(1);
    }

    @Test
    void anExpiredFileIsAbsentEvenBeforeCleanupRuns() throws IOException {
        SlotStore store = open();
        write(store, StoreKey.file("f"), "x");
        clock.advance(Duration.ofMinutes(85)); // 11:30
        assertThat(store.find(StoreKey.file("f"))).isEmpty();
        assertThat(slotNames()).hasSize(1);
    }

    @Test
    void reopeningKeepsFilesWithinTheRetentionAndDropsOlderSlots() throws IOException {
        SlotStore store = open();
        write(store, StoreKey.file("early"), "early");
        clock.advance(Duration.ofMinutes(40)); // 10:45
        write(store, StoreKey.file("later"), "later");
        clock.advance(Duration.ofMinutes(30)); // 11:15

        SlotStore reopened = open();
        assertThat(Files.readString(reopened.find(StoreKey.file("early")).orElseThrow().path())).isEqualTo("early");
        assertThat(reopened.find(StoreKey.file("later")).orElseThrow().length()).isEqualTo(5);

        clock.advance(Duration.ofMinutes(20)); // 11:35: the 10:00 slot is past the retention
        SlotStore third = open();
        assertThat(third.find(StoreKey.file("early"))).isEmpty();
        assertThat(third.find(StoreKey.file("later"))).isPresent();
        assertThat(slotNames()).containsExactly("20250301T103000Z");
    }

    @Test
    void aBodyThatBreaksOffLeavesNothingBehind() throws IOException {
        SlotStore store = open();
        InputStream broken = new InputStream() {
            int sent;

            @Override
            public int read() throws IOException {
                if (sent++ < 1000) {
                    return 'x';
                }
                throw new IOException("client went away");
            }
        };
        assertThatThrownBy(() -> store.write(StoreKey.file("half"), broken, -1, MAX))
                .isInstanceOf(IOException.class);
        assertThat(store.find(StoreKey.file("half"))).isEmpty();
        assertThat(allFiles()).isEmpty();
    }

    @Test
    void aLengthMismatchKeepsNothing() throws IOException {
        SlotStore store = open();
        assertThatThrownBy(() -> store.write(StoreKey.file("short"), body("abc"), 4, MAX))
                .isInstanceOfSatisfying(XfsException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.LENGTH_MISMATCH));
        assertThatThrownBy(() -> store.write(StoreKey.file("long"), body("abcde"), 4, MAX))
                .isInstanceOfSatisfying(XfsException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.LENGTH_MISMATCH));
        assertThatThrownBy(() -> store.write(StoreKey.file("big"), body("abcde"), -1, 4))
                .isInstanceOfSatisfying(XfsException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE));
        assertThat(allFiles()).isEmpty();
        assertThat(store.fileCount()).isZero();
    }

    @Test
    void reopeningDeletesIncompleteWritesAndIgnoresStrangers() throws IOException {
        SlotStore store = open();
        StoredFile file = write(store, StoreKey.file("complete"), "ok");
        Path slot = file.path().getParent();
        Files.writeString(slot.resolve(StoreKey.file("torn").fileName() + ".1234.tmp"), "half");
        Files.writeString(slot.resolve("README"), "not ours");

        SlotStore reopened = open();
        assertThat(reopened.find(StoreKey.file("complete"))).isPresent();
        assertThat(reopened.find(StoreKey.file("torn"))).isEmpty();
        assertThat(reopened.fileCount()).isEqualTo(1);
        try (Stream<Path> files = Files.list(slot)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(file.path().getFileName().toString(), "README");
        }
    }

    @Test
    void overwritingReplacesTheContentAndRemovesTheOlderCopy() throws IOException {
        SlotStore store = open();
        StoredFile first = write(store, StoreKey.file("name"), "one");
        clock.advance(SLOT);
        StoredFile second = write(store, StoreKey.file("name"), "second");
        assertThat(Files.exists(first.path())).isFalse();
        assertThat(store.find(StoreKey.file("name")).orElseThrow()).isEqualTo(second);
        assertThat(Files.readString(second.path())).isEqualTo("second");
    }

    @Test
    void reopeningKeepsTheNewestCopyWhenTwoSlotsHoldTheSameName() throws IOException {
        SlotStore store = open();
        StoredFile older = write(store, StoreKey.file("dup"), "older");
        clock.advance(SLOT);
        StoredFile newer = write(store, StoreKey.file("other"), "x");
        // A crash between the rename of a new copy and the delete of the old one leaves both.
        Files.writeString(newer.path().resolveSibling(older.fileName()), "newer!");

        SlotStore reopened = open();
        StoredFile found = reopened.find(StoreKey.file("dup")).orElseThrow();
        assertThat(Files.readString(found.path())).isEqualTo("newer!");
        assertThat(found.length()).isEqualTo(6);
        assertThat(Files.exists(older.path())).isFalse();
    }

    @Test
    void aFilenameWithDotDotStaysInsideTheDataDirectory() throws IOException {
        SlotStore store = open();
        for (String name : List.of("../../escape", "../escape", "/etc/escape", "a/../../escape", "..", "nul\0x")) {
            StoredFile file = write(store, StoreKey.file(name), name);
            assertThat(file.path().normalize()).startsWith(root);
            assertThat(file.path().getParent().getParent()).isEqualTo(root);
        }
        try (Stream<Path> outside = Files.walk(dir)) {
            assertThat(outside.filter(Files::isRegularFile).filter(p -> !p.startsWith(root))).isEmpty();
        }
        assertThat(allFiles()).hasSize(6);
    }

    private SlotStore open() throws IOException {
        return SlotStore.open(root, SLOT, RETENTION, clock);
    }

    private static StoredFile write(SlotStore store, StoreKey key, String content) throws IOException {
        return store.write(key, body(content), -1, MAX);
    }

    private static InputStream body(String content) {
        return new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
    }

    private List<String> slotNames() throws IOException {
        try (Stream<Path> slots = Files.list(root)) {
            return slots.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private List<Path> allFiles() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
