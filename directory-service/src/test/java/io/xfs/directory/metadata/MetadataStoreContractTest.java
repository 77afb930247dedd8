package io.xfs.directory.metadata;

import static io.xfs.directory.metadata.MetadataLedger.NOW;
import static io.xfs.directory.metadata.MetadataLedger.TTL;
import static io.xfs.directory.metadata.MetadataLedger.bytes;
import static io.xfs.directory.metadata.MetadataLedger.needle;
import static io.xfs.directory.metadata.MetadataLedger.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xfs.common.auth.access.BucketPolicy;
import io.xfs.common.auth.access.SealedAccessKey;
import io.xfs.common.directory.CommitRequest;
import io.xfs.common.directory.FileView;
import io.xfs.common.directory.Listing;
import io.xfs.common.directory.NeedleRef;
import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The conformance suite every {@link MetadataStore} backend passes (SPEC §4): a backend's test extends
 * it and implements {@link #openStore(boolean)}. Covers commits and placements, dedup reference counts, garbage,
 * listing and paging, deletes and reopening here, and races through {@link ConcurrencyContract}. Each
 * test starts from an empty store.
 */
public abstract class MetadataStoreContractTest implements ConcurrencyContract, EventsContract {
    protected static final String BUCKET = "photos";

    private @Nullable MetadataStore store;
    protected final MetadataLedger ledger = new MetadataLedger(this::store);

    /**
     * Opens the backend's store on this test's data: empty for the first call of a test, and the same
     * data again when called after {@link MetadataStore#close()} (reopen). Each test's store records file
     * events unless it reopens without ({@link EventsContract}).
     */
    protected abstract MetadataStore openStore(boolean recordEvents);

    @BeforeEach
    void openStoreForTest() {
        store = openStore(true);
    }

    @AfterEach
    void closeStoreAfterTest() {
        if (store != null) {
            store.close();
        }
    }

    @Override
    public MetadataLedger ledger() {
        return ledger;
    }

    @Override
    public MetadataStore store() {
        if (store == null) {
            throw new IllegalStateException("store not open");
        }
        return store;
    }

    protected MetadataStore reopen() {
        return reopen(true);
    }

    @Override
    public MetadataStore reopen(boolean recordEvents) {
        store().close();
        store = null;
        store = openStore(recordEvents);
        return store;
    }

    protected static void assertFails(ErrorCode code, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(XfsException.class,
                e -> assertThat(e.errorCode()).as(e.getMessage()).isEqualTo(code));
    }

    // --- commit, get, placements ---

    @Test
    void commitMakesTheFileVisibleWithItsMetadata() {
        NeedleRef needle = ledger.place(BUCKET, 5);
        CommitRequest request = ledger.request(BUCKET, "a/cat.jpg", "hello", List.of(needle));
        FileView committed = store().commit(request, NOW);

        FileView got = store().get(BUCKET, "a/cat.jpg").orElseThrow();
        assertThat(got).isEqualTo(committed);
        assertThat(got.bucket()).isEqualTo(BUCKET);
        assertThat(got.filename()).isEqualTo("a/cat.jpg");
        assertThat(got.size()).isEqualTo(5);
        assertThat(got.mime()).isEqualTo("text/plain");
        assertThat(got.sha1()).isEqualTo(MetadataLedger.sha1("hello"));
        assertThat(got.sha256()).isEqualTo(sha256("hello"));
        assertThat(got.mtime()).isEqualTo(NOW);
        assertThat(got.chunks()).containsExactly(needle);
        assertThat(got.vid()).isEqualTo(needle.vid());
        assertThat(got.key()).isEqualTo(needle.key());
        assertThat(got.cookie()).isEqualTo(needle.cookie());
        assertThat(store().findContent(BUCKET, sha256("hello"), 5)).get()
                .extracting(ContentRecord::refs).isEqualTo(1L);
        assertThat(store().garbage(null, 10)).isEmpty();
    }

    @Test
    void absentFilesAreEmptyAndDeleteReportsThem() {
        assertThat(store().get(BUCKET, "nothing")).isEmpty();
        assertThat(store().delete(BUCKET, "nothing")).isFalse();
        assertThat(store().findContent(BUCKET, sha256("x"), 1)).isEmpty();
    }

    @Test
    void chunkedFileKeepsItsChunksInOrder() {
        List<NeedleRef> chunks = List.of(ledger.place(BUCKET, 4), ledger.place(BUCKET, 4), ledger.place(BUCKET, 2));
        store().commit(ledger.request(BUCKET, "big.bin", "0123456789", chunks), NOW);
        assertThat(store().get(BUCKET, "big.bin").orElseThrow().chunks()).containsExactlyElementsOf(chunks);
        ledger.assertConsistent();
    }

    @Test
    void emptyFileCommitsWithoutChunks() {
        store().commit(ledger.request(BUCKET, "empty", "", List.of()), NOW);
        FileView file = store().get(BUCKET, "empty").orElseThrow();
        assertThat(file.size()).isZero();
        assertThat(file.chunks()).isEmpty();
        ledger.assertConsistent();
    }

    @Test
    void retriedCommitReturnsTheFileUnchanged() {
        NeedleRef needle = ledger.place(BUCKET, 3);
        CommitRequest request = ledger.request(BUCKET, "f", "abc", List.of(needle));
        FileView first = store().commit(request, NOW);
        FileView again = store().commit(request, NOW + 5);
        assertThat(again).isEqualTo(first);
        assertThat(store().findContent(BUCKET, sha256("abc"), 3).orElseThrow().refs()).isEqualTo(1);
        ledger.assertConsistent();
    }

    @Test
    void commitOfAnUnknownPlacementFails409() {
        NeedleRef never = new NeedleRef(1, 424242, 7, 3);
        assertFails(ErrorCode.PLACEMENT_EXPIRED,
                () -> store().commit(ledger.request(BUCKET, "f", "abc", List.of(never)), NOW));
        assertThat(store().get(BUCKET, "f")).isEmpty();
    }

    @Test
    void placementOfAnotherBucketOrCookieDoesNotCommit() {
        NeedleRef other = ledger.place("other", 3);
        assertFails(ErrorCode.PLACEMENT_EXPIRED,
                () -> store().commit(ledger.request(BUCKET, "f", "abc", List.of(other)), NOW));
        NeedleRef mine = ledger.place(BUCKET, 3);
        NeedleRef wrongCookie = new NeedleRef(mine.vid(), mine.key(), mine.cookie() + 2, 3);
        assertFails(ErrorCode.PLACEMENT_EXPIRED,
                () -> store().commit(ledger.request(BUCKET, "f", "abc", List.of(wrongCookie)), NOW));
        assertThat(store().get(BUCKET, "f")).isEmpty();
        ledger.assertConsistent();
    }

    @Test
    void recordingAPendingPlacementTwiceConflicts() {
        PendingPlacement placement = new PendingPlacement(BUCKET, 1, 99, 5, NOW + TTL);
        store().recordPlacement(placement);
        assertFails(ErrorCode.KEY_CONFLICT, () -> store().recordPlacement(placement));
    }

    @Test
    void lateCommitOfAnExpiredPlacementFails409AndReapsItsNeedle() {
        NeedleRef needle = ledger.place(BUCKET, 3, NOW + 10);
        assertFails(ErrorCode.PLACEMENT_EXPIRED,
                () -> store().commit(ledger.request(BUCKET, "late", "abc", List.of(needle)), NOW + 10));
        assertThat(store().get(BUCKET, "late")).isEmpty();
        assertThat(store().findContent(BUCKET, sha256("abc"), 3)).isEmpty();
        assertThat(store().garbage(null, 10)).containsExactly(needle(needle));
        ledger.assertConsistent();
    }

    @Test
    void expiredPlacementsBecomeGarbageAndTheirCommitFails409() {
        NeedleRef expiring = ledger.place(BUCKET, 3, NOW + 10);
        NeedleRef alive = ledger.place(BUCKET, 3, NOW + TTL);
        assertThat(store().expirePlacements(NOW + 9, 100)).isZero();
        assertThat(store().expirePlacements(NOW + 10, 100)).isEqualTo(1);
        assertThat(store().garbage(null, 10)).containsExactly(needle(expiring));
        assertThat(store().expirePlacements(NOW + 10, 100)).as("already expired").isZero();

        assertFails(ErrorCode.PLACEMENT_EXPIRED,
                () -> store().commit(ledger.request(BUCKET, "late", "abc", List.of(expiring)), NOW));
        assertThat(store().get(BUCKET, "late")).isEmpty();
        store().commit(ledger.request(BUCKET, "alive", "abc", List.of(alive)), NOW + 20);
        assertThat(store().get(BUCKET, "alive")).isPresent();
        ledger.assertConsistent();
    }

    @Test
    void expirePlacementsStopsAtTheLimit() {
        for (int i = 0; i < 5; i++) {
            ledger.place(BUCKET, 1, NOW);
        }
        assertThat(store().expirePlacements(NOW, 3)).isEqualTo(3);
        assertThat(store().expirePlacements(NOW, 3)).isEqualTo(2);
        assertThat(ledger.allGarbage()).hasSize(5);
    }

    @Test
    void placementsRecordedAfterASweepExpireOnTimeEvenBeforeTheOnesItSaw() {
        NeedleRef late = ledger.place(BUCKET, 3, NOW + 100);
        assertThat(store().expirePlacements(NOW, 100)).as("nothing due yet").isZero();
        NeedleRef early = ledger.place(BUCKET, 3, NOW + 10);
        assertThat(store().expirePlacements(NOW + 9, 100)).isZero();
        assertThat(store().expirePlacements(NOW + 10, 100)).isEqualTo(1);
        assertThat(store().garbage(null, 10)).containsExactly(needle(early));
        assertThat(store().expirePlacements(NOW + 99, 100)).isZero();
        assertThat(store().expirePlacements(NOW + 100, 100)).isEqualTo(1);
        assertThat(store().garbage(null, 10)).containsExactlyInAnyOrder(needle(early), needle(late));
        // Sweeps at any time, also earlier ones, agree with what is stored.
        NeedleRef again = ledger.place(BUCKET, 3, NOW + 50);
        assertThat(store().expirePlacements(NOW + 200, 100)).isEqualTo(1);
        assertThat(store().expirePlacements(NOW, 100)).isZero();
        assertThat(store().garbage(null, 10)).contains(needle(again));
        ledger.assertConsistent();
    }

    @Test
    void aSweepStoppedAtTheLimitLeavesLaterPlacementsDue() {
        ledger.place(BUCKET, 1, NOW);
        ledger.place(BUCKET, 1, NOW);
        NeedleRef later = ledger.place(BUCKET, 1, NOW + 5);
        assertThat(store().expirePlacements(NOW, 1)).isEqualTo(1);
        assertThat(store().expirePlacements(NOW, 1)).isEqualTo(1);
        assertThat(store().expirePlacements(NOW, 1)).isZero();
        assertThat(store().expirePlacements(NOW + 5, 1)).isEqualTo(1);
        assertThat(store().garbage(null, 10)).contains(needle(later));
        assertThat(store().expirePlacements(NOW + 5, 1)).isZero();
    }

    // --- overwrite and dedup ---

    @Test
    void overwriteReleasesTheOldNeedles() {
        FileView v1 = ledger.upload(BUCKET, "f", "one");
        FileView v2 = ledger.upload(BUCKET, "f", "two");
        assertThat(store().get(BUCKET, "f").orElseThrow()).isEqualTo(v2);
        assertThat(store().findContent(BUCKET, sha256("one"), 3)).isEmpty();
        assertThat(store().garbage(null, 10)).containsExactly(needle(v1.chunks().getFirst()));
        ledger.assertConsistent();
    }

    @Test
    void overwriteWithIdenticalBytesKeepsTheStoredCopy() {
        FileView v1 = ledger.upload(BUCKET, "f", "same");
        FileView v2 = ledger.upload(BUCKET, "f", "same");
        // The count went 1 → 2 → 1, never 0: the original needles stay, the new ones are reaped.
        assertThat(v2.chunks()).isEqualTo(v1.chunks());
        ContentRecord content = store().findContent(BUCKET, sha256("same"), 4).orElseThrow();
        assertThat(content.refs()).isEqualTo(1);
        assertThat(content.chunks()).isEqualTo(v1.chunks());
        List<GarbageNeedle> garbage = store().garbage(null, 10);
        assertThat(garbage).hasSize(1).doesNotContain(needle(v1.chunks().getFirst()));
        ledger.assertConsistent();
    }

    @Test
    void dedupCountsGoUpAndDown() {
        FileView a = ledger.upload(BUCKET, "a", "shared");
        FileView b = store().commit(ledger.dedupRequest(BUCKET, "dir/b", "shared"), NOW);
        FileView c = ledger.upload(BUCKET, "c", "shared"); // written again without asking: deduplicated too
        assertThat(b.chunks()).isEqualTo(a.chunks());
        assertThat(c.chunks()).isEqualTo(a.chunks());
        assertThat(store().findContent(BUCKET, sha256("shared"), 6).orElseThrow().refs()).isEqualTo(3);
        assertThat(store().garbage(null, 10)).hasSize(1).doesNotContain(needle(a.chunks().getFirst()));

        assertThat(store().delete(BUCKET, "a")).isTrue();
        assertThat(store().findContent(BUCKET, sha256("shared"), 6).orElseThrow().refs()).isEqualTo(2);
        assertThat(store().delete(BUCKET, "dir/b")).isTrue();
        assertThat(store().get(BUCKET, "c").orElseThrow().chunks()).isEqualTo(a.chunks());
        assertThat(store().delete(BUCKET, "c")).isTrue();
        assertThat(store().findContent(BUCKET, sha256("shared"), 6)).isEmpty();
        assertThat(store().garbage(null, 10)).hasSize(2).contains(needle(a.chunks().getFirst()));
        ledger.assertConsistent();
    }

    @Test
    void dedupStaysInsideItsBucket() {
        ledger.upload(BUCKET, "a", "shared");
        assertThat(store().findContent("other", sha256("shared"), 6)).isEmpty();
        assertFails(ErrorCode.CONTENT_VANISHED,
                () -> store().commit(ledger.dedupRequest("other", "a", "shared"), NOW));
        FileView other = ledger.upload("other", "a", "shared");
        assertThat(other.chunks()).isNotEqualTo(store().get(BUCKET, "a").orElseThrow().chunks());
        ledger.assertConsistent();
    }

    @Test
    void dedupCommitOfVanishedContentFails409() {
        ledger.upload(BUCKET, "a", "gone soon");
        assertThat(store().findContent(BUCKET, sha256("gone soon"), 9)).isPresent();
        store().delete(BUCKET, "a");
        assertFails(ErrorCode.CONTENT_VANISHED,
                () -> store().commit(ledger.dedupRequest(BUCKET, "b", "gone soon"), NOW));
        assertThat(store().get(BUCKET, "b")).isEmpty();
        ledger.assertConsistent();
    }

    @Test
    void findContentAcceptsUpperCaseHex() {
        ledger.upload(BUCKET, "a", "hex");
        ContentRecord content = store().findContent(BUCKET, sha256("hex").toUpperCase(), 3).orElseThrow();
        assertThat(content.sha256()).isEqualTo(sha256("hex"));
        assertThat(content.bucket()).isEqualTo(BUCKET);
        assertThat(content.size()).isEqualTo(3);
        assertThat(store().findContent(BUCKET, sha256("hex"), 4)).as("size is part of the key").isEmpty();
    }

    // --- delete ---

    @Test
    void deleteRemovesTheFileAndReleasesItsNeedles() {
        FileView f = ledger.upload(BUCKET, "x/y/f", "bytes");
        assertThat(store().delete(BUCKET, "x/y/f")).isTrue();
        assertThat(store().get(BUCKET, "x/y/f")).isEmpty();
        assertThat(store().delete(BUCKET, "x/y/f")).isFalse();
        assertThat(store().garbage(null, 10)).containsExactly(needle(f.chunks().getFirst()));
        ledger.assertConsistent();
    }

    @Test
    void emptyAncestorDirectoriesDisappear() {
        ledger.upload(BUCKET, "a/b/c/f", "1");
        ledger.upload(BUCKET, "a/x", "2");
        store().delete(BUCKET, "a/b/c/f");
        assertThat(entries(store().list(BUCKET, "a/", null, 100))).containsExactly("x");
        assertThat(entries(store().list(BUCKET, "a/b/", null, 100))).isEmpty();
        store().delete(BUCKET, "a/x");
        assertThat(entries(store().list(BUCKET, "", null, 100))).isEmpty();
    }

    @Test
    void seedExampleListsEveryAncestorAndDeletesRecursively() {
        ledger.upload(BUCKET, "dir1/dir2/dir3/dir4/file", "seed 001");
        assertThat(store().list(BUCKET, "", null, 10).subdirs()).containsExactly("dir1/");
        assertThat(store().list(BUCKET, "dir1/", null, 10).subdirs()).containsExactly("dir2/");
        assertThat(store().list(BUCKET, "dir1/dir2/", null, 10).subdirs()).containsExactly("dir3/");
        assertThat(store().list(BUCKET, "dir1/dir2/dir3/", null, 10).subdirs()).containsExactly("dir4/");
        Listing leaf = store().list(BUCKET, "dir1/dir2/dir3/dir4/", null, 10);
        assertThat(leaf.files()).containsExactly("file");
        assertThat(leaf.subdirs()).isEmpty();

        assertThat(store().deleteRecursively(BUCKET, "dir1/")).isEqualTo(1);
        assertThat(store().get(BUCKET, "dir1/dir2/dir3/dir4/file")).isEmpty();
        assertThat(entries(store().list(BUCKET, "", null, 10))).isEmpty();
        assertThat(store().deleteRecursively(BUCKET, "dir1/")).isZero();
        ledger.assertConsistent();
    }

    @Test
    void deleteRecursivelyStaysInsideTheDirectory() {
        for (int i = 0; i < 300; i++) {
            ledger.upload(BUCKET, "d/" + (i % 7) + "/f" + i, "content " + (i % 50));
        }
        ledger.upload(BUCKET, "d", "a file named like the directory");
        ledger.upload(BUCKET, "d-other/f", "sibling");
        ledger.upload(BUCKET, "dx/f", "sibling 2");
        ledger.upload(BUCKET + "2", "d/f", "other bucket");

        assertThat(store().deleteRecursively(BUCKET, "d/")).isEqualTo(300);
        assertThat(entries(store().list(BUCKET, "", null, 100))).containsExactly("d", "d-other/", "dx/");
        assertThat(store().get(BUCKET + "2", "d/f")).isPresent();
        ledger.assertConsistent();
    }

    @Test
    void deleteRecursivelyOfTheRootEmptiesOnlyThatBucket() {
        ledger.upload(BUCKET, "a", "1");
        ledger.upload(BUCKET, "b/c", "2");
        ledger.upload(BUCKET + "x", "a", "3");
        assertThat(store().deleteRecursively(BUCKET, "")).isEqualTo(2);
        assertThat(entries(store().list(BUCKET, "", null, 10))).isEmpty();
        assertThat(entries(store().list(BUCKET + "x", "", null, 10))).containsExactly("a");
        ledger.assertConsistent();
    }

    // --- listing ---

    @Test
    void bucketsAreListedInNameOrderOnceEachWhileTheyHoldFiles() {
        assertThat(store().buckets(null, 10)).isEmpty();
        for (String bucket : List.of("b", "a-b", "a", "a.b", "c")) {
            ledger.upload(bucket, "x/y", bucket);
            ledger.upload(bucket, "z", bucket + "z");
        }
        // A bucket whose name starts with another's comes after all of the shorter one's files.
        assertThat(store().buckets(null, 10)).containsExactly("a", "a-b", "a.b", "b", "c");
        assertThat(store().buckets(null, 2)).containsExactly("a", "a-b");
        assertThat(store().buckets("a-b", 2)).containsExactly("a.b", "b");
        assertThat(store().buckets("c", 2)).isEmpty();
        store().delete("b", "x/y");
        store().delete("b", "z");
        assertThat(store().buckets(null, 10)).containsExactly("a", "a-b", "a.b", "c");
    }

    @Test
    void listingIsOneSortedSequenceOfFilesAndSubdirs() {
        for (String name : List.of("b", "a/x", "a-b", "a", "c/d/e", "c/f", "a/y/z")) {
            ledger.upload(BUCKET, name, name);
        }
        Listing root = store().list(BUCKET, "", null, 100);
        // Byte order: '-' (0x2d) sorts before '/' (0x2f), so "a-b" comes before "a/".
        assertThat(entries(root)).containsExactly("a", "a-b", "a/", "b", "c/");
        assertThat(root.files()).containsExactly("a", "a-b", "b");
        assertThat(root.subdirs()).containsExactly("a/", "c/");
        assertThat(root.nextMarker()).isNull();
        assertThat(root.bucket()).isEqualTo(BUCKET);
        assertThat(root.dir()).isEmpty();
        assertThat(entries(store().list(BUCKET, "a/", null, 100))).containsExactly("x", "y/");
    }

    @Test
    void largeSubtreesListAsOneEntryEach() {
        for (int i = 0; i < 30; i++) {
            ledger.upload(BUCKET, "big/a/" + i + "/f", "a" + i);
            ledger.upload(BUCKET, "big/c/" + i, "c" + i);
        }
        ledger.upload(BUCKET, "big/b", "b");
        ledger.upload(BUCKET, "big/d/x", "d");
        assertThat(entries(store().list(BUCKET, "big/", null, 100))).containsExactly("a/", "b", "c/", "d/");
        Listing page = store().list(BUCKET, "big/", "a/", 2);
        assertThat(entries(page)).containsExactly("b", "c/");
        assertThat(page.nextMarker()).isEqualTo("c/");
        assertThat(entries(store().list(BUCKET, "big/", "c/", 2))).containsExactly("d/");
        assertThat(store().list(BUCKET, "big/a/", null, 100).subdirs()).hasSize(30);
    }

    @Test
    void pagingWithLimitOneVisitsEveryEntryOnce() {
        List<String> expected = tenEntries();
        List<String> seen = new ArrayList<>();
        String marker = null;
        for (int page = 0; page < expected.size(); page++) {
            Listing listing = store().list(BUCKET, "d/", marker, 1);
            assertThat(entries(listing)).hasSize(1);
            seen.addAll(entries(listing));
            marker = listing.nextMarker();
            if (page < expected.size() - 1) {
                assertThat(marker).isEqualTo(seen.getLast());
            }
        }
        assertThat(marker).as("the last page is not truncated").isNull();
        assertThat(seen).isEqualTo(expected);
    }

    @Test
    void pagingByAnExactMultipleEndsWithoutMarker() {
        List<String> expected = tenEntries();
        Listing first = store().list(BUCKET, "d/", null, 5);
        assertThat(entries(first)).isEqualTo(expected.subList(0, 5));
        assertThat(first.nextMarker()).isEqualTo(expected.get(4));
        Listing second = store().list(BUCKET, "d/", first.nextMarker(), 5);
        assertThat(entries(second)).isEqualTo(expected.subList(5, 10));
        assertThat(second.nextMarker()).isNull();
        Listing whole = store().list(BUCKET, "d/", null, 10);
        assertThat(entries(whole)).isEqualTo(expected);
        assertThat(whole.nextMarker()).isNull();
        assertThat(store().list(BUCKET, "d/", null, 9).nextMarker()).isEqualTo(expected.get(8));
    }

    @Test
    void markerPastTheEndOrBetweenEntriesPagesByByteOrder() {
        List<String> expected = tenEntries();
        Listing past = store().list(BUCKET, "d/", "zzz", 5);
        assertThat(entries(past)).isEmpty();
        assertThat(past.nextMarker()).isNull();
        assertThat(entries(store().list(BUCKET, "d/", expected.getLast(), 5))).isEmpty();
        // A marker that names no entry starts at the next one; a subdir marker skips its whole subtree.
        assertThat(entries(store().list(BUCKET, "d/", "f3a", 100))).isEqualTo(expected.subList(4, 10));
        assertThat(entries(store().list(BUCKET, "d/", "s1/", 100))).containsExactly("s2/");
        assertThat(entries(store().list(BUCKET, "d/", "s1", 100))).containsExactly("s1/", "s2/");
        assertThat(entries(store().list(BUCKET, "d/", "", 100))).isEqualTo(expected);
    }

    @Test
    void unicodeNamesListInCodePointOrder() {
        // UTF-16 order would put the emoji (a surrogate pair) before U+FF01; code point order puts it last.
        List<String> names = List.of("z.txt", "é.txt", "照片/猫.jpg", "！.txt", "😀.png", "Ω/ω");
        for (String name : names) {
            ledger.upload(BUCKET, name, name);
        }
        assertThat(entries(store().list(BUCKET, "", null, 100)))
                .containsExactly("z.txt", "é.txt", "Ω/", "照片/", "！.txt", "😀.png");
        assertThat(store().list(BUCKET, "照片/", null, 10).files()).containsExactly("猫.jpg");
        assertThat(store().get(BUCKET, "照片/猫.jpg").orElseThrow().filename()).isEqualTo("照片/猫.jpg");
        Listing page = store().list(BUCKET, "", "照片/", 1);
        assertThat(entries(page)).containsExactly("！.txt");
        assertThat(page.nextMarker()).isEqualTo("！.txt");
        ledger.assertConsistent();
    }

    @Test
    void listingOfAMissingDirectoryIsEmpty() {
        ledger.upload(BUCKET, "a/f", "1");
        Listing missing = store().list(BUCKET, "nope/", null, 10);
        assertThat(entries(missing)).isEmpty();
        assertThat(missing.nextMarker()).isNull();
        assertThat(entries(store().list("empty", "", null, 10))).isEmpty();
    }

    // --- garbage ---

    @Test
    void garbagePagesInNeedleOrderAndIsRemovedOnceAcknowledged() {
        for (int i = 0; i < 20; i++) {
            ledger.place(BUCKET, 1, NOW);
        }
        store().expirePlacements(NOW, 100);
        List<GarbageNeedle> all = ledger.allGarbage();
        assertThat(all).hasSize(20).isSorted();
        assertThat(store().garbage(all.get(4), 3)).isEqualTo(all.subList(5, 8));

        store().removeGarbage(all.subList(0, 10));
        store().removeGarbage(all.subList(0, 10)); // the reaper may repeat itself after a crash
        store().removeGarbage(List.of(new GarbageNeedle(9, 9, 9)));
        assertThat(ledger.allGarbage()).isEqualTo(all.subList(10, 20));
    }

    // --- arguments ---

    @Test
    void invalidArgumentsAreRefusedAndChangeNothing() {
        NeedleRef needle = ledger.place(BUCKET, 3);
        assertFails(ErrorCode.INVALID_BUCKET, () -> store().get("Bad_Bucket", "f"));
        assertFails(ErrorCode.INVALID_PATH, () -> store().get(BUCKET, "a/../f"));
        assertFails(ErrorCode.INVALID_PATH, () -> store().get(BUCKET, "dir/"));
        assertFails(ErrorCode.INVALID_PATH, () -> store().delete(BUCKET, "a//b"));
        assertFails(ErrorCode.INVALID_PATH, () -> store().list(BUCKET, "dir", null, 10));
        assertFails(ErrorCode.INVALID_PATH, () -> store().deleteRecursively(BUCKET, "dir"));
        assertFails(ErrorCode.BAD_ARGUMENT, () -> store().list(BUCKET, "", null, 0));
        assertFails(ErrorCode.BAD_ARGUMENT, () -> store().findContent(BUCKET, "abc", 3));
        CommitRequest good = ledger.request(BUCKET, "f", "abc", List.of(needle));
        assertFails(ErrorCode.INVALID_PATH, () -> store().commit(new CommitRequest(BUCKET, "dir/", 3, "text/plain",
                good.sha1(), good.sha256(), false, good.chunks()), NOW));
        assertFails(ErrorCode.BAD_ARGUMENT, () -> store().commit(new CommitRequest(BUCKET, "f", 4, "text/plain",
                good.sha1(), good.sha256(), false, good.chunks()), NOW));
        assertFails(ErrorCode.BAD_ARGUMENT, () -> store().commit(new CommitRequest(BUCKET, "f", 3, "text/plain",
                good.sha1(), "xyz", false, good.chunks()), NOW));
        assertFails(ErrorCode.BAD_ARGUMENT, () -> store().commit(new CommitRequest(BUCKET, "f", 3, "text/plain",
                good.sha1(), good.sha256(), true, good.chunks()), NOW));
        assertFails(ErrorCode.MISSING_CHUNKS, () -> store().commit(new CommitRequest(BUCKET, "f", 3, "text/plain",
                good.sha1(), good.sha256(), false, List.of()), NOW));
        assertFails(ErrorCode.BAD_ARGUMENT, () -> store().commit(new CommitRequest(BUCKET, "f", 6, "text/plain",
                good.sha1(), good.sha256(), false, List.of(needle, needle)), NOW));

        assertThat(store().get(BUCKET, "f")).isEmpty();
        store().commit(good, NOW); // the placement survived every refused attempt
        assertThat(store().get(BUCKET, "f")).isPresent();
        ledger.assertConsistent();
    }

    // --- lifecycle ---

    @Test
    void reopenAfterCloseKeepsEverything() {
        ledger.upload(BUCKET, "a/b", "one");
        ledger.upload(BUCKET, "a/b", "two");
        ledger.upload(BUCKET, "c", "two");
        NeedleRef pending = ledger.place(BUCKET, 5);
        List<GarbageNeedle> garbage = ledger.allGarbage();
        FileView before = store().get(BUCKET, "a/b").orElseThrow();

        reopen();
        assertThat(store().get(BUCKET, "a/b")).contains(before);
        assertThat(entries(store().list(BUCKET, "", null, 10))).containsExactly("a/", "c");
        assertThat(store().findContent(BUCKET, sha256("two"), 3).orElseThrow().refs()).isEqualTo(2);
        assertThat(ledger.allGarbage()).isEqualTo(garbage);
        store().commit(ledger.request(BUCKET, "d", "three", List.of(pending)), NOW);
        assertThat(store().get(BUCKET, "d")).isPresent();
        ledger.assertConsistent();
    }

    @Test
    void commitAllCommitsEachOnItsOwnAndReportsFailuresInPlace() {
        FileView old = ledger.upload(BUCKET, "replaced", "old");
        NeedleRef fresh = ledger.place(BUCKET, 1);
        NeedleRef replacement = ledger.place(BUCKET, 3);
        NeedleRef never = new NeedleRef(1, 424242, 7, 3);
        CommitRequest lost = new CommitRequest(BUCKET, "lost", 3, "text/plain", MetadataLedger.sha1("abc"),
                sha256("abc"), false, List.of(never));

        List<MetadataStore.Committed> results = store().commitAll(List.of(
                ledger.request(BUCKET, "fresh", "a", List.of(fresh)),
                lost,
                ledger.request(BUCKET, "replaced", "new", List.of(replacement))), NOW);

        assertThat(results).hasSize(3);
        assertThat(results.get(0).failure()).isNull();
        assertThat(results.get(0).file()).isEqualTo(store().get(BUCKET, "fresh").orElseThrow());
        assertThat(results.get(1).file()).isNull();
        assertThat(results.get(1).failure()).isNotNull()
                .extracting(XfsException::errorCode).isEqualTo(ErrorCode.PLACEMENT_EXPIRED);
        assertThat(store().get(BUCKET, "lost")).isEmpty();
        assertThat(results.get(2).file()).isNotNull();
        assertThat(results.get(2).file().chunks()).containsExactly(replacement);
        // The replaced version's needle is garbage, released in the same write that replaced it.
        assertThat(store().garbage(null, 10)).containsExactly(needle(old.chunks().getFirst()));
        ledger.assertConsistent();

        reopen();
        assertThat(store().get(BUCKET, "fresh").orElseThrow().chunks()).containsExactly(fresh);
        assertThat(store().get(BUCKET, "replaced").orElseThrow().chunks()).containsExactly(replacement);
        ledger.assertConsistent();
    }

    @Test
    void commitAllOfTheSamePathTwiceKeepsTheLastAndReapsTheFirst() {
        NeedleRef first = ledger.place(BUCKET, 3);
        NeedleRef second = ledger.place(BUCKET, 3);
        List<MetadataStore.Committed> results = store().commitAll(List.of(
                ledger.request(BUCKET, "f", "one", List.of(first)),
                ledger.request(BUCKET, "f", "two", List.of(second))), NOW);
        assertThat(results).allSatisfy(r -> assertThat(r.failure()).isNull());
        assertThat(store().get(BUCKET, "f").orElseThrow().chunks()).containsExactly(second);
        assertThat(store().garbage(null, 10)).containsExactly(needle(first));
        assertThat(store().findContent(BUCKET, sha256("one"), 3)).isEmpty();
    }

    @Test
    void placementFollowedByASyncedWriteSurvivesAReopen() {
        // recordPlacement is durable with the next synced write: here the commit of another upload.
        NeedleRef pending = ledger.place(BUCKET, 5);
        ledger.upload(BUCKET, "other", "a synced commit");
        reopen();
        store().commit(ledger.request(BUCKET, "f", "hello", List.of(pending)), NOW);
        assertThat(store().get(BUCKET, "f").orElseThrow().chunks()).containsExactly(pending);
        ledger.assertConsistent();
    }

    @Test
    void useAfterCloseFails() {
        MetadataStore closed = store();
        closed.close();
        closed.close(); // idempotent
        assertFails(ErrorCode.SHUTTING_DOWN, () -> closed.get(BUCKET, "f"));
        store = openStore(true);
    }

    // --- helpers ---

    /** Ten entries in directory d/: files f0..f7 and subdirs s1/ s2/ (with files below), sorted. */
    private List<String> tenEntries() {
        for (int i = 0; i < 8; i++) {
            ledger.upload(BUCKET, "d/f" + i, "f" + i);
        }
        ledger.upload(BUCKET, "d/s1/x", "x");
        ledger.upload(BUCKET, "d/s1/deeper/y", "y");
        ledger.upload(BUCKET, "d/s2/z", "z");
        return List.of("f0", "f1", "f2", "f3", "f4", "f5", "f6", "f7", "s1/", "s2/");
    }

    /** The page's entries in the one sorted sequence (files and subdirs merged by byte order). */
    protected static List<String> entries(Listing listing) {
        List<String> all = new ArrayList<>(listing.files());
        all.addAll(listing.subdirs());
        all.sort((a, b) -> java.util.Arrays.compareUnsigned(bytes(a), bytes(b)));
        return all;
    }

    @Test
    void accessKeysAndBucketPoliciesSurviveAReopenAndAreRemovable() {
        SealedAccessKey key = new SealedAccessKey("XFSKEY1", "c2VhbGVk", List.of("photos:read,list", "*:list"), 42);
        store().putAccessKey(key);
        store().putAccessKey(new SealedAccessKey("XFSKEY2", "b3RoZXI=", List.of("*:*"), 43));
        store().putBucketPolicy(BUCKET, BucketPolicy.PUBLIC_READ);
        store().putBucketPolicy("other", BucketPolicy.PUBLIC_READ);
        store().putBucketPolicy("other", BucketPolicy.PRIVATE);
        reopen();
        assertThat(store().accessKey("XFSKEY1")).contains(key);
        assertThat(store().accessKeys()).extracting(SealedAccessKey::id).containsExactly("XFSKEY1", "XFSKEY2");
        assertThat(store().bucketPolicies()).isEqualTo(Map.of(BUCKET, BucketPolicy.PUBLIC_READ));
        assertThat(store().deleteAccessKey("XFSKEY1")).isTrue();
        assertThat(store().deleteAccessKey("XFSKEY1")).isFalse();
        assertThat(store().accessKey("XFSKEY1")).isEmpty();
        // They live apart from files: a bucket of that name lists nothing.
        assertThat(store().list(BUCKET, "", null, 10).files()).isEmpty();
        assertThatThrownBy(() -> store().putAccessKey(new SealedAccessKey("bad id/x", "", List.of("*:*"), 0)))
                .isInstanceOf(XfsException.class);
    }
}
