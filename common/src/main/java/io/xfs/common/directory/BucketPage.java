package io.xfs.common.directory;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of the buckets that hold files, in name order (the directory's {@code /buckets}, the proxy's
 * {@code /fileinfo?path=/xfs/}). {@code nextMarker} is present only when more follow; pass it as the next
 * {@code marker}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BucketPage(List<String> buckets, @JsonProperty("next_marker") @Nullable String nextMarker) {

    public BucketPage {
        buckets = List.copyOf(buckets);
    }
}
