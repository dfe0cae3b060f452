package dev.faasguard.agent.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** faas.trigger from the shapes of the events AWS services deliver. */
class TriggerTest {

    @Test
    void apiGatewayFunctionUrlsAndLoadBalancersAreHttp() {
        assertEquals("http", of("{\"resource\":\"/\",\"path\":\"/\",\"httpMethod\":\"GET\",\"headers\":{}}"));
        assertEquals("http", of("{\"version\":\"2.0\",\"routeKey\":\"$default\",\"rawPath\":\"/\"}"));
        assertEquals("http", of("{\"requestContext\":{\"elb\":{\"targetGroupArn\":\"arn\"}},\"path\":\"/\"}"));
    }

    @Test
    void queuesTopicsAndStreamsArePubsub() {
        assertEquals("pubsub", of("{\"Records\":[{\"messageId\":\"1\",\"eventSource\":\"aws:sqs\"}]}"));
        assertEquals("pubsub", of("{\"Records\":[{\"EventSource\":\"aws:sns\",\"Sns\":{}}]}"));
        assertEquals("pubsub", of("{\"Records\":[{\"eventSource\": \"aws:kinesis\"}]}"));
    }

    @Test
    void storageEventsAreDatasourceAndSchedulesAreTimer() {
        assertEquals("datasource", of("{\"Records\":[{\"eventSource\":\"aws:s3\",\"s3\":{}}]}"));
        assertEquals("datasource", of("{\"Records\":[{\"eventSource\":\"aws:dynamodb\"}]}"));
        assertEquals("timer", of("{\"source\":\"aws.events\",\"detail-type\":\"Scheduled Event\"}"));
    }

    @Test
    void anythingElseIsOther() {
        assertEquals("other", of("{\"period\":\"daily\"}"));
        assertEquals("other", of(""));
        assertEquals("other", Trigger.of(null));
    }

    private static String of(String event) {
        return Trigger.of(event.getBytes(StandardCharsets.UTF_8));
    }
}
