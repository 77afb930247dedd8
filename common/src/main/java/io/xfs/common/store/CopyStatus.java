package io.xfs.common.store;

import org.jspecify.annotations.Nullable;

/**
 * The answer of a store's {@code POST /admin/copy_volume}.
 *
 * @param vid    the volume
 * @param state  {@code running} (ask again), {@code done} ({@code result} says whether it agreed) or
 *               {@code failed} ({@code error} says why; a new call starts over from where it stopped)
 * @param result the finished run, when {@code done}
 * @param error  the failure, when {@code failed}
 */
public record CopyStatus(int vid, String state, @Nullable CopyResult result, @Nullable String error) {
    public static final String RUNNING = "running";
    public static final String DONE = "done";
    public static final String FAILED = "failed";

    public boolean agreed() {
        return DONE.equals(state) && result != null && result.agreed();
    }
}
