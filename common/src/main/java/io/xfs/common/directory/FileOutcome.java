package io.xfs.common.directory;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.xfs.common.error.ErrorBody;
import org.jspecify.annotations.Nullable;

/**
 * One answer inside the directory's batched {@code POST /commits}: the file, or the error that commit alone
 * would have answered. Exactly one of the two is set.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FileOutcome(@Nullable FileView file, @Nullable ErrorBody error) {

    public FileOutcome {
        if ((file == null) == (error == null)) {
            throw new IllegalArgumentException("an outcome is a file or an error, not both or neither");
        }
    }

    public static FileOutcome of(FileView file) {
        return new FileOutcome(file, null);
    }

    public static FileOutcome failed(ErrorBody error) {
        return new FileOutcome(null, error);
    }
}
