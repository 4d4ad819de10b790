package io.stowage.s3support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

class SecretMaskerTest {

    @Test
    void masksEverySecretOfFourCharactersOrMore() {
        List<String> secrets = new ArrayList<>(Arrays.asList("wJalrXUtnFEMI/K7MDENG", null, "abc", "tok3n"));
        SecretMasker masker = new SecretMasker(secrets);
        assertThat(masker.redact("key wJalrXUtnFEMI/K7MDENG, token tok3n, abc stays"))
                .isEqualTo("key ***, token ***, abc stays");
        assertThat(masker.redact(null)).isNull();
    }

    @Test
    void readsTheSecretsAtEachUse() {
        List<String> secrets = new CopyOnWriteArrayList<>();
        SecretMasker masker = new SecretMasker(secrets);
        assertThat(masker.redact("refreshed-token")).isEqualTo("refreshed-token");
        secrets.add("refreshed-token");
        assertThat(masker.redact("refreshed-token")).isEqualTo(SecretMasker.MASK);
    }

    @Test
    void aSecretInsideALongerOneLeavesNoPartOfTheLongerOneVisible() {
        SecretMasker masker = new SecretMasker(List.of("pass", "proxy-pass-word"));
        assertThat(masker.redact("proxy-pass-word and pass")).isEqualTo("*** and ***");
    }
}
