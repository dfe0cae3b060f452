package com.example.handlers;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * Handlers the runtime cannot call: {@code summarize} takes four arguments, and {@code render} is an instance method
 * of a class with no constructor without arguments.
 */
public class ReportHandler {

    private final String template;

    public ReportHandler(String template) {
        this.template = template;
    }

    public static String summarize(String day, String month, String year, String format) {
        return day + month + year + format;
    }

    public void render(InputStream in, OutputStream out) {
        // A stream handler's shape, on a class the runtime cannot make.
    }
}
