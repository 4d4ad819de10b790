package io.stowage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.spi.Credentials;
import io.stowage.spi.StoreSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StowageConfigTest {

    @Test
    void shared_settings_are_inherited_and_per_store_overrides_win() {
        StowageConfig config = StowageConfig.builder()
                .settings(s -> s.credentials(Credentials.session("AKIAEXAMPLE", "super-secret-key", "session-token-value"))
                        .region("us-east-1")
                        .endpoint(URI.create("http://127.0.0.1:4566"))
                        .apiCallTimeout(Duration.ofSeconds(7))
                        .maxRetries(2)
                        .multipartThreshold(16L * 1024 * 1024)
                        .property("stowage.inmemory.versioning", "true"))
                .blobStore(s -> s.region("eu-west-1").endpoint(URI.create("http://127.0.0.1:9000")))
                .build();
        StoreSettings blob = config.blobStoreSettings();
        StoreSettings item = config.itemStoreSettings();
        assertThat(blob.region()).contains("eu-west-1");
        assertThat(blob.endpoint()).contains(URI.create("http://127.0.0.1:9000"));
        assertThat(item.region()).contains("us-east-1");
        assertThat(item.endpoint()).contains(URI.create("http://127.0.0.1:4566"));
        for (StoreSettings s : new StoreSettings[] {blob, item}) {
            assertThat(s.credentials().accessKeyId()).contains("AKIAEXAMPLE");
            assertThat(s.apiCallTimeout()).contains(Duration.ofSeconds(7));
            assertThat(s.maxRetries()).contains(2);
            assertThat(s.multipartThreshold()).isEqualTo(16L * 1024 * 1024);
            assertThat(s.property("stowage.inmemory.versioning")).contains("true");
        }
    }

    @Test
    void every_setting_is_inherited_unless_one_store_overrides_it() {
        URI sharedProxy = URI.create("http://127.0.0.1:3128");
        URI blobProxy = URI.create("http://127.0.0.1:3129");
        StowageConfig config = StowageConfig.builder()
                .settings(s -> s.connectTimeout(Duration.ofSeconds(2)).apiCallTimeout(Duration.ofSeconds(7)).maxRetries(2)
                        .proxy(sharedProxy).partSize(6L * 1024 * 1024).maxConcurrency(4))
                .blobStore(StoreSettings.builder()
                        .connectTimeout(Duration.ofSeconds(5))
                        .apiCallTimeout(Duration.ofMinutes(10))
                        .maxRetries(6)
                        .proxy(blobProxy)
                        .maxConcurrency(32)
                        .build())
                .build();
        StoreSettings blob = config.blobStoreSettings();
        StoreSettings item = config.itemStoreSettings();
        assertThat(blob.connectTimeout()).contains(Duration.ofSeconds(5));
        assertThat(blob.apiCallTimeout()).contains(Duration.ofMinutes(10));
        assertThat(blob.maxRetries()).contains(6);
        assertThat(blob.proxy()).contains(blobProxy);
        assertThat(blob.maxConcurrency()).isEqualTo(32);
        assertThat(blob.partSize()).as("inherited").isEqualTo(6L * 1024 * 1024);
        assertThat(item.connectTimeout()).contains(Duration.ofSeconds(2));
        assertThat(item.apiCallTimeout()).contains(Duration.ofSeconds(7));
        assertThat(item.maxRetries()).contains(2);
        assertThat(item.proxy()).contains(sharedProxy);
        assertThat(item.maxConcurrency()).isEqualTo(4);
    }

    @Test
    void overrides_merge_in_one_method_and_unset_means_the_providers_default() {
        StoreSettings shared = StoreSettings.builder().region("us-east-1").property("a", "1").property("b", "1").build();
        StoreSettings over = StoreSettings.builder().endpoint(URI.create("http://127.0.0.1:1")).property("b", "2").build();
        StoreSettings merged = shared.overriddenBy(over);
        assertThat(merged.region()).contains("us-east-1");
        assertThat(merged.endpoint()).contains(URI.create("http://127.0.0.1:1"));
        assertThat(merged.properties()).containsEntry("a", "1").containsEntry("b", "2");
        assertThat(merged.credentials()).isEqualTo(Credentials.defaultChain());
        assertThat(merged.multipartThreshold()).isEqualTo(StoreSettings.DEFAULT_MULTIPART_THRESHOLD);
        assertThat(StoreSettings.defaults().overriddenBy(StoreSettings.defaults()).apiCallTimeout()).isEmpty();
    }

    @Test
    void no_secret_appears_in_to_string() {
        StowageConfig config = StowageConfig.builder()
                .settings(s -> s.credentials(Credentials.session("AKIAEXAMPLE", "super-secret-key", "session-token-value"))
                        .proxy(URI.create("http://user:proxy-password@127.0.0.1:3128"))
                        .endpoint(URI.create("http://key:endpoint-password@127.0.0.1:9000")))
                .itemStore(s -> s.proxy(URI.create("http://user:item-proxy-password@127.0.0.1:3129")))
                .build();
        String text = config + " " + config.blobStoreSettings() + " " + config.blobStoreSettings().credentials()
                + " " + config.itemStoreSettings();
        assertThat(text).contains("AKIAEXAMPLE")
                .contains("127.0.0.1:9000")
                .doesNotContain("super-secret-key")
                .doesNotContain("session-token-value")
                .doesNotContain("proxy-password")
                .doesNotContain("endpoint-password");
    }

    @Test
    void environment_and_properties_are_read_properties_first() {
        Map<String, String> props = Map.of("stowage.blobstore", "s3", "stowage.region", "eu-central-1");
        Map<String, String> env = Map.of("STOWAGE_ITEMSTORE", "dynamodb", "STOWAGE_REGION", "ignored",
                "STOWAGE_API_CALL_TIMEOUT", "PT30S", "STOWAGE_BLOBSTORE_ENDPOINT", "http://127.0.0.1:9000",
                "STOWAGE_MULTIPART_THRESHOLD", "20971520", "STOWAGE_BLOBSTORE_API_CALL_TIMEOUT", "PT10M",
                "STOWAGE_ITEMSTORE_MAX_RETRIES", "7", "STOWAGE_BLOBSTORE_PART_SIZE", "16777216",
                "STOWAGE_CLEANUP_IN_BACKGROUND", "true");
        StowageConfig config = StowageConfig.fromSources(props::get, env::get);
        assertThat(config.cleanupInBackground()).isTrue();
        assertThat(StowageConfig.fromSources(k -> null, k -> null).cleanupInBackground()).as("the default").isFalse();
        assertThat(config.blobStoreSettings().apiCallTimeout()).contains(Duration.ofMinutes(10));
        assertThat(config.itemStoreSettings().maxRetries()).contains(7);
        assertThat(config.blobStoreSettings().maxRetries()).isEmpty();
        assertThat(config.blobStoreProvider()).contains("s3");
        assertThat(config.itemStoreProvider()).contains("dynamodb");
        assertThat(config.itemStoreSettings().region()).contains("eu-central-1");
        assertThat(config.itemStoreSettings().apiCallTimeout()).contains(Duration.ofSeconds(30));
        assertThat(config.blobStoreSettings().endpoint()).contains(URI.create("http://127.0.0.1:9000"));
        assertThat(config.itemStoreSettings().endpoint()).isEmpty();
        assertThat(config.blobStoreSettings().multipartThreshold()).isEqualTo(20971520L);
        assertThat(config.blobStoreSettings().partSize()).isEqualTo(16777216L);
        assertThat(config.itemStoreSettings().partSize()).isEqualTo(StoreSettings.DEFAULT_PART_SIZE);
    }

    @Test
    void static_keys_are_read_per_store_and_half_a_pair_is_refused_without_showing_a_value() {
        Map<String, String> env = Map.of("STOWAGE_ACCESS_KEY_ID", "AKIDSHARED", "STOWAGE_SECRET_ACCESS_KEY", "shared-secret-value",
                "STOWAGE_ITEMSTORE_PROFILE", "dev");
        StowageConfig config = StowageConfig.fromSources(k -> null, env::get);
        assertThat(config.blobStoreSettings().credentials()).isEqualTo(Credentials.basic("AKIDSHARED", "shared-secret-value"));
        assertThat(config.itemStoreSettings().credentials()).isEqualTo(Credentials.profile("dev"));
        assertThat(config.toString()).doesNotContain("shared-secret-value");
        Map<String, String> session = Map.of("stowage.blobstore.accessKeyId", "AKIDB", "stowage.blobstore.secretAccessKey", "b-secret",
                "stowage.blobstore.sessionToken", "b-token");
        assertThat(StowageConfig.fromSources(session::get, k -> null).blobStoreSettings().credentials())
                .isEqualTo(Credentials.session("AKIDB", "b-secret", "b-token"));

        assertThatThrownBy(() -> StowageConfig.fromSources(Map.of("stowage.accessKeyId", "AKIDONLY")::get, k -> null))
                .isInstanceOf(StowageException.class)
                .hasMessageContaining("stowage.accessKeyId and stowage.secretAccessKey must be set together")
                .hasMessageNotContaining("AKIDONLY");
        assertThatThrownBy(() -> StowageConfig.fromSources(Map.of("stowage.blobstore.secretAccessKey", "lonely-secret",
                "stowage.blobstore.sessionToken", "tok")::get, k -> null))
                .isInstanceOf(StowageException.class).hasMessageContaining("stowage.blobstore.accessKeyId")
                .hasMessageNotContaining("lonely-secret").hasMessageNotContaining("tok'");
        assertThatThrownBy(() -> StowageConfig.fromSources(Map.of("stowage.profile", "dev", "stowage.accessKeyId", "A",
                "stowage.secretAccessKey", "B")::get, k -> null))
                .isInstanceOf(StowageException.class).hasMessageContaining("keep one of them");
    }

    @Test
    void durations_are_read_in_the_short_forms_spring_users_write_and_in_iso_8601() {
        Map<String, String> props = Map.of("stowage.apiCallTimeout", "30s", "stowage.connectTimeout", "500ms",
                "stowage.blobstore.apiCallTimeout", "2m", "stowage.itemstore.apiCallTimeout", "PT1H");
        StowageConfig config = StowageConfig.fromSources(props::get, k -> null);
        assertThat(config.settings().apiCallTimeout()).contains(Duration.ofSeconds(30));
        assertThat(config.settings().connectTimeout()).contains(Duration.ofMillis(500));
        assertThat(config.blobStoreSettings().apiCallTimeout()).contains(Duration.ofMinutes(2));
        assertThat(config.itemStoreSettings().apiCallTimeout()).contains(Duration.ofHours(1));
    }

    @Test
    void every_setting_name_is_listed_once_for_each_store_with_its_environment_variable() {
        assertThat(StowageConfig.settingNames()).contains("stowage.region", "stowage.blobstore.region", "stowage.itemstore.region",
                "stowage.blobstore", "stowage.itemstore", "stowage.consistentReads", "stowage.blobstore.secretAccessKey")
                .doesNotHaveDuplicates().isSorted();
        assertThat(EnvironmentConfigReader.environmentVariable("blobstore.apiCallTimeout")).isEqualTo("STOWAGE_BLOBSTORE_API_CALL_TIMEOUT");
    }

    @Test
    void bad_values_fail_with_the_setting_named() {
        Map<String, String> env = Map.of("STOWAGE_API_CALL_TIMEOUT", "30 seconds");
        assertThatThrownBy(() -> StowageConfig.fromSources(k -> null, env::get))
                .isInstanceOf(StowageException.class).hasMessageContaining("stowage.apiCallTimeout");
        assertThatThrownBy(() -> StowageConfig.fromSources(k -> null, Map.of("STOWAGE_ITEMSTORE_API_CALL_TIMEOUT", "-PT1S")::get))
                .isInstanceOf(StowageException.class).hasMessageContaining("stowage.itemstore.")
                .hasMessageContaining("apiCallTimeout must be positive");
        assertThatThrownBy(() -> StowageConfig.builder().settings(s -> s.multipartThreshold(1024L)).build())
                .isInstanceOf(StowageException.class).hasMessageContaining("multipart threshold");
        assertThatThrownBy(() -> StowageConfig.builder().settings(s -> s.apiCallTimeout(Duration.ofSeconds(-1))))
                .isInstanceOf(StowageException.class).hasMessageContaining("apiCallTimeout must be positive");
        assertThatThrownBy(() -> StowageConfig.builder().blobStore(s -> s.maxRetries(-1)))
                .isInstanceOf(StowageException.class).hasMessageContaining("maxRetries");
    }

    @Test
    void null_settings_are_refused_with_what_to_pass_instead() {
        assertThatThrownBy(() -> StowageConfig.builder().settings((StoreSettings) null)).isInstanceOf(StowageException.class)
                .hasMessageContaining("settings(null)").hasMessageContaining("StoreSettings.defaults()");
        assertThatThrownBy(() -> StowageConfig.builder().blobStore((StoreSettings) null)).isInstanceOf(StowageException.class)
                .hasMessageContaining("StoreSettings.defaults()");
        assertThatThrownBy(() -> StowageConfig.builder().clock(null)).isInstanceOf(StowageException.class)
                .hasMessageContaining("Clock.systemUTC()");
        assertThatThrownBy(() -> Stowage.builder().config(null)).isInstanceOf(StowageException.class)
                .hasMessageContaining("StowageConfig.defaults()");
        assertThatThrownBy(() -> ModelSchema.builder(null, Object::new)).isInstanceOf(ModelException.class)
                .hasMessageContaining("model class");
    }

    @Test
    void a_proxy_the_clients_cannot_use_is_refused_without_showing_its_password() {
        URI underscoreHost = URI.create("http://user:pw-for-my-proxy@my_proxy:3128");
        assertThat(StoreSettings.redact(underscoreHost)).isEqualTo("http://***@my_proxy:3128");
        assertThatThrownBy(() -> StowageConfig.builder().settings(s -> s.proxy(underscoreHost)))
                .isInstanceOf(StowageException.class)
                .hasMessageContaining("host:port").hasMessageContaining("my_proxy")
                .hasMessageNotContaining("pw-for-my-proxy");
        assertThatThrownBy(() -> StowageConfig.builder().itemStore(s -> s.proxy(URI.create("http://u:pw-x1@proxy"))))
                .isInstanceOf(StowageException.class).hasMessageNotContaining("pw-x1");
        assertThatThrownBy(() -> StoreSettings.builder().proxy(URI.create("socks5://proxy:1080")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_proxy_or_endpoint_written_without_a_scheme_is_refused_without_showing_its_password() {
        // The curl habit: no "http://", so Java reads "user" as the scheme and finds no authority.
        URI proxy = URI.create("user:hunter22@proxy.corp:3128");
        assertThat(StoreSettings.redact(proxy)).isEqualTo("***@proxy.corp:3128");
        assertThatThrownBy(() -> StowageConfig.builder().settings(s -> s.proxy(proxy)))
                .isInstanceOf(StowageException.class).hasMessageContaining("proxy.corp:3128")
                .hasMessageNotContaining("hunter22");
        assertThatThrownBy(() -> StowageConfig.builder().blobStore(s -> s.endpoint(URI.create("minio:minio123@localhost:9000"))))
                .isInstanceOf(StowageException.class).hasMessageContaining("localhost:9000")
                .hasMessageNotContaining("minio123");
        for (String password : new String[] {"pa/ss22", "pa?ss22", "pa#ss22"}) {
            // Java ends the authority at '/', '?' or '#', so it finds no user info in these.
            URI raw = URI.create("http://user:" + password + "@proxy:3128");
            assertThat(StoreSettings.redact(raw)).as("redact of a password with %s", password).isEqualTo("http://***@proxy:3128");
            assertThatThrownBy(() -> StowageConfig.builder().settings(s -> s.proxy(raw))).isInstanceOf(StowageException.class)
                    .hasMessageNotContaining("ss22");
        }
        Map<String, String> env = Map.of("STOWAGE_PROXY", "user:hunter22@proxy.corp:3128");
        assertThatThrownBy(() -> StowageConfig.fromSources(name -> null, env::get, Set.of()))
                .isInstanceOf(StowageException.class)
                .satisfies(e -> assertThat(stackText(e)).doesNotContain("hunter22"));
    }

    private static String stackText(Throwable e) {
        java.io.StringWriter out = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }
}
