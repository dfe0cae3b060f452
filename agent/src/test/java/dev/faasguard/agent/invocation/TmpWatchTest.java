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
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
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

    private TmpWatch watch(Path parent) throws IOException {
        root = Files.createDirectories(parent.resolve("faasguard-tmpwatch-" + UUID.randomUUID()));
        return new TmpWatch(root, List.of(), 512L << 20);
    }

    @AfterEach
    void cleanUp() throws IOException {
        if (root != null) {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    /** A write the agent is told of, as the file hooks tell it: before the change. */
    private void written(TmpWatch watch, Path file, byte[] content) throws IOException {
        watch.changing(file.toString(), false);
        Files.write(file, content);
    }

    private void removed(TmpWatch watch, Path file) throws IOException {
        watch.changing(file.toString(), true);
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
        watch.invocationStarting();
        written(watch, root.resolve("model.bin"), new byte[10_000]);
        assertEquals(List.of(root.resolve("model.bin").toString()), paths(watch.invocationEnded(true)));
        assertEquals(List.of(), watch.settle());
        assertEquals(1, watch.walks());

        // Warm, correct: a scratch file written and deleted, the cache rewritten in place: no leak, no walk.
        watch.invocationStarting();
        written(watch, root.resolve("scratch.tmp"), new byte[50_000]);
        removed(watch, root.resolve("scratch.tmp"));
        written(watch, root.resolve("cache.bin"), new byte[100_000]);
        assertEquals(List.of(), watch.invocationEnded(false));
        assertEquals(List.of(), watch.settle());
        assertEquals(1, watch.walks(), "the hooks explained every byte");

        // Warm, leaking from Java: found by the hooks alone, at the line that wrote it.
        watch.invocationStarting();
        written(watch, root.resolve("out-2.json"), new byte[3_000]);
        List<TmpWatch.Leak> leaks = watch.invocationEnded(false);
        assertEquals(List.of(root.resolve("out-2.json").toString()), paths(leaks));
        assertNotNull(leaks.get(0).creator(), "the hook's capture");
        assertEquals(List.of(), watch.settle());
        assertEquals(1, watch.walks());

        // Warm, leaking from a "subprocess": the usage grew more than the hooks explain, so the settle walks.
        watch.invocationStarting();
        Files.write(root.resolve("export.csv"), new byte[20_000]);
        assertEquals(List.of(), watch.invocationEnded(false), "nothing the hooks saw");
        List<TmpWatch.Leak> unseen = watch.settle();
        assertEquals(List.of(root.resolve("export.csv").toString()), paths(unseen));
        assertEquals(20_000, unseen.get(0).bytes());
        assertNull(unseen.get(0).creator(), "made outside the JVM");
        assertEquals(2, watch.walks());

        // Made by a "subprocess", then rewritten from Java: the hook saw a file already there, the walk knows better.
        watch.invocationStarting();
        Files.write(root.resolve("converted.pdf"), new byte[8_000]);
        written(watch, root.resolve("converted.pdf"), new byte[9_000]);
        assertEquals(List.of(), watch.invocationEnded(false));
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

        watch.invocationStarting();
        watch.invocationEnded(true);
        watch.settle();
        long walks = watch.walks();

        watch.invocationStarting();
        Files.writeString(root.resolve("before.bin"), "rewritten by a subprocess");
        Path directory = root.resolve("pages");
        watch.changing(directory.toString(), false);
        Files.createDirectory(directory);
        Files.write(directory.resolve("page-1.pdf"), new byte[4_000]);
        Files.write(root.resolve("unseen.bin"), new byte[2_000]);
        assertEquals(List.of(), watch.invocationEnded(false));
        List<TmpWatch.Leak> leaks = watch.settle();

        assertEquals(walks + 1, watch.walks());
        assertEquals(List.of(directory.resolve("page-1.pdf").toString(), root.resolve("unseen.bin").toString()),
                paths(leaks).stream().sorted().toList(), "a file rewritten is not new");
        TmpWatch.Leak page = leaks.stream().filter(leak -> leak.path().endsWith("page-1.pdf")).findFirst().orElseThrow();
        assertNotNull(page.creator(), "traced to the line that made its directory");
        assertTrue(watch.usageAtEnd() >= 0);
        assertFalse(paths(leaks).contains(root.resolve("before.bin").toString()));
    }
}
