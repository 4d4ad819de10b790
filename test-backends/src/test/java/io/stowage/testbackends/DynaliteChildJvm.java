package io.stowage.testbackends;

/**
 * Run in a child JVM by {@link DynaliteOutlivesNoJvmTest}: starts a dynalite of its own,
 * prints its port, then waits to be killed.
 *
 * <pre>{@code
 * java -cp ... io.stowage.testbackends.DynaliteChildJvm
 * }</pre>
 */
public final class DynaliteChildJvm {

    private DynaliteChildJvm() {
    }

    public static void main(String[] args) throws Exception {
        DynaliteServer server = DynaliteServer.start();
        System.out.println("PORT=" + server.port());
        System.out.flush();
        // Blocks until the parent kills this JVM; the parent never writes to our stdin.
        System.in.read();
    }
}
