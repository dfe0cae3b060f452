package com.example.documents;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/**
 * The document splitter deployed without its setting: the bucket is read in a static initializer, which throws when
 * {@code DOCUMENTS_BUCKET} is not set, so the handler's class cannot be initialized and the function cannot start.
 * {@link FixedDocumentSplitHandler} reads nothing at class initialization.
 */
public class MisconfiguredSplitHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private static final String BUCKET = required("DOCUMENTS_BUCKET");

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return Map.of("bucket", BUCKET);
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null) {
            throw new IllegalStateException(name + " is not set"); // demo: static-init
        }
        return value;
    }
}
