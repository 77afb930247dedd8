package io.xfs.sts.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class FetchUriTest {
    // Chosen so that its base64 has '+' / '/' in the standard alphabet and needs padding.
    private static final String URL = "http://example.com/a?b=~~~&c=??";

    @Test
    void standardAndUrlSafeBase64WithOrWithoutPaddingAllDecode() {
        byte[] bytes = URL.getBytes(StandardCharsets.UTF_8);
        String standard = Base64.getEncoder().encodeToString(bytes);
        String urlSafe = Base64.getUrlEncoder().encodeToString(bytes);
        assertThat(standard).containsAnyOf("+", "/").endsWith("=");
        assertThat(urlSafe).containsAnyOf("-", "_");
        for (String encoded : new String[] {standard, urlSafe, strip(standard), strip(urlSafe)}) {
            assertThat(FetchUri.decode(encoded)).as(encoded).isEqualTo(URI.create(URL));
        }
    }

    @Test
    void badBase64IsABadArgument() {
        for (String bad : new String[] {"", "@@@", "aGVsbG8=x", "a", "aGk===", "aGk gaGk"}) {
            assertBadArgument(bad);
        }
    }

    @Test
    void onlyAbsoluteHttpAndHttpsUrisWithAHostAreAccepted() {
        for (String uri : new String[] {"file:///etc/passwd", "ftp://example.com/x", "gopher://example.com/",
                "jar:file:/x.jar!/", "/relative/path", "http:///no-host", "http://user:secret@example.com/",
                "http://example.com:0/", "http://exa mple.com/"}) {
            assertBadArgument(Base64.getEncoder().encodeToString(uri.getBytes(StandardCharsets.UTF_8)));
        }
        assertThat(FetchUri.decode(encode("HTTPS://Example.com:8443/x")).getPort()).isEqualTo(8443);
        assertThat(FetchUri.port(URI.create("https://example.com/"))).isEqualTo(443);
        assertThat(FetchUri.port(URI.create("http://example.com/"))).isEqualTo(80);
    }

    @Test
    void textThatIsNotUtf8IsRefused() {
        assertBadArgument(Base64.getEncoder().encodeToString(new byte[] {'h', 't', (byte) 0xff, (byte) 0xfe}));
    }

    private static void assertBadArgument(String encoded) {
        assertThatThrownBy(() -> FetchUri.decode(encoded)).as(encoded)
                .isInstanceOfSatisfying(XfsException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BAD_ARGUMENT));
    }

    private static String encode(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String strip(String padded) {
        return padded.replace("=", "");
    }
}
