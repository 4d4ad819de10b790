package io.stowage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The tokens of derived keys: 12 characters of [a-z2-7], every position random, never repeated in practice. */
class TokensTest {

    @Test
    void tokensAreTwelveCharactersOfTheAlphabetWithEveryPositionVarying() {
        Set<String> seen = new HashSet<>();
        List<Set<Character>> perPosition = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            perPosition.add(new HashSet<>());
        }
        for (int n = 0; n < 20_000; n++) {
            String token = ObjectKeys.token();
            assertThat(token).hasSize(12).matches("[a-z2-7]{12}");
            seen.add(token);
            for (int i = 0; i < 12; i++) {
                perPosition.get(i).add(token.charAt(i));
            }
        }
        assertThat(seen).as("distinct tokens").hasSize(20_000);
        for (int i = 0; i < 12; i++) {
            assertThat(perPosition.get(i)).as("characters seen at position %d", i).hasSize(32);
        }
    }
}
