package dev.faasguard.agent.telemetry;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The trace an invocation arrives in: from Lambda's X-Ray trace header, or from a W3C
 * {@code traceparent} among the event's HTTP headers (API Gateway, function URLs, ALB).
 *
 * @param traceId 32 lower-case hex digits
 * @param spanId the caller's span, 16 lower-case hex digits
 * @param traceState the W3C tracestate that came with it, or null
 */
public record IncomingTrace(String traceId, String spanId, boolean sampled, String traceState) {

    private static final Pattern TRACEPARENT = header("traceparent");
    private static final Pattern TRACESTATE = header("tracestate");
    private static final Pattern W3C = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");
    /** Only the start of an event is searched: headers come early, and a large body is not worth scanning. */
    private static final int SEARCHED_BYTES = 64 * 1024;

    /**
     * {@code Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1}.
     *
     * @return null when the header is absent or has no parent
     */
    public static IncomingTrace fromXray(String header) {
        if (header == null) {
            return null;
        }
        String root = null;
        String parent = null;
        boolean sampled = false;
        for (String part : header.split(";")) {
            int equals = part.indexOf('=');
            if (equals < 0) {
                continue;
            }
            String key = part.substring(0, equals).trim();
            String value = part.substring(equals + 1).trim().toLowerCase(Locale.ROOT);
            if (key.equals("Root")) {
                root = value;
            } else if (key.equals("Parent")) {
                parent = value;
            } else if (key.equals("Sampled")) {
                sampled = value.equals("1");
            }
        }
        // An X-Ray trace id is "1-" + 8 hex digits of epoch seconds + "-" + 24 random hex digits.
        if (root == null || parent == null || !root.matches("1-[0-9a-f]{8}-[0-9a-f]{24}") || !parent.matches("[0-9a-f]{16}")) {
            return null;
        }
        return valid(root.substring(2, 10) + root.substring(11), parent, sampled, null);
    }

    /** @return the W3C trace context among the event's headers, or null */
    public static IncomingTrace fromEvent(byte[] event) {
        if (event == null) {
            return null;
        }
        String text = new String(event, 0, Math.min(event.length, SEARCHED_BYTES), java.nio.charset.StandardCharsets.ISO_8859_1);
        Matcher parent = TRACEPARENT.matcher(text);
        if (!parent.find()) {
            return null;
        }
        Matcher w3c = W3C.matcher(parent.group(1).trim().toLowerCase(Locale.ROOT));
        if (!w3c.matches()) {
            return null;
        }
        Matcher state = TRACESTATE.matcher(text);
        boolean sampled = (Integer.parseInt(w3c.group(3), 16) & 1) == 1;
        return valid(w3c.group(1), w3c.group(2), sampled, state.find() ? state.group(1) : null);
    }

    /** The {@code traceparent} header value this context is written as. */
    public String traceparent() {
        return "00-" + traceId + "-" + spanId + (sampled ? "-01" : "-00");
    }

    private static IncomingTrace valid(String traceId, String spanId, boolean sampled, String traceState) {
        if (traceId.chars().allMatch(c -> c == '0') || spanId.chars().allMatch(c -> c == '0')) {
            return null;
        }
        return new IncomingTrace(traceId, spanId, sampled, traceState);
    }

    private static Pattern header(String name) {
        return Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    }
}
