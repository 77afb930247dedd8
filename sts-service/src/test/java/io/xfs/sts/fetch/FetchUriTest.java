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
    void ambiguousNumericHostsAreRefusedBeforeAnyLookup() {
        // Each reads as 127.0.0.1 (or another address than it seems) to curl, browsers or the JDK.
        for (String host : new String[] {"0177.0.0.1", "0x7f.1", "0x7f.0.0.1", "2130706433", "127.1", "127.0.1",
                "127.000.0.1", "127.0.0.01", "127.0.0.1.", "localhost.", "0x7f000001", "017700000001", "1.2.3.4.5",
                "1.2.3.256", "foo.0x7f", "foo.123", "0x", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "[::127.0.0.1]",
                "[0:0:0:0:0:ffff:127.0.0.1]", "[::FFFF:7F00:1]"}) {
            assertBadArgument(encode("http://" + host + ":8080/x"));
        }
        assertThatThrownBy(() -> FetchUri.validate("http://0177.0.0.1/")).isInstanceOfSatisfying(XfsException.class,
                e -> assertThat(e.getMessage()).contains("ambiguous numeric address"));
    }

    @Test
    void canonicalAddressesAndNamesStillPass() {
        for (String host : new String[] {"127.0.0.1", "0.0.0.0", "10.20.30.40", "255.255.255.255", "example.com",
                "a1.example", "123.example.com", "0x7f.example", "[::1]", "[2001:db8::1]", "[::7f00:1]"}) {
            assertThat(FetchUri.validate("http://" + host + ":8080/x").getHost()).isEqualTo(host);
        }
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
