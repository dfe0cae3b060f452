package dev.faasguard.agent.hook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.example.snapshot.AppCall;
import dev.faasguard.agent.finding.FindingRecorder;
import dev.faasguard.agent.finding.FindingStore;
import dev.faasguard.agent.finding.IgnoreList;
import dev.faasguard.agent.rule.SwallowedExceptionRule;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The catch-block hook's sink: a dropped exception during an invocation is one finding per catch site, counted. */
class DroppedExceptionsTest {

    private final FindingStore store = new FindingStore();
    private String invocation = "request-1";
    private final DroppedExceptions sink = new DroppedExceptions(new SwallowedExceptionRule(),
            new FindingRecorder(store, IgnoreList.NONE, () -> invocation));

    /** An exception the JDK throws under a line of the application, as {@code Integer.parseInt} does. */
    private static NumberFormatException parseFailure() {
        NumberFormatException[] caught = new NumberFormatException[1];
        AppCall.run(() -> caught[0] = assertThrows(NumberFormatException.class, () -> Integer.parseInt("twelve")));
        return caught[0];
    }

    @Test
    void eachCatchSiteIsOneFindingCountedAtEveryDropWithTheLineThatThrew() {
        NumberFormatException first = parseFailure();
        for (int i = 0; i < 3; i++) {
            sink.exceptionDropped(i == 0 ? first : parseFailure(), "com.example.Fn", "handle", "Fn.java", 42);
        }
        sink.exceptionDropped(new IllegalStateException("other"), "com.example.Fn", "handle", "Fn.java", 50);

        List<FindingStore.Counted> findings = store.snapshot();
        assertEquals(2, findings.size());
        FindingStore.Counted parse = findings.stream().filter(f -> f.first().callSite().line() == 42).findFirst()
                .orElseThrow();
        assertEquals(3, parse.count());
        assertEquals("com.example.Fn.handle(Fn.java:42)", parse.first().callSite().frame());
        assertEquals(List.of("com.example.Fn.handle(Fn.java:42)"), parse.first().stack(), "no stack walked");
        Map<String, Object> detail = parse.first().detail();
        assertEquals("java.lang.NumberFormatException", detail.get("exceptionType"));
        assertEquals("For input string: \"twelve\"", detail.get("exceptionMessage"));
        assertEquals(first.getStackTrace()[0].toString().replace("java.base/", ""), detail.get("thrownBy"),
                "the JDK frame that threw");
        assertEquals(true, String.valueOf(detail.get("thrownAt")).startsWith("com.example.snapshot.AppCall.run("),
                "the application's line under it: " + detail);
        assertEquals("request-1", parse.first().invocation());
    }

    @Test
    void nothingIsRecordedForAThreadThatWorksForNoInvocation() {
        invocation = null;
        sink.exceptionDropped(parseFailure(), "com.example.Fn", "handle", "Fn.java", 42);
        assertEquals(List.of(), store.snapshot());
    }
}
