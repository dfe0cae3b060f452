package dev.faasguard.agent.invocation;

import dev.faasguard.agent.finding.StackCapture;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * /tmp across invocations: what each invocation leaves behind (and which line created it), how full /tmp is, and
 * how fast it grows, at a cost that does not depend on what /tmp holds.
 *
 * <p>During an invocation the hooks report each /tmp path about to change, and its state before. At the end, one
 * stat per such path tells which files the invocation created and left, and the file system's own usage figures
 * (one statfs) tell whether anything else grew /tmp: a subprocess, native code, an API no hook sees. Only then,
 * off the caller's path ({@link #settle}, after the response has gone back), is /tmp walked, and the files that
 * are new since the invocation started and were seen by no hook are what it left too. Where /tmp is not a file
 * system of its own its figures say nothing, so it is walked after every invocation, still off the caller's path.
 */
final class TmpWatch {

    /** Warm invocations the growth rate is averaged over. */
    private static final int RECENT = 10;
    /** File times come from a coarse kernel clock, which may lag the one the invocation's start was read from. */
    private static final long CLOCK_SLACK_MILLIS = 20;

    /** A file an invocation left; {@code writer} null when no hook saw it written. */
    record Leak(String path, long bytes, TmpChanges.Creator writer) {

        /** The line that wrote it (resolved now, the first time), or null when no hook saw it written. */
        StackCapture.Capture creator() {
            return writer == null ? null : writer.capture();
        }
    }

    private final Path tmp;
    private final List<Path> reports;
    private final long configuredCapacity;
    private final TmpChanges changes = new TmpChanges();
    private final Deque<Long> recentGrowth = new ArrayDeque<>();
    private TmpUsage usage;
    /** The files known to be in /tmp, or null until the first walk (or after too many additions). */
    private TmpIndex index;
    /** Bytes in /tmp as last counted, where the file system cannot tell them. */
    private long counted = -1;
    private long usageBefore = -1;
    private long usageAfter = -1;
    private long usageAfterFirst = -1;
    private long startedMillis;
    /** The invocation that ended and has not been settled: the moment it started, or -1. */
    private long unsettledSince = -1;
    private boolean walkNeeded;
    private long walks;

    /** @param reports the agent's own report files, never counted */
    TmpWatch(Path tmp, List<Path> reports, long configuredCapacity) {
        this.tmp = tmp;
        this.reports = reports;
        this.configuredCapacity = configuredCapacity;
    }

    /** At an invocation's start: one statfs (where /tmp has no figures, the first one walks it for a baseline). */
    synchronized void invocationStarting() {
        if (!usage().exact() && index == null) {
            TmpScan.Scan baseline = TmpScan.walk(tmp, reports, null, 0);
            walks++;
            index = baseline.index();
            counted = baseline.bytes();
        }
        changes.clear();
        startedMillis = System.currentTimeMillis();
        usageBefore = usage.exact() ? usage.usedBytes() : counted;
    }

    /** A hook is about to change this /tmp path. */
    void changing(String path, boolean removing) {
        changes.changing(path, removing);
    }

    /** A call just created this /tmp path, which did not exist before it. */
    void created(String path) {
        changes.created(path);
    }

    /** At an invocation's end: the files it created and left that hooks saw, and whether a walk must look for more. */
    synchronized List<Leak> invocationEnded(boolean cold) {
        TmpChanges.Balance balance = changes.balance(usage.blockSize());
        List<Leak> leaks = balance.leaks();
        for (Leak leak : leaks) {
            if (index != null && !index.add(leak.path())) {
                index = null;
            }
        }
        long usageNow;
        if (usage.exact()) {
            usageNow = usage.usedBytes();
            long growth = usageNow - usageBefore;
            walkNeeded = index == null || !balance.complete()
                    || growth > balance.explainedBytes()
                    && growth > balance.explainedBytes() + changes.recentGrowth(usage.blockSize());
        } else {
            usageNow = Math.max(0, counted + balance.explainedBytes());
            counted = usageNow;
            walkNeeded = true;
        }
        usageAfter = usageNow;
        if (cold) {
            usageAfterFirst = usageNow;
        } else if (usageBefore >= 0) {
            recentGrowth.addLast(Math.max(0, usageNow - usageBefore));
            if (recentGrowth.size() > RECENT) {
                recentGrowth.removeFirst();
            }
        }
        unsettledSince = startedMillis;
        return leaks;
    }

    /**
     * After the response: when the hooks and the usage figures disagree (or there are no figures), a bounded walk
     * finds the files made during the last invocation that no hook saw, traced to the closest directory a hook
     * saw written when there is one.
     */
    synchronized List<Leak> settle() {
        if (unsettledSince < 0) {
            return List.of();
        }
        long since = unsettledSince;
        unsettledSince = -1;
        if (!walkNeeded) {
            return List.of();
        }
        TmpScan.Scan scan = TmpScan.walk(tmp, reports, index, since - CLOCK_SLACK_MILLIS);
        walks++;
        index = scan.index();
        List<Leak> leaks = new ArrayList<>();
        for (TmpScan.Fresh file : scan.fresh()) {
            if (!changes.sawCreated(file.path())) {
                leaks.add(new Leak(file.path(), file.bytes(), changes.creatorOf(file.path())));
            }
        }
        if (!usage.exact()) {
            counted = scan.bytes();
        }
        return leaks;
    }

    /** How many times /tmp was walked. */
    synchronized long walks() {
        return walks;
    }

    /** Bytes in use when the running invocation started, -1 when not known yet. */
    synchronized long usageAtStart() {
        return usageBefore;
    }

    /** Bytes in use when the last invocation ended, -1 when not known yet. */
    synchronized long usageAtEnd() {
        return usageAfter;
    }

    synchronized long totalGrowthBytes() {
        return usageAfterFirst < 0 ? 0 : Math.max(0, usageAfter - usageAfterFirst);
    }

    /** Mean growth per warm invocation over the recent ones, 0 when unknown. */
    synchronized long growthPerInvocation() {
        if (recentGrowth.isEmpty()) {
            return 0;
        }
        long sum = 0;
        for (long growth : recentGrowth) {
            sum += growth;
        }
        return sum / recentGrowth.size();
    }

    synchronized long usedBytesNow() {
        return usage != null && usage.exact() ? usage.usedBytes() : counted;
    }

    synchronized long capacityBytes() {
        return usage().capacityBytes();
    }

    /** /tmp's figures, looked up at the first use. */
    private TmpUsage usage() {
        if (usage == null) {
            usage = TmpUsage.of(tmp, configuredCapacity);
        }
        return usage;
    }
}
