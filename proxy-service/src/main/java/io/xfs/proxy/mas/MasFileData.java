package io.xfs.proxy.mas;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code data} of the file answers (info, upload, init, finish) with the seed's field names.
 * {@code persistence} is true once the file is stored; {@code create_time} is in epoch seconds, as in
 * mas; {@code server_ip} is always null (clients never talk to stores). {@code chunks}, only in answers
 * to {@code init} of an upload under way, lists the chunk numbers already received.
 */
record MasFileData(
        long size,
        String name,
        String hash,
        boolean persistence,
        @JsonProperty("create_time") long createTime,
        @JsonProperty("server_ip") @Nullable List<String> serverIp,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable List<Integer> chunks) {

    static MasFileData stored(MasFile file) {
        return new MasFileData(file.size(), file.name(), file.hash(), true, file.created().getEpochSecond(), null, null);
    }

    static MasFileData inProgress(UploadState state) {
        return new MasFileData(state.size(), state.name(), state.hash(), false, state.created().getEpochSecond(),
                null, List.copyOf(state.chunks().keySet()));
    }
}
