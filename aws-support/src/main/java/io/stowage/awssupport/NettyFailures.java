package io.stowage.awssupport;

import java.io.IOException;

import io.stowage.spi.IoFailures;

/**
 * What the AWS SDK's Netty client says about a failed request beyond its message: whether
 * it gave up before sending any of it. The client takes a pooled connection, sets it up,
 * then writes; a connection that closed while idle in the pool fails the set-up with "The
 * connection was closed during the request", the same words it uses when a connection breaks
 * after the request went out. Only where it was thrown tells them apart, so a request that
 * was never sent is not reported as one that may have been applied.
 *
 * <pre>{@code
 * if (NettyFailures.neverSent(failure)) {
 *     return StoreErrorCode.CONNECTION;   // definite: nothing reached the server
 * }
 * }</pre>
 */
public final class NettyFailures {

    /** Where the SDK (2.57) sets up a request's channel; {@code NettyFailuresTest} checks that it still exists. */
    static final String EXECUTOR = "software.amazon.awssdk.http.nio.netty.internal.NettyRequestExecutor";
    static final String SETUP = "configurePipeline";

    private NettyFailures() {
    }

    /**
     * Whether {@code failure}, or one of its causes, is the Netty client's refusal to use a
     * connection that was already closed, thrown before the request was written. Anything else
     * (or an SDK that throws it elsewhere) is {@code false}: may have been sent.
     */
    public static boolean neverSent(Throwable failure) {
        return IoFailures.anyCause(failure, c -> {
            if (!(c instanceof IOException) || c.getStackTrace().length == 0) {
                return false;
            }
            StackTraceElement top = c.getStackTrace()[0];
            // configurePipeline throws it when the channel is inactive; makeRequest, which writes, runs after it.
            return EXECUTOR.equals(top.getClassName()) && SETUP.equals(top.getMethodName());
        });
    }
}
