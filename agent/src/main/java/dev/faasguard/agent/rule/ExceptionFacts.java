package dev.faasguard.agent.rule;

import java.util.LinkedHashMap;
import java.util.Map;

/** An exception as the rules about exceptions report it. */
final class ExceptionFacts {

    private static final int MAX_MESSAGE = 500;

    private ExceptionFacts() {}

    /** Its type and message (cut at 500 characters), as the first details of a finding. */
    static Map<String, Object> detail(Throwable error) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("exceptionType", error.getClass().getName());
        String message = error.getMessage();
        detail.put("exceptionMessage", message == null ? null
                : message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) + "..." : message);
        return detail;
    }

    static String describe(Throwable error) {
        return error.getMessage() == null ? error.getClass().getName() : error.getClass().getName() + ": " + error.getMessage();
    }
}
