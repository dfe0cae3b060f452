package com.example.field.storage;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * PLANTED MISTAKE: {@link PricesFunction} with its SQLite file next to the code ({@code jdbc:sqlite:prices.db}, as in
 * sqlite-jdbc's usage example, relative to the working directory: on Lambda the read-only task root). SQLite opens
 * and writes the file from native code, so no Java file API sees it; the open fails and every invocation answers
 * 503.
 */
public class PricesTaskRootFunction implements RequestStreamHandler {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SQLiteDataSource PRICES_DB = pricesDb();

    private static SQLiteDataSource pricesDb() {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(2_000);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:prices.db");
        return dataSource;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        PriceQuote quote = JSON.readValue(input, PriceQuote.class);
        Object answer;
        try (Connection db = PRICES_DB.getConnection()) { // field: sqlite-file
            answer = PriceRepository.record(db, quote);
        } catch (SQLException e) {
            context.getLogger().log("price cache unavailable: " + e);
            answer = ErrorBody.unavailable("price cache", e);
        }
        JSON.writeValue(output, answer);
    }
}
