package dev.faasguard.agent.invocation;

import dev.faasguard.agent.finding.StackCapture;
import dev.faasguard.bootstrap.Hooks;
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
 * The symbolic links a walk finds that lead out of /tmp are handed to the hooks: a write through one is judged.
 */
final class TmpWatch {

    /** Warm invocations the growth rate is averaged over. */
    private static final int RECENT = 10;
    /** File times come from a coarse kernel clock, which may lag the one the invocation's start was read from. */
    private static final long CLOCK_SLACK_MILLIS = 20;

    /**
     * A file an invocation left; {@code writer} null when no hook saw it written; {@code owner} the invocation that
     * left it.
     */
    record Leak(String path, long bytes, TmpChanges.Creator writer, Invocation owner) {

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
    private long usageAfter = -1;
    private long usageAfterFirst = -1;
    /** The invocations that ended and are not settled yet, oldest first. */
    private final List<Invocation> unsettled = new ArrayList<>();
    /** The one of them whose end found growth the hooks do not explain, the latest when several did; or null. */
    private Invocation walkFor;
    /** When the earliest of the invocations needing a walk started (epoch ms), or Long.MAX_VALUE. */
    private long walkSince = Long.MAX_VALUE;
    private long walks;

    /** @param reports the agent's own report files, never counted */
    TmpWatch(Path tmp, List<Path> reports, long configuredCapacity) {
        this.tmp = tmp;
        this.reports = reports;
        this.configuredCapacity = configuredCapacity;
    }

    /**
     * At an invocation's start: one statfs (where /tmp has no figures, the first one walks it for a baseline).
     *
     * @return the bytes in use in /tmp now
     */
    synchronized long invocationStarting() {
        if (!usage().exact() && index == null) {
            TmpScan.Scan baseline = TmpScan.walk(tmp, reports, null, 0);
            walks++;
            Hooks.symbolicLinksFound(baseline.links());
            index = baseline.index();
            counted = baseline.bytes();
        }
        return usage.exact() ? usage.usedBytes() : counted;
    }

    /**
     * A hook is about to change this /tmp path, on a thread working for {@code owner}; {@code notThere} when it has
     * just seen nothing there.
     */
    void changing(Invocation owner, String path, boolean removing, boolean notThere) {
        changes.changing(owner, path, removing, notThere);
    }

    /** A call just created this /tmp path, which did not exist before it, on a thread working for {@code owner}. */
    void created(Invocation owner, String path) {
        changes.created(owner, path);
    }

    /**
     * At an invocation's end: the files it created and left that hooks saw, and whether a walk must look for more.
     * With other invocations running at once, /tmp's growth is theirs too: it is compared with what the hooks saw
     * all of them do.
     */
    synchronized List<Leak> invocationEnded(Invocation invocation) {
        long usageBefore = invocation.tmpBytesBefore();
        TmpChanges.Balance balance = changes.balance(invocation, usage.blockSize());
        List<Leak> leaks = balance.leaks();
        for (Leak leak : leaks) {
            if (index != null && !index.add(leak.path())) {
                index = null;
            }
        }
        long usageNow;
        boolean walkNeeded;
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
        unsettled.add(invocation);
        if (walkNeeded) {
            walkFor = invocation;
            walkSince = Math.min(walkSince, invocation.startEpochMillis());
        }
        if (invocation.coldStart()) {
            usageAfterFirst = usageNow;
        } else if (usageBefore >= 0) {
            recentGrowth.addLast(Math.max(0, usageNow - usageBefore));
            if (recentGrowth.size() > RECENT) {
                recentGrowth.removeFirst();
            }
        }
        return leaks;
    }

    /**
     * After the response: when the hooks and the usage figures disagree (or there are no figures), a bounded walk
     * finds the files made during the ended invocations that no hook saw, each put on the invocation that wrote its
     * closest written directory when a hook saw one, else on the invocation whose end found the growth. Then what
     * the hooks saw of the ended invocations is forgotten.
     */
    synchronized List<Leak> settle() {
        if (unsettled.isEmpty()) {
            return List.of();
        }
        List<Leak> leaks = new ArrayList<>();
        if (walkFor != null) {
            TmpScan.Scan scan = TmpScan.walk(tmp, reports, index, walkSince - CLOCK_SLACK_MILLIS);
            walks++;
            Hooks.symbolicLinksFound(scan.links());
            index = scan.index();
            for (TmpScan.Fresh file : scan.fresh()) {
                if (!changes.sawCreated(file.path())) {
                    Invocation writer = changes.writerOf(file.path());
                    leaks.add(new Leak(file.path(), file.bytes(), changes.creatorOf(file.path()),
                            writer != null ? writer : walkFor));
                }
            }
            if (!usage.exact()) {
                counted = scan.bytes();
            }
        }
        for (Invocation invocation : unsettled) {
            changes.forget(invocation);
        }
        unsettled.clear();
        walkFor = null;
        walkSince = Long.MAX_VALUE;
        return leaks;
    }

    /** How many times /tmp was walked. */
    synchronized long walks() {
        return walks;
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
