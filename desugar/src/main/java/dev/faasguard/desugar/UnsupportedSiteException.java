package dev.faasguard.desugar;

/** A call site the tool does not turn into a class: it stays an invokedynamic, linked by the JVM as before. */
final class UnsupportedSiteException extends RuntimeException {

    UnsupportedSiteException(String reason) {
        super(reason);
    }
}
