package com.example.field.clients;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * TWIN of {@link ReportHandler}: the summary is written under {@code /tmp} (the only writable directory on Lambda)
 * and deleted before the invocation returns, so warm invocations don't fill {@code /tmp}; the details are written
 * by Jackson to a stream, never to a file. The answer says how many bytes each took.
 */
public class ReportFixedHandler implements RequestHandler<Map<String, Object>, String> {

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        Orders.Order order = Orders.order(event);
        Orders.Summary summary = Orders.summary(order);
        ObjectNode answer = Orders.MAPPER.createObjectNode();
        answer.put("orderId", summary.orderId());
        answer.put("total", summary.total());
        try {
            answer.put("summaryBytes", writeSummary(summary));
            answer.put("detailsBytes", writeDetails(Orders.details(order)));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the report", e);
        }
        return answer.toString();
    }

    private static long writeSummary(Orders.Summary summary) throws IOException {
        Path file = Files.createTempFile(Path.of(System.getProperty("java.io.tmpdir")), "summary-", ".json");
        try {
            Orders.MAPPER.writeValue(file.toFile(), summary); // field: summary-fixed-write
            return Files.size(file);
        } finally {
            Files.delete(file);
        }
    }

    private static int writeDetails(Orders.Details details) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Orders.MAPPER.writerWithDefaultPrettyPrinter().writeValue(out, details); // field: details-fixed-write
        return out.size();
    }
}
