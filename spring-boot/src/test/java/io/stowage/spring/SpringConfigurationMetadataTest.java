package io.stowage.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.StowageConfig;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The IDE metadata lists every setting Stowage reads, and nothing it does not. */
class SpringConfigurationMetadataTest {

    @Test
    void everySettingStowageReadsIsInTheMetadataUnderItsSpringName() throws Exception {
        String json;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("the metadata file").isNotNull();
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Set<String> listed = new TreeSet<>();
        Matcher m = Pattern.compile("\"name\": \"(stowage\\.[^\"]+)\",\\s*\"type\"").matcher(json);
        while (m.find()) {
            listed.add(m.group(1));
        }
        Set<String> expected = new TreeSet<>();
        for (String name : StowageConfig.settingNames()) {
            // stowage.blobstore is also the parent of stowage.blobstore.region: IDEs and YAML get its .provider form
            if (!name.equals("stowage.blobstore") && !name.equals("stowage.itemstore")) {
                expected.add(SpringStowageSettings.kebab(name));
            }
        }
        expected.addAll(Set.of("stowage.tables.packages", "stowage.tables.classes", "stowage.tables.create-missing",
                "stowage.health.enabled"));
        assertThat(listed).isEqualTo(expected);
    }
}
