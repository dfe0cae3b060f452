package com.example.field.clients;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * SINNER: looks up stock through an OkHttp client whose connect and read timeouts are explicitly disabled
 * (0 means "no timeout" to OkHttp), say by someone who hit a slow upstream once. The twin is
 * {@link OkHttpStockFixedHandler}.
 */
public class OkHttpStockHandler implements RequestHandler<Map<String, Object>, String> {

    private static final OkHttpClient CLIENT = new OkHttpClient.Builder()
            .connectTimeout(0, TimeUnit.SECONDS)
            .readTimeout(0, TimeUnit.SECONDS)
            .build();

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        Request request = new Request.Builder().url(Stock.itemUrl(event)).header("Accept", "application/json").build();
        try (Response response = CLIENT.newCall(request).execute()) { // field: okhttp-execute
            return Stock.answer(response.code(), Stock.MAPPER.readTree(response.body().byteStream()), "okhttp");
        } catch (IOException e) {
            throw new UncheckedIOException("stock lookup failed", e);
        }
    }
}
