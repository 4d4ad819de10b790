package io.stowage.provider.s3.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

/** The one client failure that is retried beyond the SDK's own rules, and only it. */
class StalePipelineRetryTest {

    @Test
    void aRequestFailedOnAReusedConnectionsLeftoverHandlerIsAskedAgain() {
        SdkClientException stale = SdkClientException.create("Unable to execute HTTP request: Duplicate handler name: "
                + "HttpStreamsClientHandler-body-subscriber", new IllegalArgumentException("Duplicate handler name: x"));
        assertThat(S3Clients.isStalePipeline(stale)).isTrue();
        assertThat(S3Clients.isStalePipeline(new CompletionException(stale))).isTrue();
        assertThat(S3Clients.isStalePipeline(SdkClientException.create("Unable to execute HTTP request: Connection reset")))
                .isFalse();
        assertThat(S3Clients.isStalePipeline(new IllegalStateException((String) null))).isFalse();
    }
}
