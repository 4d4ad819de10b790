package io.stowage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's table of settings names every setting Stowage reads, with its environment variable. */
class ReadmeSettingsTableTest {

    @Test
    void everySettingAndItsEnvironmentVariableIsInTheReadmesTable() throws Exception {
        Path readme = Path.of("..", "README.md");
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        String table = text.substring(text.indexOf("### Every setting"), text.indexOf("## Logging, listeners and stats"));
        for (String property : StowageConfig.settingNames()) {
            assertThat(table).as("README table lists " + property).contains("`" + property + "`");
            String env = EnvironmentConfigReader.environmentVariable(property.substring("stowage.".length()));
            assertThat(table).as("README table lists " + env).contains("`" + env + "`");
        }
    }
}
