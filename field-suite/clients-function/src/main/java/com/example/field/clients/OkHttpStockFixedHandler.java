package com.example.field.clients;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * TWIN of {@link OkHttpStockHandler}: one shared {@code new OkHttpClient()} as OkHttp's documentation recommends,
 * with its default timeouts (10 s to connect, read and write), below the function's 15 s timeout.
 */
public class OkHttpStockFixedHandler implements RequestHandler<Map<String, Object>, String> {

    private static final OkHttpClient CLIENT = new OkHttpClient();

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        Request request = new Request.Builder().url(Stock.itemUrl(event)).header("Accept", "application/json").build();
        try (Response response = CLIENT.newCall(request).execute()) { // field: okhttp-fixed-execute
            return Stock.answer(response.code(), Stock.MAPPER.readTree(response.body().byteStream()), "okhttp");
        } catch (IOException e) {
            throw new UncheckedIOException("stock lookup failed", e);
        }
    }
}
