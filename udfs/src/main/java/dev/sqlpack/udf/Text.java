package dev.sqlpack.udf;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.BreakIterator;
import java.util.Locale;

/**
 * Text as characters, not UTF-16 units: what the string functions cut, they cut between whole
 * characters, so their output is always well-formed (no half of a surrogate pair, no combining
 * mark torn from its base).
 */
public final class Text {
    private Text() {}

    /**
     * The first user-perceived character of a non-empty string: its first code point with the
     * combining marks that follow it (JDK 17's character break rules; an emoji sequence joined
     * with ZWJ may be cut after its first emoji, which is still well-formed).
     */
    public static String firstCharacter(String s) {
        BreakIterator it = BreakIterator.getCharacterInstance(Locale.ROOT);
        it.setText(s);
        int end = it.next();
        return s.substring(0, end == BreakIterator.DONE ? s.length() : end);
    }

    /** True unless the string holds half of a surrogate pair. */
    public static boolean isWellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** Bytes as UTF-8, refusing malformed sequences (encoded surrogates, truncated characters). */
    public static String decodeUtf8Strictly(byte[] bytes, int length) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes, 0, length))
                .toString();
    }
}
