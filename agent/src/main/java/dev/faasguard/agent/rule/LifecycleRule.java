package dev.faasguard.agent.rule;

import java.util.LinkedHashMap;
import java.util.Map;

/** A rule about the invocation's life rather than one call: its facts come from the invocation monitor. */
abstract class LifecycleRule extends DescribedRule {

    LifecycleRule(String id, Severity severity, String summary, String fix) {
        super(id, severity, summary, fix);
    }

    /** An exception's type and message, as every lifecycle rule reports it. */
    static Map<String, Object> exceptionDetail(Throwable error) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("exceptionType", error.getClass().getName());
        String message = error.getMessage();
        detail.put("exceptionMessage", message == null ? null : message.length() > 500 ? message.substring(0, 500) + "..." : message);
        return detail;
    }

    static String describe(Throwable error) {
        return error.getMessage() == null ? error.getClass().getName() : error.getClass().getName() + ": " + error.getMessage();
    }
}
