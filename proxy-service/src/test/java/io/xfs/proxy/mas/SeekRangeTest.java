package io.xfs.proxy.mas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.http.ByteRange;
import org.junit.jupiter.api.Test;

class SeekRangeTest {

    @Test
    void seekGivesTheRestOfTheFile() {
        assertThat(MasDownloadController.seekRange("0", 100)).isEqualTo(new ByteRange(0, 99));
        assertThat(MasDownloadController.seekRange("40", 100).length()).isEqualTo(60);
        assertThat(MasDownloadController.seekRange("100", 100).length()).isZero();
        assertThatThrownBy(() -> MasDownloadController.seekRange("101", 100))
                .isInstanceOfSatisfying(XfsException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.RANGE_NOT_SATISFIABLE));
        assertThatThrownBy(() -> MasDownloadController.seekRange("-1", 100))
                .isInstanceOfSatisfying(XfsException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BAD_ARGUMENT));
        assertThatThrownBy(() -> MasDownloadController.seekRange("ten", 100))
                .isInstanceOfSatisfying(XfsException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BAD_ARGUMENT));
    }
}
