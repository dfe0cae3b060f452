package com.example.swallowed;

/**
 * Calls a quote function once per argument after the first, as a function host would (the agent is told the handler
 * with {@code faasguard.handler}); the first argument picks the function: {@code broken} or {@code fixed}.
 */
public final class QuoteHost {

    public static void main(String[] arguments) {
        QuoteFunction function = arguments[0].equals("fixed") ? new FixedQuoteHandler() : new QuoteHandler();
        for (int i = 1; i < arguments.length; i++) {
            System.out.println(arguments[i] + " -> " + function.handle(arguments[i]));
        }
    }

    private QuoteHost() {}
}
