package io.xfs.store.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import org.junit.jupiter.api.Test;

class NeedleIdTest {

    @Test
    void parsesTheRawQueryStringInAnyOrder() {
        assertThat(NeedleId.fromQuery("cookie=7&vid=3&key=-12")).isEqualTo(new NeedleId(3, -12, 7));
    }

    @Test
    void acceptsUnsignedCookiesAsTheSameBits() {
        assertThat(NeedleId.fromQuery("vid=1&key=2&cookie=4294967295").cookie()).isEqualTo(-1);
        assertThat(NeedleId.fromQuery("vid=1&key=2&cookie=-1").cookie()).isEqualTo(-1);
    }

    @Test
    void namesMustMatchWholeAndValuesAreDecoded() {
        assertThat(NeedleId.QueryParams.value("xvid=9&vid=%31%32", "vid")).isEqualTo("12");
        assertThat(NeedleId.QueryParams.value("vid", "vid")).isEmpty();
        assertThat(NeedleId.QueryParams.value("a=1", "vid")).isNull();
        assertThat(NeedleId.QueryParams.value(null, "vid")).isNull();
    }

    @Test
    void missingOrBadNumbersAreBadArguments() {
        for (String query : new String[] {"vid=1&key=2", "vid=1&key=x&cookie=3", "vid=-1&key=2&cookie=3",
                "vid=1&key=2&cookie=4294967296", "vid=&key=2&cookie=3", null}) {
            assertThatThrownBy(() -> NeedleId.fromQuery(query))
                    .as(query)
                    .isInstanceOf(XfsException.class)
                    .extracting(e -> ((XfsException) e).errorCode()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        }
    }
}
