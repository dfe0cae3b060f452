package dev.faasguard.agent.telemetry;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The semantic conventions' {@code faas.trigger} of an event, told by the fields each AWS event source
 * puts in it: {@code http}, {@code pubsub}, {@code datasource}, {@code timer} or {@code other}.
 */
public final class Trigger {

    private static final int SEARCHED_BYTES = 16 * 1024;
    private static final Pattern HTTP = Pattern.compile(
            "\"(httpMethod|routeKey)\"\\s*:|\"requestContext\"\\s*:\\s*\\{[^}]*\"(http|elb)\"\\s*:");
    private static final Pattern PUBSUB = Pattern.compile(
            "\"(eventSource|EventSource)\"\\s*:\\s*\"(aws:sqs|aws:sns|aws:kinesis|aws:kafka|SelfManagedKafka|aws:mq)\"");
    private static final Pattern DATASOURCE = Pattern.compile("\"eventSource\"\\s*:\\s*\"(aws:s3|aws:dynamodb)\"");
    private static final Pattern TIMER = Pattern.compile("\"detail-type\"\\s*:\\s*\"Scheduled Event\"");

    private Trigger() {}

    public static String of(byte[] event) {
        if (event == null || event.length == 0) {
            return "other";
        }
        String text = new String(event, 0, Math.min(event.length, SEARCHED_BYTES), StandardCharsets.ISO_8859_1);
        if (HTTP.matcher(text).find()) {
            return "http";
        }
        if (PUBSUB.matcher(text).find()) {
            return "pubsub";
        }
        if (DATASOURCE.matcher(text).find()) {
            return "datasource";
        }
        return TIMER.matcher(text).find() ? "timer" : "other";
    }
}
