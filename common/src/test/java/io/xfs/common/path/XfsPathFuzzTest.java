package io.xfs.common.path;

import static org.assertj.core.api.Assertions.assertThat;

import io.xfs.common.error.XfsException;
import io.xfs.common.testing.RandomInputs;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Random paths: each is a valid {@link XfsPath} that parses back to itself, or a 400; nothing else. */
class XfsPathFuzzTest {
    private static final List<String> PREFIXES = List.of("dl", "up");
    private static final List<String> SAMPLES = List.of("/dl/photos/a/b.jpg", "dl/b1/", "/up/b-1.x_y/dir/",
            "/dl/b1/a/./b", "/dl/b1/a/../../x", "/dl/b1//x", "/dl/b1/\u00e9t\u00e9.txt", "/dl/b1/" + "x/".repeat(300));

    @Test
    void aPathParsesToAValidPathOrIsRefusedWith400() {
        RandomInputs.check("XfsPath.parse", 10_000, random -> {
            String raw = RandomInputs.mutate(random, SAMPLES);
            XfsPath path;
            try {
                path = XfsPath.parse(raw, PREFIXES);
            } catch (XfsException e) {
                assertThat(e.errorCode().httpStatus()).as(raw).isEqualTo(400);
                return;
            }
            assertThat(XfsPath.parse(path.toString(), PREFIXES)).as(raw).isEqualTo(path);
            assertThat(path.name().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(XfsPath.MAX_BYTES);
            assertThat(path.name()).doesNotStartWith("/").doesNotContain("//").doesNotContain("\0");
            for (String segment : path.name().split("/")) {
                assertThat(segment).as(raw).isNotIn(".", "..");
            }
        });
    }
}
