package com.example.field.clients;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;

/**
 * TWIN of {@link ApacheStockHandler}: the same lookup with the client's default {@link RequestConfig} setting the
 * three timeouts HttpClient 4.5 documents (connect, socket, connection request), all well below the function's
 * timeout.
 */
public class ApacheStockFixedHandler implements RequestHandler<Map<String, Object>, String> {

    private static final RequestConfig TIMEOUTS = RequestConfig.custom()
            .setConnectTimeout(2_000)
            .setSocketTimeout(5_000)
            .setConnectionRequestTimeout(1_000)
            .build();

    private static final CloseableHttpClient CLIENT = HttpClients.custom()
            .setDefaultRequestConfig(TIMEOUTS)
            .build();

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        HttpGet get = new HttpGet(Stock.itemUrl(event));
        get.setHeader("Accept", "application/json");
        try (CloseableHttpResponse response = CLIENT.execute(get)) { // field: apache-fixed-execute
            return Stock.answer(response.getStatusLine().getStatusCode(),
                    Stock.MAPPER.readTree(response.getEntity().getContent()), "apache-httpclient");
        } catch (IOException e) {
            throw new UncheckedIOException("stock lookup failed", e);
        }
    }
}
