package io.xfs.common.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.testing.RandomInputs;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Random queries, form bodies and {@code Range} headers: the parsers answer a value or a 4xx
 * {@link XfsException}, never another exception, and what they answer keeps its promises.
 */
class RequestParsersFuzzTest {
    private static final List<String> QUERIES = List.of("vid=1&key=2&cookie=3", "path=%2Fdl%2Fb%2Fx&limit=10",
            "a=%E2%82%AC&b=+x+&a=2", "%%%=&&=%ZZ", "x&y=&=z", "uri=aHR0cDovL2V4YW1wbGUuY29tLw%3D%3D", "");
    private static final List<String> RANGES = List.of("bytes=0-9", "bytes=-5", "bytes=5-", "bytes=0-0,5-9",
            "bytes = 1 - 2", "items=0-1", "bytes=99999999999999999999-", "bytes=-0");

    @Test
    void aQueryParsesOrIsA400AndTheLenientParserNeverFails() {
        RandomInputs.check("QueryString.parse", 8_000, random -> {
            String raw = RandomInputs.mutate(random, QUERIES);
            for (boolean plus : new boolean[] {true, false}) {
                try {
                    QueryString query = plus ? QueryString.parse(raw) : QueryString.parseKeepingPlus(raw);
                    query.first("vid");
                    query.all("a");
                } catch (XfsException e) {
                    assertThat(e.errorCode()).as(raw).isEqualTo(ErrorCode.BAD_ARGUMENT);
                }
            }
            QueryString.parseLenient(raw).all("key");
            try {
                QueryString.parse(raw).longValue("limit", 5, 1, 100);
            } catch (XfsException e) {
                assertThat(e.errorCode()).as(raw).isEqualTo(ErrorCode.BAD_ARGUMENT);
            }
        });
    }

    @Test
    void anyTextEncodedAsAFormFieldDecodesBackToItself() {
        RandomInputs.check("QueryString round trip", 5_000, random -> {
            String name = RandomInputs.tricky(random, 12).replace("\ud800", "").replace("\udc00", "");
            String value = RandomInputs.tricky(random, 30).replace("\ud800", "").replace("\udc00", "");
            String raw = URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(value, StandardCharsets.UTF_8) + "&" + URLEncoder.encode(name, StandardCharsets.UTF_8)
                    + "=later";
            assertThat(QueryString.parse(raw).all(name)).as(raw).containsExactly(value, "later");
        });
    }

    @Test
    void aRangeIsInsideTheRepresentationOrUnsatisfiableOrIgnored() {
        RandomInputs.check("ByteRange.parse", 10_000, random -> {
            String header = RandomInputs.mutate(random, RANGES);
            long size = random.nextBoolean() ? random.nextInt(100) : random.nextLong() >>> 1;
            ByteRange range;
            try {
                range = ByteRange.parse(header, size);
            } catch (ByteRange.Unsatisfiable e) {
                assertThat(e.errorCode().httpStatus()).isEqualTo(416);
                return;
            }
            if (range != null) {
                assertThat(range.first()).as(header + " of " + size).isBetween(0L, size - 1);
                assertThat(range.last()).as(header + " of " + size).isBetween(range.first(), size - 1);
                assertThat(range.length()).isPositive();
            }
        });
    }
}
