package dev.faasguard.lambdasim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Drains one output stream of the function process, so each invocation can take what was written during it. */
final class OutputCapture {
    /** A pump blocked this long in read() has nothing left in the pipe: data wakes it within microseconds. */
    private static final long QUIET_NANOS = 5_000_000L;

    private final InputStream in;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private volatile long readingSinceNanos = System.nanoTime();
    private volatile boolean reading;
    private volatile boolean ended;

    OutputCapture(InputStream in, String name) {
        this.in = in;
        Thread pump = new Thread(this::pump, "lambda-sim-" + name);
        pump.setDaemon(true);
        pump.start();
    }

    private void pump() {
        byte[] chunk = new byte[8192];
        try {
            while (true) {
                readingSinceNanos = System.nanoTime();
                reading = true;
                int n = in.read(chunk);
                reading = false;
                if (n < 0) {
                    break;
                }
                synchronized (buffer) {
                    buffer.write(chunk, 0, n);
                }
            }
        } catch (IOException e) {
            // the process is gone
        } finally {
            reading = false;
            ended = true;
        }
    }

    /** How many bytes were captured so far: a mark for {@link #since}. */
    int mark() {
        synchronized (buffer) {
            return buffer.size();
        }
    }

    /** The text captured after {@code mark}. */
    String since(int mark) {
        byte[] all;
        synchronized (buffer) {
            all = buffer.toByteArray();
        }
        return new String(Arrays.copyOfRange(all, Math.min(mark, all.length), all.length), StandardCharsets.UTF_8);
    }

    /**
     * Waits briefly until what the process wrote so far is in the buffer (the pump has waited in read() for a few
     * milliseconds, or the stream ended), so output written before the runtime's answer belongs to its invocation.
     */
    void settle(boolean processDead) {
        long until = System.nanoTime() + (processDead ? 2_000_000_000L : 250_000_000L);
        while (System.nanoTime() < until && !ended) {
            if (!processDead && reading && System.nanoTime() - readingSinceNanos >= QUIET_NANOS) {
                return;
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
