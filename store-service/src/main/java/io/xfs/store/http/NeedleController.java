package io.xfs.store.http;

import io.xfs.common.topology.StoreRegistration;
import io.xfs.store.node.StoreNode;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The store's calls that are not on the hot path: {@code POST /del} and {@code GET /info}. Parameters may
 * come in the query string or as a form body (their bodies carry nothing else).
 */
@RestController
class NeedleController {
    private static final Map<String, Integer> OK = Map.of("ret", 1);

    private final NeedleWriter writer;
    private final StoreNode node;

    NeedleController(NeedleWriter writer, StoreNode node) {
        this.writer = writer;
        this.node = node;
    }

    /** Deletes a needle; 404 (the one body of all absent needles) when it is absent or deleted already. */
    @PostMapping("/del")
    Map<String, Integer> delete(@RequestParam(required = false) @Nullable String vid,
                                @RequestParam(required = false) @Nullable String key,
                                @RequestParam(required = false) @Nullable String cookie) {
        if (!writer.delete(NeedleId.vid(vid), NeedleId.key(key), NeedleId.cookie(cookie))) {
            throw HttpErrors.NOT_FOUND;
        }
        return OK;
    }

    /** Id, rack, status bits, volumes and counters: the same data as the ZooKeeper node. */
    @GetMapping("/info")
    StoreRegistration info() {
        return node.snapshot();
    }
}
