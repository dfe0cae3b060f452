package com.example.field.tmpcache;

import dev.faasguard.field.FieldBenchmark;
import dev.faasguard.field.FieldRun;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * What the agent costs a warm invocation as /tmp fills: the same small handler ({@link CacheHandler}: read a cached
 * file, work through a scratch file, delete it) with nothing cached, with 5,000 and 50,000 cached files, and with one
 * 1 GiB file, {@link FieldBenchmark#compare} on each JDK, one cold start (which fills the cache) and thirty warm
 * invocations per environment. Not part of {@code mvn verify}; skipped unless {@code -Dfield.bench=true}; run by
 * {@code MODULES=tmp-cache-function bench/field-suite.sh}.
 */
class TmpCacheBenchmark {

    private static final String MODULE = "tmp-cache-function";
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final List<String> EVENTS = Collections.nCopies(31, "{\"mode\":\"work\"}");

    private record Cache(String label, String files, String bigMib, String tmpSize) {}

    private static final List<Cache> CACHES = List.of(
            new Cache("empty /tmp", "0", "0", "128m"),
            new Cache("5,000 files", "5000", "0", "256m"),
            new Cache("50,000 files", "50000", "0", "512m"),
            new Cache("one 1 GiB file", "0", "1024", "1200m"));

    @Test
    void agentCostAsTmpFills() throws IOException {
        Assumptions.assumeTrue(FieldBenchmark.enabled(),
                "a benchmark, run by bench/field-suite.sh: set -Dfield.bench=true to run it");
        int runs = FieldBenchmark.runs();
        for (Cache cache : CACHES) {
            FieldRun.Function function = FieldRun.Function.of(CacheHandler.class.getName() + "::handleRequest", TIMEOUT)
                    .memory(1024).tmp(cache.tmpSize()).env("CACHE_FILES", cache.files())
                    .env("CACHE_BIG_MIB", cache.bigMib());
            for (Path jdk : FieldRun.jdks().toList()) {
                FieldBenchmark.measure(MODULE + ": " + cache.label(), jdk, function, EVENTS, runs);
            }
        }
    }
}
