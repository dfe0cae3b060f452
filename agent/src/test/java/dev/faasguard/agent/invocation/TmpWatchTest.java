package dev.faasguard.agent.invocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link TmpWatch} on a real directory, with the hooks' calls made by hand: on a file system of its own (a tmpfs,
 * {@code /dev/shm}, as Lambda's /tmp) the hooks' paths and the usage figures decide, and /tmp is walked only when
 * they disagree; on a shared file system it is walked after every invocation. Either way, what a "subprocess" (a
 * write the hooks are not told of) leaves is found, and what was there before, rewritten, or deleted is not.
 */
class TmpWatchTest {

    private Path root;
    /** The invocation the test's writes are told for. */
    private Invocation running;

    private TmpWatch watch(Path parent) throws IOException {
        root = Files.createDirectories(parent.resolve("faasguard-tmpwatch-" + UUID.randomUUID()));
        return new TmpWatch(root, List.of(), 512L << 20);
    }

    @AfterEach
    void cleanUp() throws IOException {
        if (root != null) {
            ScratchDirectories.delete(root);
        }
    }

    /** An invocation starts, as the monitor starts one; the test's writes are told for it from now on. */
    private Invocation started(TmpWatch watch, boolean cold) {
        running = new Invocation(UUID.randomUUID().toString(), cold, 0, Thread.currentThread(),
                watch.invocationStarting());
        return running;
    }

    private List<TmpWatch.Leak> ended(TmpWatch watch) {
        return watch.invocationEnded(running);
    }

    /** A write the agent is told of, as the file hooks tell it: before the change, and whether the name is new. */
    private void written(TmpWatch watch, Path file, byte[] content) throws IOException {
        watch.changing(running, file.toString(), false, !Files.exists(file));
        Files.write(file, content);
    }

    private void removed(TmpWatch watch, Path file) throws IOException {
        watch.changing(running, file.toString(), true, false);
        Files.delete(file);
    }

    private static List<String> paths(List<TmpWatch.Leak> leaks) {
        return leaks.stream().map(TmpWatch.Leak::path).toList();
    }

    @Test
    void onItsOwnFileSystemAWriteTheHooksSawCostsNoWalkAndOneTheyMissedCostsOne() throws IOException {
        Path shm = Path.of("/dev/shm");
        assumeTrue(Files.isDirectory(shm) && TmpUsage.of(shm, 0).exact(), "needs /dev/shm as a tmpfs of its own");
        TmpWatch watch = watch(shm);
        Files.write(root.resolve("cache.bin"), new byte[100_000]);

        // Cold: whatever it leaves is listed, and the first settle walks once for the baseline.
        started(watch, true);
        written(watch, root.resolve("model.bin"), new byte[10_000]);
        assertEquals(List.of(root.resolve("model.bin").toString()), paths(ended(watch)));
        assertEquals(List.of(), watch.settle());
        assertEquals(1, watch.walks());

        // Warm, correct: a scratch file written and deleted, the cache rewritten in place: no leak, no walk.
        started(watch, false);
        written(watch, root.resolve("scratch.tmp"), new byte[50_000]);
        removed(watch, root.resolve("scratch.tmp"));
        written(watch, root.resolve("cache.bin"), new byte[100_000]);
        assertEquals(List.of(), ended(watch));
        assertEquals(List.of(), watch.settle());
        assertEquals(1, watch.walks(), "the hooks explained every byte");

        // Warm, leaking from Java: found by the hooks alone, at the line that wrote it.
        started(watch, false);
        written(watch, root.resolve("out-2.json"), new byte[3_000]);
        List<TmpWatch.Leak> leaks = ended(watch);
        assertEquals(List.of(root.resolve("out-2.json").toString()), paths(leaks));
        assertNotNull(leaks.get(0).creator(), "the hook's capture");
        assertEquals(List.of(), watch.settle());
        assertEquals(1, watch.walks());

        // Warm, leaking from a "subprocess": the usage grew more than the hooks explain, so the settle walks.
        started(watch, false);
        Files.write(root.resolve("export.csv"), new byte[20_000]);
        assertEquals(List.of(), ended(watch), "nothing the hooks saw");
        List<TmpWatch.Leak> unseen = watch.settle();
        assertEquals(List.of(root.resolve("export.csv").toString()), paths(unseen));
        assertEquals(20_000, unseen.get(0).bytes());
        assertNull(unseen.get(0).creator(), "made outside the JVM");
        assertEquals(2, watch.walks());

        // Made by a "subprocess", then rewritten from Java: the hook saw a file already there, the walk knows better.
        started(watch, false);
        Files.write(root.resolve("converted.pdf"), new byte[8_000]);
        written(watch, root.resolve("converted.pdf"), new byte[9_000]);
        assertEquals(List.of(), ended(watch));
        List<TmpWatch.Leak> rewritten = watch.settle();
        assertEquals(List.of(root.resolve("converted.pdf").toString()), paths(rewritten));
        assertNotNull(rewritten.get(0).creator(), "traced to the Java line that wrote it");
        assertEquals(3, watch.walks());
    }

    @Test
    void onASharedFileSystemEveryInvocationIsWalkedAndOnlyItsNewFilesAreItsOwn() throws IOException {
        Path varTmp = Path.of("/var/tmp");
        assumeTrue(Files.isDirectory(varTmp) && !TmpUsage.of(varTmp, 0).exact(), "needs /var/tmp on the root file system");
        TmpWatch watch = watch(varTmp);
        Files.write(root.resolve("before.bin"), new byte[1_000]);

        started(watch, true);
        ended(watch);
        watch.settle();
        long walks = watch.walks();

        started(watch, false);
        Files.writeString(root.resolve("before.bin"), "rewritten by a subprocess");
        Path directory = root.resolve("pages");
        watch.changing(running, directory.toString(), false, true);
        Files.createDirectory(directory);
        Files.write(directory.resolve("page-1.pdf"), new byte[4_000]);
        Files.write(root.resolve("unseen.bin"), new byte[2_000]);
        assertEquals(List.of(), ended(watch));
        List<TmpWatch.Leak> leaks = watch.settle();

        assertEquals(walks + 1, watch.walks());
        assertEquals(List.of(directory.resolve("page-1.pdf").toString(), root.resolve("unseen.bin").toString()),
                paths(leaks).stream().sorted().toList(), "a file rewritten is not new");
        TmpWatch.Leak page = leaks.stream().filter(leak -> leak.path().endsWith("page-1.pdf")).findFirst().orElseThrow();
        assertNotNull(page.creator(), "traced to the line that made its directory");
        assertTrue(watch.usageAtEnd() >= 0);
        assertFalse(paths(leaks).contains(root.resolve("before.bin").toString()));
    }

    @Test
    void invocationsRunningAtOnceEachLeaveTheirOwnFiles() throws IOException {
        Path shm = Path.of("/dev/shm");
        assumeTrue(Files.isDirectory(shm) && TmpUsage.of(shm, 0).exact(), "needs /dev/shm as a tmpfs of its own");
        TmpWatch watch = watch(shm);
        started(watch, true);
        ended(watch);
        watch.settle();

        Invocation first = started(watch, false);
        written(watch, root.resolve("first.json"), new byte[2_000]);
        Invocation second = started(watch, false);
        written(watch, root.resolve("second.json"), new byte[3_000]);
        written(watch, root.resolve("scratch.tmp"), new byte[1_000]);
        removed(watch, root.resolve("scratch.tmp"));
        running = first;
        written(watch, root.resolve("first-more.json"), new byte[500]);

        List<TmpWatch.Leak> ofSecond = watch.invocationEnded(second);
        assertEquals(List.of(root.resolve("second.json").toString()), paths(ofSecond));
        assertEquals(second, ofSecond.get(0).owner());
        List<TmpWatch.Leak> ofFirst = watch.invocationEnded(first);
        assertEquals(List.of(root.resolve("first-more.json").toString(), root.resolve("first.json").toString()),
                paths(ofFirst).stream().sorted().toList());
        assertTrue(ofFirst.stream().allMatch(leak -> leak.owner() == first));
        assertEquals(List.of(), watch.settle(), "every file came through a hook");
    }
}
