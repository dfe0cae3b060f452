package dev.faasguard.agent.rule;

/**
 * Package prefixes of libraries the agent bundles too (OkHttp, Okio, Kotlin, OpenTelemetry, ByteBuddy, SLF4J).
 * The shade plugin relocates every string constant that starts with a relocated package, so a plain
 * {@code "okhttp3."} in the agent's code would become {@code "dev.faasguard.shaded.okhttp3."} in the jar and never
 * match the application's own OkHttp. The name is put together at run time from pieces none of which starts with
 * a relocated package.
 */
public final class PackageNames {

    private PackageNames() {}

    /** {@code unrelocated("ok", "http3")} is {@code "okhttp3."}, whatever the shade plugin does to constants. */
    public static String unrelocated(String... pieces) {
        return String.join("", pieces) + ".";
    }
}
