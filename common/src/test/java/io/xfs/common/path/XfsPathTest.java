package io.xfs.common.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class XfsPathTest {
    private static final List<String> PREFIXES = List.of("xfs");

    @Test
    void parsesBucketAndNameWithOrWithoutLeadingSlash() {
        XfsPath p = XfsPath.parse("/xfs/photos/a/b/cat.jpg", PREFIXES);
        assertThat(p.bucket()).isEqualTo("photos");
        assertThat(p.name()).isEqualTo("a/b/cat.jpg");
        assertThat(p.fileName()).isEqualTo("cat.jpg");
        assertThat(p.parentDir()).isEqualTo("a/b/");
        assertThat(p.isDirectory()).isFalse();
        assertThat(XfsPath.parse("xfs/photos/a/b/cat.jpg", PREFIXES)).isEqualTo(p);
    }

    @Test
    void directoriesEndInSlash() {
        assertThat(XfsPath.parse("/xfs/photos/", PREFIXES).isDirectory()).isTrue();
        XfsPath dir = XfsPath.parse("/xfs/photos/a/b/", PREFIXES);
        assertThat(dir.isDirectory()).isTrue();
        assertThat(dir.parentDir()).isEqualTo("a/");
    }

    @Test
    void theRootIsThePrefixAlone() {
        assertThat(XfsPath.isRoot("/xfs/", PREFIXES)).isTrue();
        assertThat(XfsPath.isRoot("/img/", List.of("img", "xfs"))).isTrue();
        assertThat(XfsPath.isRoot("/xfs", PREFIXES)).isFalse();
        assertThat(XfsPath.isRoot("xfs/", PREFIXES)).isFalse();
        assertThat(XfsPath.isRoot("/xfs/photos/", PREFIXES)).isFalse();
        assertThat(XfsPath.isRoot("/other/", PREFIXES)).isFalse();
        assertThat(XfsPath.isRoot("/", PREFIXES)).isFalse();
        assertThat(XfsPath.isRoot(null, PREFIXES)).isFalse();
    }

    @Test
    void acceptsUnicodeNames() {
        assertThat(XfsPath.parse("/xfs/b/照片/猫.jpg", PREFIXES).fileName()).isEqualTo("猫.jpg");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/xfs/b/../etc", "/xfs/b/a/./c", "/xfs/b/a//c", "/xfs/b/a\u0000c", "/xfs/b/a\nc",
            "/other/b/c", "/xfs/b", "", "/xfs/b//"})
    void rejectsBadPaths(String raw) {
        assertThatThrownBy(() -> XfsPath.parse(raw, PREFIXES))
                .isInstanceOfSatisfying(XfsException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_PATH));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/xfs/Photos/a", "/xfs/-b/a", "/xfs/b$/a"})
    void rejectsBadBuckets(String raw) {
        assertThatThrownBy(() -> XfsPath.parse(raw, PREFIXES))
                .isInstanceOfSatisfying(XfsException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_BUCKET));
    }

    @Test
    void rejectsPathsOver1024Bytes() {
        String longName = "/xfs/b/" + "é".repeat(600);
        assertThatThrownBy(() -> XfsPath.parse(longName, PREFIXES)).isInstanceOf(XfsException.class);
    }
}
