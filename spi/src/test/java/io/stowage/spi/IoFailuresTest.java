package io.stowage.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class IoFailuresTest {

    @Test
    void aConnectionNeverMadeIsRefusedAndOneThatBrokeIsLost() {
        assertThat(IoFailures.isConnectionRefused(new RuntimeException(new ConnectException("nope")))).isTrue();
        assertThat(IoFailures.isConnectionRefused(new UnknownHostException("nowhere.invalid"))).isTrue();
        assertThat(IoFailures.isConnectionRefused(new IOException("Connection reset by peer"))).isFalse();
        assertThat(IoFailures.isConnectionLost(new IOException("Connection reset by peer"))).isTrue();
        assertThat(IoFailures.isConnectionLost(new IOException("Broken pipe"))).isTrue();
        assertThat(IoFailures.isConnectionLost(new java.io.EOFException())).isTrue();
        assertThat(IoFailures.isConnectionLost(new RuntimeException(new ConnectException("nope")))).isFalse();
        assertThat(IoFailures.isConnectionLost(new IOException("disk full"))).isFalse();
    }

    @Test
    void timeouts() {
        assertThat(IoFailures.isTimeout(new IOException("x", new SocketTimeoutException()))).isTrue();
        assertThat(IoFailures.isTimeout(new TimeoutException())).isTrue();
        assertThat(IoFailures.isTimeout(new IOException("Read timed out"))).isTrue();
        assertThat(IoFailures.isTimeout(new IOException("timeout"))).as("client-specific, left to providers").isFalse();
    }

    @Test
    void codesSayWhetherTheRequestMayHaveBeenApplied() {
        assertThat(IoFailures.codeOf(new RuntimeException(new ConnectException("Connection refused"))))
                .isEqualTo(StoreErrorCode.CONNECTION);
        assertThat(IoFailures.codeOf(new IOException("Connection reset by peer"))).isEqualTo(StoreErrorCode.CONNECTION_LOST);
        assertThat(IoFailures.codeOf(new SocketTimeoutException("Read timed out"))).isEqualTo(StoreErrorCode.TIMEOUT);
        assertThat(IoFailures.codeOf(new IllegalStateException("bug"))).isNull();
        assertThat(StoreErrorCode.CONNECTION.isDefinite()).isTrue();
        assertThat(StoreErrorCode.CONNECTION_LOST.isDefinite()).isFalse();
        assertThat(StoreErrorCode.TIMEOUT.isDefinite()).isFalse();
        assertThat(StoreErrorCode.CONDITION_FAILED.isDefinite()).isTrue();
    }

    @Test
    void aCyclicCauseChainEnds() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        assertThat(IoFailures.codeOf(a)).isNull();
    }

    @Test
    void earlierAttemptsThatMayHaveBeenAppliedAreFoundAmongTheSuppressed() {
        RuntimeException last = new RuntimeException("The conditional request failed");
        assertThat(IoFailures.earlierAttemptMayHaveApplied(last)).as("no earlier attempts").isFalse();
        last.addSuppressed(new RuntimeException("Request attempt 1 failure: Service returned HTTP status code 400 "
                + "(Service: DynamoDb, Status Code: 400) ThrottlingException"));
        assertThat(IoFailures.earlierAttemptMayHaveApplied(last)).as("only a throttled attempt").isFalse();
        last.addSuppressed(new RuntimeException("Request attempt 2 failure: Unable to execute HTTP request: Connection reset"));
        assertThat(IoFailures.earlierAttemptMayHaveApplied(new IllegalStateException("wrapper", last)))
                .as("a reset attempt, found through the cause chain").isTrue();

        StoreException refused = StoreException.builder(StoreErrorCode.CONDITION_FAILED, "refused")
                .afterAnAmbiguousAttempt(true).build();
        assertThat(refused.isDefinite()).isFalse();
        assertThat(refused.withTable("documents").isDefinite()).as("kept by the copies").isFalse();
    }
}
