package com.example.swallowed;

/** A function a host calls once per event. */
public interface QuoteFunction {
    String handle(String product);
}
