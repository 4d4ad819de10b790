package io.stowage.awssupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

class NettyFailuresTest {

    private static final String EXECUTOR = NettyFailures.EXECUTOR;

    /** A canary for SDK upgrades: the rule reads a stack frame of the SDK's, which must still be there. */
    @Test
    void theSdksSetUpMethodStillExistsAndThrowsIoException() throws Exception {
        Method setUp = Class.forName(EXECUTOR).getDeclaredMethod(NettyFailures.SETUP);
        assertThat(setUp.getExceptionTypes()).contains(IOException.class);
        assertThat(Class.forName(EXECUTOR).getDeclaredMethod("makeRequest")).as("the method that writes, after it").isNotNull();
    }

    @Test
    void aConnectionFoundClosedWhileSettingUpTheRequestSentNothing() {
        IOException closed = thrownAt(EXECUTOR, "configurePipeline");
        assertThat(NettyFailures.neverSent(closed)).isTrue();
        assertThat(NettyFailures.neverSent(new CompletionException(new RuntimeException("Unable to execute HTTP request", closed))))
                .as("found through the causes").isTrue();
    }

    @Test
    void aConnectionThatClosedAnywhereElseMayHaveCarriedTheRequest() {
        assertThat(NettyFailures.neverSent(thrownAt(EXECUTOR, "makeRequest"))).isFalse();
        assertThat(NettyFailures.neverSent(thrownAt(EXECUTOR, "configureSomethingAfterTheWrite"))).isFalse();
        assertThat(NettyFailures.neverSent(thrownAt("software.amazon.awssdk.http.nio.netty.internal.ResponseHandler",
                "notifyIfResponseNotCompleted"))).isFalse();
        IOException noTrace = new IOException("The connection was closed during the request.");
        noTrace.setStackTrace(new StackTraceElement[0]);
        assertThat(NettyFailures.neverSent(noTrace)).as("no stack trace to tell").isFalse();
        assertThat(NettyFailures.neverSent(new IllegalStateException("configure"))).isFalse();
    }

    private static IOException thrownAt(String className, String method) {
        IOException e = new IOException("The connection was closed during the request.");
        e.setStackTrace(new StackTraceElement[] {new StackTraceElement(className, method, "NettyRequestExecutor.java", 234)});
        return e;
    }
}
