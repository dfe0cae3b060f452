package com.example.field.clients;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.util.Map;

/**
 * SINNER: keeps an order's report as {@code summary.json} and {@code details.json} in the working directory, the
 * way it did on a server. On Lambda the working directory is the read-only task root: each write fails with
 * "Read-only file system" on every invocation, and the function carries on without its report. The twin is
 * {@link ReportFixedHandler}.
 */
public class ReportHandler implements RequestHandler<Map<String, Object>, String> {

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        Orders.Order order = Orders.order(event);
        Orders.Summary summary = Orders.summary(order);
        ObjectNode answer = Orders.MAPPER.createObjectNode();
        answer.put("orderId", summary.orderId());
        answer.put("total", summary.total());
        answer.put("summary", writeSummary(summary, context));
        answer.put("details", writeDetails(Orders.details(order), context));
        return answer.toString();
    }

    private static String writeSummary(Orders.Summary summary, Context context) {
        try {
            Orders.MAPPER.writeValue(new File("summary.json"), summary); // field: summary-write
            return "kept";
        } catch (IOException e) {
            context.getLogger().log("could not keep the summary: " + e.getMessage() + "\n");
            return "not kept: " + e.getMessage();
        }
    }

    private static String writeDetails(Orders.Details details, Context context) {
        try {
            Orders.MAPPER.writerWithDefaultPrettyPrinter().writeValue(new File("details.json"), details); // field: details-write
            return "kept";
        } catch (IOException e) {
            context.getLogger().log("could not keep the details: " + e.getMessage() + "\n");
            return "not kept: " + e.getMessage();
        }
    }
}
