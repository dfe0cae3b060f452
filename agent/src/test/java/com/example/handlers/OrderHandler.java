package com.example.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** A handler the runtime can call: {@code com.example.handlers.OrderHandler::handleRequest}. */
public class OrderHandler implements RequestHandler<Map<String, Object>, String> {

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        return "ordered";
    }

    public String cancelOrder(Map<String, Object> event, Context context) {
        return "cancelled";
    }
}
