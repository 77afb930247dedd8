package io.xfs.common.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import org.junit.jupiter.api.Test;

class QueryStringTest {

    @Test
    void decodesPercentEscapesAsUtf8AndPlusAsSpace() {
        QueryString query = QueryString.parse("path=/xfs/b/%E4%B8%AD%E6%96%87/a+b%2Bc.jpg&limit=5&flag");
        assertThat(query.first("path")).isEqualTo("/xfs/b/中文/a b+c.jpg");
        assertThat(query.longValue("limit", 1000, 1, 10_000)).isEqualTo(5);
        assertThat(query.first("flag")).isEmpty();
        assertThat(query.first("absent")).isNull();
    }

    @Test
    void firstValueWinsAndMissingRequiredParameterIsBadArgument() {
        QueryString query = QueryString.parse("path=/xfs/b/1&path=/xfs/b/2");
        assertThat(query.required("path")).isEqualTo("/xfs/b/1");
        assertThat(query.all("path")).containsExactly("/xfs/b/1", "/xfs/b/2");
        assertThat(query.all("absent")).isEmpty();
        assertThatThrownBy(() -> QueryString.parse(null).required("path"))
                .isInstanceOfSatisfying(XfsException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BAD_ARGUMENT));
        assertThatThrownBy(() -> QueryString.parse("path=").required("path"))
                .isInstanceOfSatisfying(XfsException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BAD_ARGUMENT));
    }

    @Test
    void emptyPairsAndUnescapedNonAsciiAreTolerated() {
        QueryString query = QueryString.parse("&&a=1&&b=中文%20x&");
        assertThat(query.first("a")).isEqualTo("1");
        assertThat(query.first("b")).isEqualTo("中文 x");
        assertThat(query.first("")).isNull();
    }

    @Test
    void rejectsBrokenEscapesAndInvalidUtf8() {
        assertThatThrownBy(() -> QueryString.parse("path=%E4%B8")).isInstanceOf(QueryString.NotUtf8.class)
                .isInstanceOfSatisfying(XfsException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BAD_ARGUMENT));
        assertThatThrownBy(() -> QueryString.parse("path=%G1"))
                .isInstanceOfSatisfying(XfsException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BAD_ARGUMENT))
                .isNotInstanceOf(QueryString.NotUtf8.class);
        assertThatThrownBy(() -> QueryString.parse("path=abc%2")).isInstanceOf(XfsException.class);
        assertThatThrownBy(() -> QueryString.parseKeepingPlus("uri=%C3%28")).isInstanceOf(QueryString.NotUtf8.class);
    }

    @Test
    void keepingPlusLeavesPlusLiteralForBase64() {
        QueryString query = QueryString.parseKeepingPlus("uri=aGk+Lw%3D%3D&x=a%2Bb");
        assertThat(query.first("uri")).isEqualTo("aGk+Lw==");
        assertThat(query.first("x")).isEqualTo("a+b");
        assertThat(QueryString.percentDecode("..%2F%E4%B8%AD+x")).isEqualTo("../中+x");
        assertThat(QueryString.percentDecode("plain")).isEqualTo("plain");
        assertThatThrownBy(() -> QueryString.percentDecode("a%zz")).isInstanceOf(XfsException.class);
    }

    @Test
    void lenientParsingKeepsMalformedEscapesAsWritten() {
        QueryString query = QueryString.parseLenient("name=100%&size=a+b%2Bc&bad=%E4%B8&hash=x&hash=y");
        assertThat(query.first("name")).isEqualTo("100%");
        assertThat(query.first("size")).isEqualTo("a b+c");
        assertThat(query.first("bad")).isEqualTo("\uFFFD");
        assertThat(query.first("hash")).isEqualTo("x");
        QueryString store = QueryString.parseLenient("xvid=9&vid=%31%32&bare");
        assertThat(store.first("vid")).isEqualTo("12");
        assertThat(store.first("bare")).isEmpty();
        assertThat(store.first("id")).isNull();
        assertThat(QueryString.parseLenient(null).first("vid")).isNull();
    }

    @Test
    void longValueOutsideItsBoundsIsBadArgument() {
        assertThatThrownBy(() -> QueryString.parse("limit=0").longValue("limit", 1000, 1, 10_000))
                .isInstanceOfSatisfying(XfsException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BAD_ARGUMENT));
        assertThatThrownBy(() -> QueryString.parse("limit=10001").longValue("limit", 1000, 1, 10_000))
                .isInstanceOf(XfsException.class);
        assertThatThrownBy(() -> QueryString.parse("limit=x").longValue("limit", 1000, 1, 10_000))
                .isInstanceOf(XfsException.class);
        assertThatThrownBy(() -> QueryString.parse("length=-1").longValue("length", -1, 0, Long.MAX_VALUE))
                .isInstanceOf(XfsException.class);
        assertThat(QueryString.parse("limit=").longValue("limit", 1000, 1, 10_000)).isEqualTo(1000);
        assertThat(QueryString.parse("").longValue("length", -1, 0, Long.MAX_VALUE)).isEqualTo(-1);
        assertThat(QueryString.parse("length=0").longValue("length", -1, 0, Long.MAX_VALUE)).isZero();
    }
}
