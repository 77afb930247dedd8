package io.xfs.directory.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import org.junit.jupiter.api.Test;

/** Query decoding and the Spring-MVC-like conversions of the hot servlets' parameters. */
class CallParamsTest {

    @Test
    void decodesFormStyleAndKeepsQueryOrder() {
        CallParams p = CallParams.parse("filename=a%2Fb+c%2B%C3%A9&&bare&=x&mime=");
        assertThat(p.text("filename")).isEqualTo("a/b c+é");
        assertThat(p.text("bare")).isEmpty();
        assertThat(p.text("")).isEqualTo("x");
        assertThat(p.optionalText("mime")).isEmpty();
        assertThat(p.optionalText("absent")).isNull();
        assertThat(CallParams.parse(null).optionalText("a")).isNull();
        assertThat(CallParams.parse("").optionalText("a")).isNull();
    }

    @Test
    void repeatedTextJoinsWithCommasAsSpringDid() {
        assertThat(CallParams.parse("bucket=a&x=1&bucket=b").text("bucket")).isEqualTo("a,b");
    }

    @Test
    void missingAndBadValuesNameTheParameter() {
        CallParams p = CallParams.parse("filesize=abc&chunk=maybe&exclude_group=1,x");
        assertFails(() -> p.text("bucket"), "parameter 'bucket' is missing");
        assertFails(() -> p.longValue("size"), "parameter 'size' is missing");
        assertFails(() -> p.longValue("filesize"), "parameter 'filesize' has a bad value: abc");
        assertFails(() -> p.flag("chunk"), "parameter 'chunk' has a bad value: maybe");
        assertFails(() -> p.ints("exclude_group"), "parameter 'exclude_group' has a bad value: 1,x");
        assertFails(() -> CallParams.parse("filesize=").longValue("filesize"), "parameter 'filesize' has a bad value: ");
        assertFails(() -> CallParams.parse("g=99999999999").ints("g"), "parameter 'g' has a bad value: 99999999999");
    }

    @Test
    void numbersAndFlagsConvertAsSpringDid() {
        CallParams p = CallParams.parse("a=%20%2B12&b=0x10&c=-%2320&d=7&d=8");
        assertThat(p.longValue("a")).isEqualTo(12);
        assertThat(p.longValue("b")).isEqualTo(16);
        assertThat(p.longValue("c")).isEqualTo(-32);
        assertThat(p.longValue("d")).as("the first of several").isEqualTo(7);
        for (String yes : new String[] {"true", "ON", "Yes", "1"}) {
            assertThat(CallParams.parse("f=" + yes).flag("f")).as(yes).isTrue();
        }
        for (String no : new String[] {"false", "off", "NO", "0", ""}) {
            assertThat(CallParams.parse("f=" + no).flag("f")).as(no).isFalse();
        }
        assertThat(CallParams.parse("").flag("f")).isFalse();
    }

    @Test
    void repeatableIntegersComeRepeatedOrCommaSeparated() {
        assertThat(CallParams.parse("g=1&g=2,%203&g=&h=4").ints("g")).containsExactly(1, 2, 3);
        assertThat(CallParams.parse("h=4").ints("g")).isEmpty();
    }

    @Test
    void malformedEscapesAreBadArguments() {
        for (String query : new String[] {"a=%ZZ", "a=%4", "a=%FF"}) {
            assertThatThrownBy(() -> CallParams.parse(query)).as(query).isInstanceOfSatisfying(XfsException.class,
                    e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BAD_ARGUMENT));
        }
    }

    private static void assertFails(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(XfsException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(ErrorCode.BAD_ARGUMENT);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }
}
