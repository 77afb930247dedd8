package io.xfs.directory.metadata;

import io.xfs.common.auth.access.BucketPolicy;
import io.xfs.common.auth.access.SealedAccessKey;
import io.xfs.common.directory.CommitRequest;
import io.xfs.common.directory.FileView;
import io.xfs.common.directory.Listing;
import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * All metadata the directory owns (SPEC §4): files by (bucket, name), content records per bucket with
 * reference counts (dedup by SHA-256 and size), pending placements with an expiry, and garbage needles
 * for the reaper. Every method that changes several records does so in one atomic, durable write: when it
 * returns, the change survives a crash (RocksDB: a WriteBatch with {@code sync=true}), and a crash never
 * leaves half of it. The one exception is {@link #recordPlacement}, durable only with the next synced
 * write (see there). Needles released by a write (an overwrite, a delete, dedup, an expired placement)
 * are recorded as garbage in that same write, each exactly once.
 *
 * <p>File events (docs/operations.md, "File events"): a store opened to record them puts a
 * {@link FileEvent} for every file created, overwritten with other content, or deleted in the outbox, in
 * the same atomic write as the change itself, so that no committed change goes unannounced and no event
 * announces a change that did not happen; the events relay reads {@link #pendingEvents} and removes what
 * it has published. A commit that leaves the file's content as it was (a retry, or the same bytes again)
 * records none. A store that does not record events (the default) writes no outbox at all.
 *
 * <p>Names: {@code bucket} is validated like {@link io.xfs.common.path.XfsPath#validateBucket};
 * a file {@code name} is a path inside the bucket without a leading {@code /} and not ending in
 * {@code /}; a {@code dir} is {@code ""} (the bucket's root) or ends in {@code /}. Directories are
 * implicit: one exists while a file exists below it. Names sort by their UTF-8 bytes (unsigned), which
 * is Unicode code point order; every backend lists in this order. Invalid arguments fail with an
 * {@link XfsException} of a 400 code ({@link ErrorCode#INVALID_BUCKET}, {@link ErrorCode#INVALID_PATH},
 * {@link ErrorCode#BAD_ARGUMENT}); a backend failure with {@link ErrorCode#INTERNAL}, in which case
 * the write may or may not have happened.
 *
 * <p>Implementations are thread-safe. Concurrent writes to one path are serialized (the last commit
 * wins, no reference leaks); writes to different paths proceed in parallel and share durable syncs.
 */
public interface MetadataStore extends AutoCloseable {

    /**
     * Records a placement the directory is about to hand out, before the caller writes any byte to a
     * store: so that a needle written for an upload that is never committed is found again (as garbage,
     * once the placement expires).
     *
     * <p>Durable with the next synced write, not on its own: when this returns the record is visible to
     * every later call and survives a crash of the process, but a crash of the machine may lose it until
     * any later durable write of this store (of any record) has returned. Backends must keep that order:
     * a durable write makes every record written before it durable too (RocksDB's WAL is one ordered log,
     * so a later synced write syncs this one). Why that is safe: the commit of the file this placement is
     * for is a synced write, so a committed file never lost its placement; what a machine crash can lose
     * is only the record of a placement nobody committed yet, whose needle, if the caller wrote it, then
     * stays on its stores unreferenced (space, never data). It saves a disk sync per upload.
     *
     * @throws XfsException {@link ErrorCode#KEY_CONFLICT} if a placement for {@code (vid, key)} is
     *                      already pending (needle keys are never reused)
     */
    void recordPlacement(PendingPlacement placement);

    /**
     * Makes {@code request.filename()} visible in {@code request.bucket()}, atomically replacing an older
     * version, and returns it ({@code mtime = nowMillis}, chunks without stores). In one write:
     * <ol>
     *   <li>without {@code dedup}: every chunk must be a pending placement of this bucket with the same
     *       cookie, unexpired at {@code nowMillis}; they are consumed. If the bucket already holds content
     *       with this SHA-256 and size, the file references it (its count +1) and the just-written needles
     *       become garbage; otherwise a content record with count 1 is created from the chunks;</li>
     *   <li>with {@code dedup} (no chunks): the bucket's content with this SHA-256 and size gets +1;</li>
     *   <li>the older version's content gets −1 after that +1 (so re-uploading identical bytes never
     *       lets the count touch zero); content at zero is removed and its needles become garbage.</li>
     * </ol>
     * A retry of a commit that already succeeded (same chunks, which the path still holds) returns the
     * current file unchanged.
     *
     * @throws XfsException {@link ErrorCode#PLACEMENT_EXPIRED} (409) when a chunk's placement expired or is
     *                      unknown (expired placements named here become garbage); the file is unchanged
     *                      and the caller starts over with a new placement.
     *                      {@link ErrorCode#CONTENT_VANISHED} (409) when {@code dedup} names content the
     *                      bucket no longer holds. {@link ErrorCode#BAD_ARGUMENT} when chunk sizes do not
     *                      add up to {@code size}, {@code sha256} is not 64 hex digits, {@code dedup} comes
     *                      with chunks, or a chunk is named twice.
     */
    FileView commit(CommitRequest request, long nowMillis);

    /**
     * Commits several files, each exactly as {@link #commit} would and independently of the others (one
     * failing leaves the rest to succeed), with one durable sync for all of them instead of one each.
     * When this returns every successful commit is durable; until then another reader may already see one
     * of them (never its writer, who has no answer yet), so a crash in between can make a file seen by
     * someone else vanish, though never one whose commit was acknowledged.
     *
     * @return one result per request, in order: the file, or the {@link XfsException} {@link #commit} threw
     */
    List<Committed> commitAll(List<CommitRequest> requests, long nowMillis);

    /** One result of {@link #commitAll}: exactly one of {@code file} and {@code failure} is set. */
    record Committed(@Nullable FileView file, @Nullable XfsException failure) {
    }

    /** The bucket's content with this SHA-256 (hex, any case) and size, if any file references it. */
    Optional<ContentRecord> findContent(String bucket, String sha256, long size);

    /** The visible file {@code name} (chunks without stores), or empty. */
    Optional<FileView> get(String bucket, String name);

    /**
     * Deletes the file {@code name}: its content gets −1 (at zero its needles become garbage), and empty
     * ancestor directories disappear with it.
     *
     * @return false if there was no such file (nothing changed)
     */
    boolean delete(String bucket, String name);

    /**
     * Deletes every file below {@code dir} ({@code ""} for the whole bucket), children before the
     * directories that hold them, in atomic batches: a crash part-way leaves the remaining files intact
     * and still listed, never an unreachable one. Files committed below {@code dir} while this runs may
     * survive it.
     *
     * @return how many files were deleted (0: the directory did not exist)
     */
    long deleteRecursively(String bucket, String dir);

    /**
     * One page of {@code dir}'s entries (SPEC §3): files and subdirectories (spelled with a trailing
     * {@code /}) in one sorted sequence, at most {@code limit} of them, starting after {@code marker}
     * (an entry name relative to {@code dir}, as returned in {@link Listing#nextMarker()}; any string is
     * accepted and compared by UTF-8 bytes). {@code nextMarker} is set only when more entries follow.
     * A directory that does not exist lists as empty. Cost is proportional to the page, not the
     * directory.
     *
     * @param limit at least 1
     */
    Listing list(String bucket, String dir, @Nullable String marker, int limit);

    /**
     * Up to {@code limit} buckets that hold at least one file, in name order, each after {@code marker} (null:
     * from the first). Cost is one seek per bucket, whatever it holds.
     *
     * @param limit at least 1
     */
    List<String> buckets(@Nullable String marker, int limit);

    /**
     * Turns up to {@code limit} placements that expired at or before {@code nowMillis} into garbage, each
     * atomically with its removal (a commit racing this either consumes the placement or fails 409).
     * The reaper calls it periodically.
     *
     * @return how many placements expired
     */
    int expirePlacements(long nowMillis, int limit);

    /**
     * Up to {@code limit} garbage needles in {@link GarbageNeedle} order, starting after {@code after}
     * ({@code null}: from the first). Paging lets the reaper get past needles it cannot delete yet (a
     * replica down) to the others.
     */
    List<GarbageNeedle> garbage(@Nullable GarbageNeedle after, int limit);

    /**
     * Forgets garbage needles once every replica acknowledged their deletion (a store answering 404
     * counts: the needle is gone). Unknown needles are ignored.
     */
    void removeGarbage(Collection<GarbageNeedle> needles);

    /**
     * The oldest {@code limit} events of the outbox, each bucket's in sequence order (buckets in name
     * order). Events stay until {@link #removeEvents}; a store that records no events has none, unless it
     * recorded some in an earlier run.
     */
    List<FileEvent> pendingEvents(int limit);

    /** Forgets events the relay has published (and the broker confirmed). Unknown events are ignored. */
    void removeEvents(Collection<FileEvent> events);

    /** How many events wait in the outbox. */
    long pendingEventCount();

    /**
     * Stores an access key (secret sealed by the caller), replacing one of the same id; durable on return.
     * Access keys and bucket policies are few and small: every backend keeps them beside the files, so
     * every proxy sees the same ones (docs/api.md, "Access keys and policies").
     */
    void putAccessKey(SealedAccessKey key);

    /** The access key {@code id}, or empty. */
    Optional<SealedAccessKey> accessKey(String id);

    /** Every access key, by id. */
    List<SealedAccessKey> accessKeys();

    /**
     * Removes access key {@code id}; durable on return.
     *
     * @return false if there was none
     */
    boolean deleteAccessKey(String id);

    /** Sets the bucket's policy ({@link BucketPolicy#PRIVATE}, the default, removes the record); durable on return. */
    void putBucketPolicy(String bucket, BucketPolicy policy);

    /** Every bucket whose policy is not {@link BucketPolicy#PRIVATE}, with its policy. */
    Map<String, BucketPolicy> bucketPolicies();

    /**
     * Writes a consistent online backup of the whole store to {@code target}, which must not exist yet
     * (its parent must). Open the copy as a store of the same backend to restore.
     *
     * @throws XfsException {@link ErrorCode#ALREADY_EXISTS} if {@code target} exists;
     *                      {@link ErrorCode#BAD_ARGUMENT} if this backend has no online checkpoint
     *                      (back up its server instead)
     */
    default void checkpoint(Path target) {
        throw new XfsException(ErrorCode.BAD_ARGUMENT,
                getClass().getSimpleName() + " has no online checkpoint; back up its server instead");
    }

    /** Releases the store's resources; everything committed stays (reopening sees it all). */
    @Override
    void close();
}
