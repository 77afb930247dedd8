package io.xfs.proxy.file;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MimeTypesTest {

    @Test
    void extensionComesFromTheTypeWithoutParameters() {
        assertThat(MimeTypes.extensionFor("image/jpeg")).isEqualTo("jpg");
        assertThat(MimeTypes.extensionFor("Text/Plain; charset=utf-8")).isEqualTo("txt");
        assertThat(MimeTypes.extensionFor("application/octet-stream")).isEqualTo("bin");
        assertThat(MimeTypes.extensionFor("image/jxl")).isEqualTo("jxl");
        assertThat(MimeTypes.extensionFor("application/x-unknown-thing")).isEqualTo("bin");
        assertThat(MimeTypes.extensionFor("garbage")).isEqualTo("bin");
    }

    @Test
    void typeIsGuessedFromTheLastExtension() {
        assertThat(MimeTypes.guessFromName("a/b/photo.JPEG")).isEqualTo("image/jpeg");
        assertThat(MimeTypes.guessFromName("notes.txt")).isEqualTo("text/plain");
        assertThat(MimeTypes.guessFromName("dir.v2/README")).isEqualTo(MimeTypes.OCTET_STREAM);
        assertThat(MimeTypes.guessFromName("archive.")).isEqualTo(MimeTypes.OCTET_STREAM);
    }
}
