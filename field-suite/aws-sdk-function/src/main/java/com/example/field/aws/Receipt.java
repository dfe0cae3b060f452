package com.example.field.aws;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A till receipt as the shop's tills upload it to S3: one line per article, {@code sku,quantity,unitPriceCents},
 * {@code #} starting a comment. What the function keeps of it is one DynamoDB item per order.
 */
record Receipt(String orderId, int lines, int articles, long totalCents) {

    /** Reads the receipt stored at {@code key}: the order id is the key's file name without its extension. */
    static Receipt parse(String key, byte[] content) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        String orderId = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
        int lines = 0;
        int articles = 0;
        long total = 0;
        for (String line : new String(content, StandardCharsets.UTF_8).split("\n")) {
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split(",");
            if (fields.length != 3) {
                throw new IllegalArgumentException("not a receipt line in " + key + ": " + line);
            }
            int quantity = Integer.parseInt(fields[1].strip());
            lines++;
            articles += quantity;
            total += quantity * Long.parseLong(fields[2].strip());
        }
        return new Receipt(orderId, lines, articles, total);
    }

    /** The order's DynamoDB item: partition key {@code orderId}, where the receipt came from, its totals. */
    Map<String, AttributeValue> item(String bucket, String key) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("orderId", AttributeValue.fromS(orderId));
        item.put("source", AttributeValue.fromS("s3://" + bucket + "/" + key));
        item.put("lines", AttributeValue.fromN(Integer.toString(lines)));
        item.put("articles", AttributeValue.fromN(Integer.toString(articles)));
        item.put("totalCents", AttributeValue.fromN(Long.toString(totalCents)));
        return item;
    }

    /** The function's answer: the same for the same receipt, whichever invocation stores it. */
    String summary(String table) {
        return String.format("%s: %d lines, %d articles, %d.%02d EUR stored in %s", orderId, lines, articles,
                totalCents / 100, totalCents % 100, table);
    }
}
