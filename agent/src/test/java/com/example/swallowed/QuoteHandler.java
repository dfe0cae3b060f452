package com.example.swallowed;

/**
 * The field report's sinner: the exception from two calls down is caught and turned into a generic answer; its
 * message and stack trace go nowhere.
 */
public final class QuoteHandler implements QuoteFunction {

    private final PriceCatalog catalog = new PriceCatalog();
    private final int marginPercent;

    public QuoteHandler() {
        int margin;
        try {
            margin = Integer.parseInt(System.getProperty("quote.margin", "default"));
        } catch (NumberFormatException e) { // @line init
            margin = 10; // Dropped at init, before any invocation: not this rule's business.
        }
        marginPercent = margin;
    }

    @Override
    public String handle(String product) {
        try {
            return "{\"cents\":" + catalog.centsOf(product) * (100 + marginPercent) / 100 + "}";
        } catch (RuntimeException e) { // @line swallowed
            return "{\"error\":\"please try again later\"}";
        }
    }
}
