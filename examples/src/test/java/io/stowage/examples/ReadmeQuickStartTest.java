package io.stowage.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's quick start compiles as written, against this build's API. */
class ReadmeQuickStartTest {

    @Test
    void the_quick_start_in_the_readme_compiles_as_written(@TempDir Path dir) throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        int section = readme.indexOf("## Quick start");
        assertThat(section).as("the README has a Quick start section").isNotNegative();
        int start = readme.indexOf("```java\n", section);
        assertThat(start).as("a java block in the quick start").isNotNegative();
        int end = readme.indexOf("\n```", start + 8);
        String source = readme.substring(start + "```java\n".length(), end + 1);
        assertThat(source).contains("public class QuickStart");

        Path file = dir.resolve("QuickStart.java");
        Files.writeString(file, source, StandardCharsets.UTF_8);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac).as("a JDK's compiler (the tests need a JDK, not a JRE)").isNotNull();
        StringWriter diagnostics = new StringWriter();
        boolean compiled;
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            compiled = javac.getTask(diagnostics, files, null,
                    List.of("-classpath", System.getProperty("java.class.path"), "-d", dir.toString(), "-Xlint:none"),
                    null, files.getJavaFileObjects(file)).call();
        }

        assertThat(compiled).as("javac on the README's quick start:%n%s", diagnostics).isTrue();
        assertThat(dir.resolve("QuickStart$Document.class")).exists();
    }
}
