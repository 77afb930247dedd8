package io.xfs.proxy.mas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MasNamesTest {
    private static final String HASH = "ab".repeat(32);

    @Test
    void fileNameKeepsTheLastSegmentOfWhatABrowserSends() {
        assertThat(MasNames.fileName("C:\\Users\\me\\photo.jpg", HASH)).isEqualTo("photo.jpg");
        assertThat(MasNames.fileName("holiday/2024/beach.png", HASH)).isEqualTo("beach.png");
        assertThat(MasNames.fileName("  résumé.pdf ", HASH)).isEqualTo("résumé.pdf");
    }

    @Test
    void fileNameDropsControlCharactersAndFallsBackWhenNothingIsLeft() {
        assertThat(MasNames.fileName("a\u0000b\nc.txt", HASH)).isEqualTo("abc.txt");
        assertThat(MasNames.fileName("..", HASH)).isEqualTo(HASH);
        assertThat(MasNames.fileName("dir/", HASH)).isEqualTo(HASH);
        assertThat(MasNames.fileName(null, HASH)).isEqualTo(HASH);
    }

    @Test
    void fileNameIsCutAt255Utf8BytesWithoutSplittingACharacter() {
        String name = MasNames.fileName("é".repeat(200), HASH);

        assertThat(name).isEqualTo("é".repeat(127));
        assertThat(name.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(255);
    }

    @Test
    void declaredTypeWinsUnlessMalformedOrGeneric() {
        assertThat(MasNames.mime("image/png", "x.jpg")).isEqualTo("image/png");
        assertThat(MasNames.mime("text/plain; charset=utf-8", "x")).isEqualTo("text/plain; charset=utf-8");
        assertThat(MasNames.mime("application/octet-stream", "clip.mp4")).isEqualTo("video/mp4");
        assertThat(MasNames.mime("not a type", "x.jpg")).isEqualTo("image/jpeg");
        assertThat(MasNames.mime(null, "noextension")).isEqualTo("application/octet-stream");
    }
}
