package dev.faasguard.agent.telemetry.otel;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The SDK and OkHttp log through java.util.logging, which prints to the application's stderr. Their
 * loggers (under the agent's relocated package names) are turned off: {@link ExportFailures} reports
 * what matters, once. The loggers are held here because java.util.logging keeps only weak references.
 */
final class SdkLogging {

    private static final Logger[] SILENCED = new Logger[2];
    private static final String OKHTTP_CLIENT = "okhttp3.OkHttpClient";

    private SdkLogging() {}

    static synchronized void silence() {
        SILENCED[0] = off(packageOf(io.opentelemetry.sdk.OpenTelemetrySdk.class, 1));
        // OkHttp is only on the runtime class path: its logger is named by a literal the build relocates too.
        SILENCED[1] = off(OKHTTP_CLIENT.substring(0, OKHTTP_CLIENT.lastIndexOf('.')));
    }

    private static Logger off(String name) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(Level.OFF);
        logger.setUseParentHandlers(false);
        return logger;
    }

    /** A class's package, less {@code up} trailing segments: the relocated root, whatever the relocation. */
    private static String packageOf(Class<?> type, int up) {
        String name = type.getPackageName();
        for (int i = 0; i < up; i++) {
            name = name.substring(0, name.lastIndexOf('.'));
        }
        return name;
    }
}
