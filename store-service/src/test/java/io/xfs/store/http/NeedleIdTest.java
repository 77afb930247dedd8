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
        assertThat(NeedleId.fromQuery("xvid=9&vid=%31%32&key=1&cookie=1").vid()).isEqualTo(12);
        assertThat(NeedleId.fromQuery("vid=1&key=2&cookie=3&x=%zz")).isEqualTo(new NeedleId(1, 2, 3));
        for (String query : new String[] {"vid&key=2&cookie=3", "a=1&key=2&cookie=3", "vid=%zz&key=2&cookie=3"}) {
            assertThatThrownBy(() -> NeedleId.fromQuery(query))
                    .as(query)
                    .isInstanceOf(XfsException.class)
                    .extracting(e -> ((XfsException) e).errorCode()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        }
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
