package io.xfs.directory.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.path.XfsPath;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetadataNamesTest {

    @Test
    void namesAreJudgedExactlyAsXfsPathJudgesThem() {
        List<String> names = List.of("", "a", "a/", "a/b", "a/b/", "/a", "/", "a//b", "a//", ".", "..", "...",
                "a/./b", "a/../b", "a/..", "a/../", "./a", "..a", "a..", "a/.b/", "x".repeat(1024),
                "x".repeat(1025), "é/ü", "a\tb", "a\u007fb", "照片/猫.jpg", "a b/c d", "\uD83D\uDE00", "\uD83D");
        for (String name : names) {
            boolean valid = accepts(() -> XfsPath.validateName(name));
            boolean dir = name.isEmpty() || name.endsWith("/");
            assertThat(accepts(() -> MetadataNames.checkDir("b", name))).as("dir '%s'", name).isEqualTo(valid && dir);
            assertThat(accepts(() -> MetadataNames.checkFile("b", name))).as("file '%s'", name)
                    .isEqualTo(valid && !dir);
        }
    }

    @Test
    void bucketsAreJudgedExactlyAsXfsPathJudgesThem() {
        List<String> buckets = List.of("a", "0", "photos", "a-b.c_d", "-a", ".a", "_a", "A", "aB", "a b", "",
                "a".repeat(63), "a".repeat(64), "ä", "a/b");
        for (String bucket : buckets) {
            boolean valid = accepts(() -> XfsPath.validateBucket(bucket));
            assertThat(accepts(() -> MetadataNames.checkBucket(bucket))).as("bucket '%s'", bucket).isEqualTo(valid);
        }
        assertThatThrownBy(() -> MetadataNames.checkBucket("Bad")).isInstanceOfSatisfying(XfsException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_BUCKET));
    }

    private static boolean accepts(Runnable check) {
        try {
            check.run();
            return true;
        } catch (XfsException e) {
            assertThat(e.errorCode()).isIn(ErrorCode.INVALID_PATH, ErrorCode.INVALID_BUCKET);
            return false;
        }
    }
}
