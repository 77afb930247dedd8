package io.xfs.directory.metadata;

import static io.xfs.directory.metadata.MetadataLedger.NOW;
import static io.xfs.directory.metadata.MetadataLedger.sha1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.xfs.common.directory.CommitRequest;
import io.xfs.common.directory.NeedleRef;
import io.xfs.directory.metadata.FileEvent.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The file-event outbox of the metadata contract: what a store opened to record events puts in it, in the
 * change's own write, and that a store opened without records nothing. Mixed into
 * {@link MetadataStoreContractTest}, whose stores record events.
 */
public interface EventsContract {

    MetadataStore store();

    MetadataLedger ledger();

    /** Closes the store and opens it again on the same data, recording events or not. */
    MetadataStore reopen(boolean recordEvents);

    String EVENTS_BUCKET = "events.bucket";

    @Test
    default void createOverwriteAndDeleteAreRecordedInSequence() {
        ledger().upload(EVENTS_BUCKET, "a/f.txt", "one");
        ledger().upload(EVENTS_BUCKET, "a/f.txt", "two, longer");
        assertThat(store().delete(EVENTS_BUCKET, "a/f.txt")).isTrue();

        List<FileEvent> events = store().pendingEvents(10);
        assertThat(events).extracting(FileEvent::type).containsExactly(Type.CREATED, Type.OVERWRITTEN, Type.DELETED);
        assertThat(events).extracting(FileEvent::sequence).containsExactly(1L, 2L, 3L);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.bucket()).isEqualTo(EVENTS_BUCKET);
            assertThat(e.name()).isEqualTo("a/f.txt");
        });
        assertThat(events.get(0).size()).isEqualTo(3);
        assertThat(events.get(0).sha1()).isEqualTo(sha1("one"));
        assertThat(events.get(0).timeMillis()).isEqualTo(NOW);
        assertThat(events.get(1).sha1()).isEqualTo(sha1("two, longer"));
        // A delete describes the version it deleted.
        assertThat(events.get(2).size()).isEqualTo(11);
        assertThat(events.get(2).sha1()).isEqualTo(sha1("two, longer"));
        assertThat(events).extracting(FileEvent::id).doesNotHaveDuplicates();
        assertThat(store().pendingEventCount()).isEqualTo(3);
    }

    @Test
    default void aWriteThatLeavesTheContentAsItWasRecordsNoEvent() {
        NeedleRef needle = ledger().place(EVENTS_BUCKET, 5);
        CommitRequest request = ledger().request(EVENTS_BUCKET, "f", "hello", List.of(needle));
        store().commit(request, NOW);
        store().commit(request, NOW + 1);                        // a retried commit
        ledger().upload(EVENTS_BUCKET, "f", "hello");             // the same bytes uploaded again
        store().commit(ledger().dedupRequest(EVENTS_BUCKET, "f", "hello"), NOW); // and committed by dedup
        assertThat(store().delete(EVENTS_BUCKET, "missing")).isFalse();

        assertThat(store().pendingEvents(10)).extracting(FileEvent::type).containsExactly(Type.CREATED);
        assertThat(store().pendingEventCount()).isEqualTo(1);
    }

    @Test
    default void aFailedCommitRecordsNoEvent() {
        NeedleRef never = new NeedleRef(1, 99_999, 7, 3);
        CommitRequest lost = new CommitRequest(EVENTS_BUCKET, "lost", 3, "text/plain", sha1("abc"),
                MetadataLedger.sha256("abc"), false, List.of(never));
        assertThatThrownBy(() -> store().commit(lost, NOW));
        List<MetadataStore.Committed> results = store().commitAll(List.of(lost,
                ledger().request(EVENTS_BUCKET, "kept", "k", List.of(ledger().place(EVENTS_BUCKET, 1)))), NOW);
        assertThat(results.get(0).failure()).isNotNull();

        assertThat(store().pendingEvents(10)).extracting(FileEvent::name).containsExactly("kept");
    }

    @Test
    default void aRecursiveDeleteRecordsEveryFile() {
        ledger().upload(EVENTS_BUCKET, "d/x", "x");
        ledger().upload(EVENTS_BUCKET, "d/sub/y", "y");
        ledger().upload(EVENTS_BUCKET, "other", "o");
        store().removeEvents(store().pendingEvents(10));

        assertThat(store().deleteRecursively(EVENTS_BUCKET, "d/")).isEqualTo(2);
        assertThat(store().pendingEvents(10)).extracting(FileEvent::type, FileEvent::name)
                .containsExactlyInAnyOrder(tuple(Type.DELETED, "d/x"),
                        tuple(Type.DELETED, "d/sub/y"));
    }

    @Test
    default void sequencesArePerBucketAndNeverReusedAfterRemovalOrReopen() {
        ledger().upload(EVENTS_BUCKET, "a", "1");
        ledger().upload(EVENTS_BUCKET, "b", "2");
        ledger().upload("events.other", "a", "3");
        List<FileEvent> first = store().pendingEvents(10);
        assertThat(first).extracting(FileEvent::bucket, FileEvent::sequence).containsExactly(
                tuple(EVENTS_BUCKET, 1L),
                tuple(EVENTS_BUCKET, 2L),
                tuple("events.other", 1L));

        store().removeEvents(first);
        store().removeEvents(first); // removing twice is harmless
        assertThat(store().pendingEvents(10)).isEmpty();
        assertThat(store().pendingEventCount()).isZero();
        reopen(true);
        ledger().upload(EVENTS_BUCKET, "c", "4");
        assertThat(store().pendingEvents(10)).singleElement()
                .extracting(FileEvent::sequence).isEqualTo(3L);
    }

    @Test
    default void pendingEventsSurviveAReopenAndAreRemovedOnlyWhenAsked() {
        ledger().upload(EVENTS_BUCKET, "a", "1");
        ledger().upload(EVENTS_BUCKET, "b", "2");
        List<FileEvent> before = store().pendingEvents(10);

        reopen(true);
        assertThat(store().pendingEvents(10)).isEqualTo(before);
        assertThat(store().pendingEventCount()).isEqualTo(2);
        store().removeEvents(List.of(before.getFirst()));
        assertThat(store().pendingEvents(10)).containsExactly(before.get(1));
        assertThat(store().pendingEvents(1)).containsExactly(before.get(1));
        assertThat(store().pendingEventCount()).isEqualTo(1);
    }

    @Test
    default void aStoreThatDoesNotRecordEventsWritesNoOutbox() {
        reopen(false);
        ledger().upload(EVENTS_BUCKET, "a", "1");
        ledger().upload(EVENTS_BUCKET, "a", "2");
        store().delete(EVENTS_BUCKET, "a");
        assertThat(store().pendingEvents(10)).isEmpty();
        assertThat(store().pendingEventCount()).isZero();
    }

    @Test
    default void concurrentChangesOfOneBucketGetDistinctSequencesIncreasingPerPath() throws Exception {
        int threads = 6;
        int perThread = 20;
        ConcurrencyContract.runConcurrently(threads, t -> {
            for (int i = 0; i < perThread; i++) {
                ledger().upload(EVENTS_BUCKET, "path" + t, "thread " + t + " version " + i);
            }
        });
        List<FileEvent> events = new ArrayList<>(store().pendingEvents(1000));
        assertThat(events).hasSize(threads * perThread);
        assertThat(store().pendingEventCount()).isEqualTo(threads * perThread);
        Set<Long> sequences = events.stream().map(FileEvent::sequence).collect(Collectors.toCollection(HashSet::new));
        assertThat(sequences).hasSize(threads * perThread);
        Map<String, List<FileEvent>> byPath = events.stream().sorted(Comparator.comparingLong(FileEvent::sequence))
                .collect(Collectors.groupingBy(FileEvent::name));
        byPath.forEach((path, changes) -> {
            // In sequence order, each path's versions appear in the order they were written.
            assertThat(changes.getFirst().type()).isEqualTo(Type.CREATED);
            for (int i = 0; i < changes.size(); i++) {
                String thread = path.substring("path".length());
                assertThat(changes.get(i).sha1()).isEqualTo(sha1("thread " + thread + " version " + i));
            }
        });
    }
}
