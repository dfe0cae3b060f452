package dev.faasguard.agent.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class LogTextTest {

    @Test
    void controlCharactersBecomeVisibleEscapesSoDataCannotStartALine() {
        assertEquals("/var/out/evil\\nINJECTED-LINE\\u001b[31m.txt",
                LogText.escape("/var/out/evil\nINJECTED-LINE\u001b[31m.txt"));
        assertEquals("a\\r\\nb\\tc\\u0000d\\u007fe\\u009bf", LogText.escape("a\r\nb\tc\u0000d\u007fe\u009bf"));
        assertEquals("line\\u2028separator\\u2029paragraph", LogText.escape("line\u2028separator\u2029paragraph"));
    }

    @Test
    void bidirectionalOverridesAndLoneSurrogatesAreEscapedToo() {
        assertEquals("invoice\\u202egpj.exe", LogText.escape("invoice\u202egpj.exe"));
        assertEquals("lone-\\ud800-high, lone-\\udc00-low", LogText.escape("lone-\ud800-high, lone-\udc00-low"));
        assertEquals("pair-\ud83d\ude00-kept", LogText.escape("pair-\ud83d\ude00-kept"));
    }

    @Test
    void ordinaryTextIsReturnedAsItIs() {
        String text = "/tmp/données/été.json and a \\ backslash";
        assertSame(text, LogText.escape(text));
        assertEquals("null", LogText.escape(null));
    }
}
