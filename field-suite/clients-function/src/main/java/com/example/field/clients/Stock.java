package com.example.field.clients;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * What the stock-lookup functions share: where the stock service is, and the answer they give.
 *
 * <p>The event is {@code {"sku": "A-100"}}; the function asks the stock service {@code GET <STOCK_SERVICE_URL>/stock/A-100}
 * (JSON: {@code sku}, {@code available}, {@code warehouse}) and answers {@code {"sku","available","inStock","client"}}.
 */
final class Stock {

    /** One mapper per function, built once at init as Jackson recommends (thread-safe, expensive to create). */
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Stock() {}

    /** The stock service's base URL, from the function's configuration. */
    static String serviceUrl() {
        String url = System.getenv("STOCK_SERVICE_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("STOCK_SERVICE_URL is not set");
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    static String itemUrl(Map<String, Object> event) {
        Object sku = event.get("sku");
        if (!(sku instanceof String text) || !text.matches("[A-Za-z0-9-]{1,32}")) {
            throw new IllegalArgumentException("the event has no valid 'sku': " + sku);
        }
        return serviceUrl() + "/stock/" + text;
    }

    /** The function's answer for the stock service's {@code item}. */
    static String answer(int status, JsonNode item, String client) throws java.io.IOException {
        if (status != 200) {
            throw new IllegalStateException("stock service answered " + status);
        }
        ObjectNode answer = MAPPER.createObjectNode();
        answer.put("sku", item.path("sku").asText());
        int available = item.path("available").asInt();
        answer.put("available", available);
        answer.put("inStock", available > 0);
        answer.put("client", client);
        return MAPPER.writeValueAsString(answer);
    }
}
