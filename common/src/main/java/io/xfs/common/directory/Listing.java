package io.xfs.common.directory;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of a directory (SPEC §3): the directory's entries form one sorted sequence in which
 * subdirectories are spelled with their trailing {@code /}; a page holds up to {@code limit} of them
 * after {@code marker}, split here into {@code files} and {@code subdirs}. {@code nextMarker} is present
 * only when the page was truncated; pass it as the next {@code marker}.
 *
 * @param dir the directory inside the bucket, {@code ""} for the bucket's root, else ending in {@code /}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Listing(
        String bucket,
        String dir,
        List<String> files,
        List<String> subdirs,
        @JsonProperty("next_marker") @Nullable String nextMarker) {

    public Listing {
        files = List.copyOf(files);
        subdirs = List.copyOf(subdirs);
    }

    public boolean truncated() {
        return nextMarker != null;
    }
}
