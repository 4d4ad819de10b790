package io.stowage.testbackends.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds Node.js and the dynalite installation made by the build, with messages that tell
 * a developer what to install when either is missing.
 *
 * <pre>{@code
 * Path node = NodeRuntime.locateNode();
 * Path dir = NodeRuntime.locateDynaliteDirectory();
 * }</pre>
 */
public final class NodeRuntime {

    /** How to get Node.js, appended to every message about a missing or unusable one. */
    public static final String INSTALL_HINT = "dynalite (the DynamoDB server of Stowage's tests) runs on Node.js 20 or later."
            + " Install it (Debian/Ubuntu: `apt-get install nodejs npm`; macOS: `brew install node`; else https://nodejs.org),"
            + " or point -Dstowage.node=/path/to/node (or the NODE environment variable) at it,"
            + " then rebuild test-backends so that `npm ci` installs dynalite.";

    private static final String NODE_PROPERTY = "stowage.node";
    private static final String DIRECTORY_PROPERTY = "stowage.dynalite.dir";
    private static final String DIRECTORY_ENV = "STOWAGE_DYNALITE_DIR";
    private static final String BUILD_RESOURCE = "/io/stowage/testbackends/dynalite.properties";
    private static final Pattern VERSION = Pattern.compile("v?(\\d+)\\.(\\d+)");

    private NodeRuntime() {
    }

    /**
     * The {@code node} executable: {@code -Dstowage.node}, else {@code NODE}, else the first
     * {@code node} (or Debian's older {@code nodejs}) on the {@code PATH}.
     *
     * @throws IllegalStateException with install instructions if there is none
     */
    public static Path locateNode() {
        String explicit = firstNonBlank(System.getProperty(NODE_PROPERTY), System.getenv("NODE"));
        if (explicit != null) {
            Path p = Paths.get(explicit);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
            throw new IllegalStateException("Node.js not found at " + explicit
                    + " (from -D" + NODE_PROPERTY + " or NODE). " + INSTALL_HINT);
        }
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win");
        List<String> names = windows ? List.of("node.exe", "node.cmd") : List.of("node", "nodejs");
        String path = System.getenv("PATH");
        if (path != null) {
            for (String name : names) {
                for (String dir : path.split(java.io.File.pathSeparator)) {
                    if (dir.isBlank()) {
                        continue;
                    }
                    Path candidate = Paths.get(dir, name);
                    if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                        return candidate;
                    }
                }
            }
        }
        throw new IllegalStateException("Node.js not found on the PATH. " + INSTALL_HINT);
    }

    /**
     * Checks that {@code node --version} reports at least {@code major}; bounded to 15 s so
     * that a broken executable cannot hang a test run.
     *
     * @throws IllegalStateException if it does not run, or is too old
     */
    public static void requireVersion(Path node, int major, String forWhat) {
        Process p;
        try {
            p = new ProcessBuilder(node.toString(), "--version").redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("Could not run " + node + ": " + e.getMessage() + ". " + INSTALL_HINT, e);
        }
        try {
            p.getOutputStream().close();
            if (!p.waitFor(15, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("`" + node + " --version` did not answer within 15 s. " + INSTALL_HINT);
            }
            String out = readAll(p.getInputStream()).trim();
            Matcher m = VERSION.matcher(out);
            if (p.exitValue() != 0 || !m.find()) {
                throw new IllegalStateException("`" + node + " --version` failed (exit " + p.exitValue() + "): " + out
                        + ". " + INSTALL_HINT);
            }
            if (Integer.parseInt(m.group(1)) < major) {
                throw new IllegalStateException(forWhat + " needs Node.js " + major + " or later; " + node + " is " + out
                        + ". " + INSTALL_HINT);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while checking the Node.js version", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The folder holding {@code dynalite-server.js} and {@code node_modules/dynalite}:
     * {@code -Dstowage.dynalite.dir}, else {@code STOWAGE_DYNALITE_DIR}, else the folder the
     * build recorded (a resource filtered at build time).
     */
    public static Path locateDynaliteDirectory() {
        String explicit = firstNonBlank(System.getProperty(DIRECTORY_PROPERTY), System.getenv(DIRECTORY_ENV));
        if (explicit != null) {
            return Paths.get(explicit);
        }
        Properties props = new Properties();
        try (InputStream in = NodeRuntime.class.getResourceAsStream(BUILD_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The build did not record where dynalite is installed (resource "
                        + BUILD_RESOURCE + " is missing). Build test-backends with Maven, or set -D"
                        + DIRECTORY_PROPERTY + " to the folder holding node_modules/dynalite.");
            }
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String dir = props.getProperty("node.dir");
        if (dir == null || dir.isBlank() || dir.contains("${")) {
            throw new IllegalStateException("Resource " + BUILD_RESOURCE + " has no usable node.dir (" + dir + ")");
        }
        return Paths.get(dir);
    }

    /**
     * Checks that {@code dir} holds the launcher and an installed dynalite.
     *
     * @throws IllegalStateException saying how to install it
     */
    public static void requireDynaliteInstalled(Path dir) {
        List<String> missing = new ArrayList<>();
        if (!Files.isRegularFile(dir.resolve("dynalite-server.js"))) {
            missing.add("dynalite-server.js");
        }
        if (!Files.isRegularFile(dir.resolve("node_modules").resolve("dynalite").resolve("package.json"))) {
            missing.add("node_modules/dynalite");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("dynalite is not installed in " + dir + " (missing " + String.join(", ", missing)
                    + "). The build installs it: run `mvn -pl test-backends generate-resources` (it runs `npm ci` there),"
                    + " or `npm ci` in that folder. " + INSTALL_HINT);
        }
    }

    private static String firstNonBlank(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a;
        }
        return b != null && !b.isBlank() ? b : null;
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
