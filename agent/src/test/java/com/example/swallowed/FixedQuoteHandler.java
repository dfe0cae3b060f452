package com.example.swallowed;

import com.fasterxml.jackson.core.io.NumberInput;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The corrected twin: the same generic answer, with the exception logged with its stack (SLF4J on Logback). It
 * also calls the JDK and a library that catch and drop exceptions of their own, which are theirs to drop.
 */
public final class FixedQuoteHandler implements QuoteFunction {

    private static final Logger LOG = LoggerFactory.getLogger(FixedQuoteHandler.class);

    private final PriceCatalog catalog = new PriceCatalog();

    @Override
    public String handle(String product) {
        boolean cached = Files.exists(Path.of("/tmp", "no-such-quote-cache", product)); // NoSuchFileException inside
        int quantity = NumberInput.parseAsInt("many", 1); // NumberFormatException inside Jackson
        try {
            return "{\"cents\":" + catalog.centsOf(product) * quantity + ",\"cached\":" + cached + "}";
        } catch (RuntimeException e) {
            LOG.warn("no quote for {}", product, e);
            return "{\"error\":\"please try again later\"}";
        }
    }
}
