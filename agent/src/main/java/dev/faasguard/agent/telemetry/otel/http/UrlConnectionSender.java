package dev.faasguard.agent.telemetry.otel.http;

import dev.faasguard.agent.support.AgentThreads;
import io.opentelemetry.exporter.internal.RetryUtil;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.HttpResponse;
import io.opentelemetry.sdk.common.export.HttpSender;
import io.opentelemetry.sdk.common.export.HttpSenderConfig;
import io.opentelemetry.sdk.common.export.MessageWriter;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javax.net.ssl.SSLException;

/**
 * Sends OTLP/HTTP requests with the JDK's {@code HttpURLConnection}, one at a time on an agent thread (so
 * that the agent's own rules never see them), with the exporter's retry policy. The exporter's timeout
 * bounds a request and its retries together. A pooled keep-alive connection the collector has closed in
 * the meantime (Lambda freezes the process between invocations) is retried once on a new one, as OkHttp
 * does: the JDK does not retry a streamed POST by itself.
 */
final class UrlConnectionSender implements HttpSender {

    /** What stands for "no limit": the exporter passes the longest Duration there is for a timeout of 0. */
    private static final long NO_LIMIT_NANOS = TimeUnit.DAYS.toNanos(36_500);

    private final OtlpPost post;
    private final long timeoutNanos;
    private final RetryPolicy retryPolicy;
    private final ExecutorService executor;
    private final ThreadPoolExecutor ownExecutor;

    UrlConnectionSender(HttpSenderConfig config) {
        this.post = new OtlpPost(config);
        this.timeoutNanos = Math.min(config.getTimeout().toNanos(), NO_LIMIT_NANOS);
        this.retryPolicy = config.getRetryPolicy();
        if (config.getExecutorService() != null) {
            this.executor = config.getExecutorService();
            this.ownExecutor = null;
        } else {
            this.ownExecutor = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                    new AgentThreads("faasguard-otlp-http"));
            this.ownExecutor.allowCoreThreadTimeOut(true);
            this.executor = ownExecutor;
        }
    }

    @Override
    public void send(MessageWriter message, Consumer<HttpResponse> onResponse, Consumer<Throwable> onError) {
        try {
            executor.execute(() -> deliver(message, onResponse, onError));
        } catch (RejectedExecutionException e) {
            onError.accept(e);
        }
    }

    @Override
    public CompletableResultCode shutdown() {
        if (ownExecutor != null) {
            ownExecutor.shutdown();
        }
        return CompletableResultCode.ofSuccess();
    }

    private void deliver(MessageWriter message, Consumer<HttpResponse> onResponse, Consumer<Throwable> onError) {
        long deadline = System.nanoTime() + timeoutNanos;
        Backoff backoff = retryPolicy == null ? null : new Backoff(retryPolicy);
        boolean staleConnectionRetried = false;
        // The retry policy's attempts: the one immediate retry on a new connection is not one of them.
        int attempt = 1;
        while (true) {
            OtlpPost.Answer answer;
            try {
                answer = post.send(message, deadline);
            } catch (IOException e) {
                if (!staleConnectionRetried && OtlpPost.mayBeStaleConnection(e) && System.nanoTime() < deadline) {
                    staleConnectionRetried = true;
                    continue;
                }
                if (retryable(e) && backoff != null && backoff.waitBeforeAttempt(++attempt, -1, deadline)) {
                    continue;
                }
                onError.accept(e);
                return;
            } catch (RuntimeException e) {
                onError.accept(e);
                return;
            }
            if (RetryUtil.retryableHttpResponseCodes().contains(answer.getStatusCode()) && backoff != null
                    && backoff.waitBeforeAttempt(++attempt, answer.retryAfterNanos(), deadline)) {
                continue;
            }
            onResponse.accept(answer);
            return;
        }
    }

    private boolean retryable(IOException e) {
        Predicate<IOException> predicate = retryPolicy == null ? null : retryPolicy.getRetryExceptionPredicate();
        if (predicate != null) {
            return predicate.test(e);
        }
        return !(e instanceof SSLException) && !(e instanceof OtlpPost.UnusableAnswerException);
    }
}
