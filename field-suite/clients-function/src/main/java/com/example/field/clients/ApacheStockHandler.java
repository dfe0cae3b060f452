package com.example.field.clients;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;

/**
 * SINNER: looks up stock through Apache HttpClient 4.5 built with {@code HttpClients.createDefault()}, which sets
 * no connect timeout and no socket (read) timeout: a stock service that accepts but never answers hangs the
 * invocation until Lambda kills it. The twin is {@link ApacheStockFixedHandler}.
 */
public class ApacheStockHandler implements RequestHandler<Map<String, Object>, String> {

    /** Built once per execution environment and reused by every invocation, as Lambda's best practices say. */
    private static final CloseableHttpClient CLIENT = HttpClients.createDefault();

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        HttpGet get = new HttpGet(Stock.itemUrl(event));
        get.setHeader("Accept", "application/json");
        try (CloseableHttpResponse response = CLIENT.execute(get)) { // field: apache-execute
            return Stock.answer(response.getStatusLine().getStatusCode(),
                    Stock.MAPPER.readTree(response.getEntity().getContent()), "apache-httpclient");
        } catch (IOException e) {
            throw new UncheckedIOException("stock lookup failed", e);
        }
    }
}
