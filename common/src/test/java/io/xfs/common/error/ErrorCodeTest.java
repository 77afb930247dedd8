package io.xfs.common.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ErrorCodeTest {

    @Test
    void everyCodeIsFoundAgainByItsNumber() {
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(ErrorCode.byCode(code.code())).as(code.name()).contains(code);
        }
    }

    @Test
    void numbersAreUniqueSoThatTheLookupIsUnambiguous() {
        Set<Integer> seen = new HashSet<>();
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(seen.add(code.code())).as("code %d used twice", code.code()).isTrue();
        }
    }

    @Test
    void aCodeThisVersionDoesNotKnowIsEmpty() {
        assertThat(ErrorCode.byCode(1999)).isEmpty();
        assertThat(ErrorCode.byCode(404)).as("an HTTP status is not an error code").isEmpty();
    }
}
