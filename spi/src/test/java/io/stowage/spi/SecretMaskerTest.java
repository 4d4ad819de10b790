package io.stowage.spi;

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

    @Test
    void aThrowableChainHoldingASecretIsCopiedWithItMaskedAndOthersAreKept() {
        SecretMasker masker = new SecretMasker(List.of("token-12345"));
        RuntimeException clean = new RuntimeException("nothing secret");
        assertThat(masker.printable(clean)).isSameAs(clean);

        IllegalStateException inner = new IllegalStateException("echoed token-12345 back");
        RuntimeException outer = new RuntimeException("outer", inner);
        outer.addSuppressed(new java.io.IOException("also token-12345"));
        Throwable printable = masker.printable(outer);
        java.io.StringWriter trace = new java.io.StringWriter();
        printable.printStackTrace(new java.io.PrintWriter(trace));

        assertThat(trace.toString()).doesNotContain("token-12345")
                .contains("java.lang.IllegalStateException: echoed *** back", "java.io.IOException: also ***", "outer");
        assertThat(printable.getStackTrace()).isEqualTo(outer.getStackTrace());
    }
}
