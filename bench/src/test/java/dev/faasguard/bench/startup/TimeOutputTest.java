package dev.faasguard.bench.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TimeOutputTest {

    @Test
    void parsesElapsedSecondsMaxRssAndCpuTime() {
        TimeOutput t = TimeOutput.parse("0.16 51232 0.20 0.05\n").orElseThrow();
        assertEquals(0.16, t.elapsedSeconds(), 1e-9);
        assertEquals(51232L, t.maxRssKib());
        assertEquals(50.03125, t.maxRssMib(), 1e-9);
        assertEquals(0.25, t.cpuSeconds(), 1e-9);
    }

    @Test
    void acceptsWholeSecondsAndSurroundingBlanks() {
        TimeOutput t = TimeOutput.parse("  12 1024 3 0  ").orElseThrow();
        assertEquals(12.0, t.elapsedSeconds(), 1e-9);
        assertEquals(1024L, t.maxRssKib());
    }

    @Test
    void skipsGnuTimesStatusLineAndTakesTheLastMatchingLine() {
        String text = "Command exited with non-zero status 1\n1.02 40000 0.90 0.10\n";
        assertEquals(40000L, TimeOutput.parse(text).orElseThrow().maxRssKib());
        List<String> mixed = List.of("Hello, world", "0.01 100 0.01 0.00", "some noise", "0.20 52000 0.30 0.04", "");
        assertEquals(52000L, TimeOutput.parse(mixed).orElseThrow().maxRssKib());
    }

    @Test
    void rejectsWhatIsNotTimesOutput() {
        assertTrue(TimeOutput.parse("").isEmpty());
        assertTrue(TimeOutput.parse("Command terminated by signal 9").isEmpty());
        assertTrue(TimeOutput.parse("0.16").isEmpty());
        assertTrue(TimeOutput.parse("0.16 51232").isEmpty());
        assertTrue(TimeOutput.parse("0.16 51232 0.20").isEmpty());
        assertTrue(TimeOutput.parse("0.16 51232 0.20 0.05 7").isEmpty());
        assertTrue(TimeOutput.parse("abc 51232 0.20 0.05").isEmpty());
        assertTrue(TimeOutput.parse("0:00.16 51232 0.20 0.05").isEmpty());
    }
}
