package io.stowage.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8Test {

    // One- to four-byte characters and the edges of each length, both halves of surrogate
    // pairs with the first and last of each range and the characters just outside them, so
    // that random strings hold pairs, unpaired halves at either end and halves in the wrong order.
    private static final char[] CHARACTERS = {'a', '~', '\u007f', '\u0080', '\u00e9', '\u07ff', '\u0800', '\u20ac', '\ud7ff',
        '\ud800', '\ud83d', '\udbff', '\udc00', '\ude00', '\udfff', '\ue000', '\uffff'};

    @Test
    void lengthIsTheStrictEncodersOnRandomTextAndMinusOneForAnUnpairedSurrogate() {
        Random random = new Random(20261207);
        for (int n = 0; n < 20_000; n++) {
            String s = randomText(random);
            assertThat(Utf8.length(s)).as("length of %s", s.chars().mapToObj(Integer::toHexString).toList())
                    .isEqualTo(strictLength(s));
        }
        assertThat(Utf8.length("")).isZero();
        assertThat(Utf8.length("a\u00e9\u20ac\ud83d\ude00")).isEqualTo(1 + 2 + 3 + 4);
        assertThat(Utf8.length("\ud800")).isEqualTo(-1);
    }

    @Test
    void anItemAttributeIsMeasuredAsGetBytesWritesIt() {
        Random random = new Random(7);
        for (int n = 0; n < 20_000; n++) {
            String s = randomText(random);
            assertThat(AttributeValue.utf8Length(s)).as("item length of %s", s.chars().mapToObj(Integer::toHexString).toList())
                    .isEqualTo(s.getBytes(StandardCharsets.UTF_8).length);
        }
    }

    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            text.append(CHARACTERS[random.nextInt(CHARACTERS.length)]);
        }
        return text.toString();
    }

    /** The reference: the JDK's encoder, refusing unpaired surrogates. */
    private static long strictLength(String s) {
        try {
            return StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(s)).remaining();
        } catch (CharacterCodingException e) {
            return -1;
        }
    }
}
