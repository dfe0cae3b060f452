package dev.faasguard.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The file hooks called directly, against fake sinks: no child JVM, no instrumentation. */
class FileHooksTest {

    @AfterEach
    void reset() {
        Hooks.reset();
    }

    @Test
    void nothingIsAskedBeforeTheAgentIsInstalled() throws IOException {
        Hooks.reset();
        FileHooks.fileOutputStreamOpen("/var/task/out.json", false);
        assertFalse(FileHooks.fileMkdir(new File("/var/task/dir")));
        FileHooks.copy(Path.of("/tmp/a"), Path.of("/var/task/b"));
        assertFalse(Hooks.installed());
    }

    @Test
    void aWriteInsideTmpTakesTheFastPath() throws IOException {
        RecordingSinks sinks = RecordingSinks.install(true);
        FileHooks.fileOutputStreamOpen("/tmp/out.json", false);
        FileHooks.randomAccessFileOpen("/tmp/db", 2);
        FileHooks.createDirectory(Path.of("/tmp/cache"));
        FileHooks.move(Path.of("/tmp/a"), Path.of("/tmp/b"));
        assertEquals(List.of(), sinks.calls, "no sink call and no invocation: not even tmpChanging");
    }

    @Test
    void aChangeInsideTmpDuringAnInvocationIsToldAsTmpChangingOnly() throws IOException {
        RecordingSinks sinks = RecordingSinks.install(WritableRoots.of(List.of("/tmp", "/mnt/efs")), false);
        InvocationHooks.invocationStart("request");
        sinks.calls.clear();

        FileHooks.fileOutputStreamOpen("/tmp/out.json", false);
        FileHooks.fileOutputStreamOpen("/tmp/out.json", true);
        FileHooks.delete(Path.of("/tmp/old.json"));
        FileHooks.fileOutputStreamOpen("/mnt/efs/shared.json", false);
        FileHooks.createDirectory(Path.of("/tmp/cache"));
        FileHooks.move(Path.of("/tmp/cache/part"), Path.of("/tmp/cache/done"));
        FileHooks.copy(Path.of("/tmp/cache/done"), Path.of("/tmp/copy"));
        FileHooks.fileCreateTempFile("page", ".pdf", new File("/tmp"));
        FileHooks.fileTempFileCreated(new File("/tmp/page123.pdf"));
        FileHooks.fileTempFileCreated(new File("/mnt/efs/page.pdf"));
        FileHooks.fileHandlerOpenEnter("/tmp/app%g.log");
        Hooks.exitScope();

        assertEquals(List.of("tmpChanging /tmp/out.json", "tmpChanging /tmp/out.json", "tmpRemoving /tmp/old.json",
                "tmpChanging /tmp/cache", "tmpChanging /tmp/cache/done", "tmpRemoving /tmp/cache/part",
                "tmpChanging /tmp/copy", "tmpCreated /tmp/page123.pdf"), sinks.calls,
                "another writable root is not /tmp; a move takes its source away; a pattern names no file, the file "
                        + "made from it does");
        assertEquals(0, sinks.callsNotAsAgent);
    }

    @Test
    void aNameNotThereYetIsToldSoAtItsFirstWriteInAnInvocation() throws IOException {
        RecordingSinks sinks = RecordingSinks.install(false);
        InvocationHooks.invocationStart("request");
        sinks.calls.clear();
        String fresh = "/tmp/faasguard-test-" + UUID.randomUUID() + "/new.json";

        FileHooks.fileOutputStreamOpen(fresh, false);
        FileHooks.fileOutputStreamOpen(fresh, true);
        FileHooks.delete(Path.of(fresh));
        Hooks.exitScope();

        assertEquals(List.of("tmpChanging " + fresh, "tmpChanging " + fresh, "tmpRemoving " + fresh), sinks.calls);
        assertEquals(List.of(fresh), sinks.notThere,
                "looked at once, at the first write: the next is known to be no link, and a delete opens nothing");
    }

    @Test
    void aWriteOutsideAsksTheFileSinkAndGoesOnInReportMode() throws IOException {
        RecordingSinks sinks = RecordingSinks.install(false);
        FileHooks.fileOutputStreamOpen("/var/task/out.json", true);
        FileHooks.fileOutputStreamOpen("relative.json", false);
        FileHooks.fileCreateNewFile(new File("/var/task/new"));
        assertFalse(FileHooks.fileDelete(new File("/var/task/old")));
        assertFalse(FileHooks.fileRenameTo(new File("/tmp/a"), new File("/var/task/a")));
        FileHooks.copy(Path.of("/tmp/a"), Path.of("/var/task/b"));
        FileHooks.fileCreateTempFile("report", null, new File("/var/task"));
        FileHooks.fileHandlerOpenEnter("/var/log/app%g.log");
        Hooks.exitScope();

        assertEquals(List.of(
                "fileWrite open-for-append /var/task/out.json",
                "fileWrite open-for-write relative.json",
                "fileWrite create-file /var/task/new",
                "fileWrite delete /var/task/old",
                "fileWrite rename /var/task/a /tmp/a",
                "fileWrite copy /var/task/b /tmp/a",
                "fileWrite create-temp-file /var/task/report*.tmp",
                "fileWrite open-log-file /var/log/app%g.log"), sinks.calls);
        assertEquals(0, sinks.callsNotAsAgent, "the sink runs as agent code: its own writes are no findings");
    }

    @Test
    void enforceModeFailsADeniedWriteAsARealReadOnlyFileSystemWould() {
        RecordingSinks.install(true);
        FileNotFoundException javaIo = assertThrows(FileNotFoundException.class,
                () -> FileHooks.fileOutputStreamOpen("/var/task/out.json", false));
        assertEquals("/var/task/out.json (Read-only file system)", javaIo.getMessage());
        assertThrows(FileNotFoundException.class, () -> FileHooks.randomAccessFileOpen("/var/task/db", 2));
        IOException plain = assertThrows(IOException.class, () -> FileHooks.fileCreateNewFile(new File("/var/task/x")));
        assertEquals("Read-only file system", plain.getMessage());
        FileSystemException nio = assertThrows(FileSystemException.class,
                () -> FileHooks.move(Path.of("/tmp/a"), Path.of("/var/task/a")));
        assertEquals("/tmp/a", nio.getFile());
        assertEquals("/var/task/a", nio.getOtherFile());
        assertEquals("Read-only file system", nio.getReason());
        assertTrue(FileHooks.fileMkdir(new File("/var/task/dir")), "a boolean File method is made to answer false");
        assertTrue(FileHooks.fileMkdirsEnter(new File("/var/task/a/b")));
        assertEquals(0, Hooks.state().scopeDepth, "a denied mkdirs enters no scope");
    }

    @Test
    void enforceModeLetsThroughWhatTheSinkFindsInside() throws IOException {
        RecordingSinks sinks = RecordingSinks.install(true);
        sinks.outside = false;
        FileHooks.fileOutputStreamOpen("../tmp/out.json", false);
        assertFalse(FileHooks.fileMkdir(new File("tmp/dir")));
        assertEquals(2, sinks.calls.size());
    }

    @Test
    void onlyTheWritingModesOfRandomAccessFileAreAsked() throws IOException {
        RecordingSinks sinks = RecordingSinks.install(false);
        FileHooks.randomAccessFileOpen("/var/task/db", 1);
        assertEquals(List.of(), sinks.calls);
        FileHooks.randomAccessFileOpen("/var/task/db", 2 | 4);
        assertEquals(List.of("fileWrite open-for-write /var/task/db"), sinks.calls);
    }

    @Test
    void aChannelOpenedForReadingIsNotAskedAndAnOpenIsOneOperation() throws IOException {
        RecordingSinks sinks = RecordingSinks.install(false);
        FileHooks.channelOpenEnter(Path.of("/var/task/in.json"), Set.of(StandardOpenOption.READ));
        Hooks.exitScope();
        FileHooks.channelOpenEnter(Path.of("/var/task/in.json"), null);
        Hooks.exitScope();
        assertEquals(List.of(), sinks.calls);

        FileHooks.channelOpenEnter(Path.of("/var/task/new.json"),
                Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW));
        FileHooks.channelOpenEnter(Path.of("/var/task/new.json"), Set.of(StandardOpenOption.WRITE));
        Hooks.exitScope();
        Hooks.exitScope();
        FileHooks.channelOpenEnter(Path.of("/var/task/log"), Set.of(StandardOpenOption.APPEND));
        Hooks.exitScope();
        assertEquals(List.of("fileWrite create-file /var/task/new.json", "fileWrite open-for-append /var/task/log"),
                sinks.calls, "newByteChannel opening through newFileChannel is one operation");
    }

    @Test
    void mkdirsIsJudgedOnceAndItsMkdirCallsAreNot() {
        RecordingSinks sinks = RecordingSinks.install(false);
        assertFalse(FileHooks.fileMkdirsEnter(new File("/var/task/a/b")));
        assertFalse(FileHooks.fileMkdir(new File("/var/task/a")));
        assertFalse(FileHooks.fileMkdir(new File("/var/task/a/b")));
        Hooks.exitScope();
        assertEquals(List.of("fileWrite create-directories /var/task/a/b"), sinks.calls);

        FileHooks.fileMkdir(new File("/var/task/c"));
        assertEquals("fileWrite create-directory /var/task/c", sinks.calls.get(1), "the scope ended with mkdirs");
        Hooks.exitScope();
        assertEquals(0, Hooks.state().scopeDepth, "an extra exit never goes below zero");
    }

    @Test
    void agentCodeIsQuiet() throws IOException {
        RecordingSinks sinks = RecordingSinks.install(true);
        InvocationHooks.invocationStart("request");
        sinks.calls.clear();
        Hooks.enterAgentCode();
        try {
            FileHooks.fileOutputStreamOpen("/var/faasguard/report.json", false);
            FileHooks.fileOutputStreamOpen("/tmp/faasguard-report.json", false);
        } finally {
            Hooks.exitAgentCode();
        }
        assertEquals(List.of(), sinks.calls);
        assertThrows(FileNotFoundException.class, () -> FileHooks.fileOutputStreamOpen("/var/app/out.json", false));
    }

    @Test
    void anErrorInTheAgentAStackOverflowOrOutOfMemoryNeverReachesTheApplication() throws IOException {
        for (Error error : new Error[] {new StackOverflowError(), new OutOfMemoryError("agent"),
                new NoClassDefFoundError("dev/faasguard/agent/Missing")}) {
            RecordingSinks sinks = RecordingSinks.install(true);
            sinks.failure = error;

            FileHooks.fileOutputStreamOpen("/var/task/out.json", false);
            BlockingHooks.blockingExit(BlockingHooks.threadJoinEnter(Thread.currentThread(), 0));

            assertEquals(List.of(error, error), sinks.failures, error + ": caught by the guard, told to the failure sink");
            assertEquals(0, Hooks.state().agentDepth, "the guard leaves agent code");
        }
    }

    @Test
    void aFailingFileSinkIsSwallowedAndReportedOnce() throws IOException {
        RecordingSinks sinks = RecordingSinks.install(true);
        IllegalStateException broken = new IllegalStateException("broken sink");
        sinks.failure = broken;

        FileHooks.fileOutputStreamOpen("/var/task/out.json", false);

        assertEquals(List.of("fileWrite open-for-write /var/task/out.json", "hookFailed open-for-write"), sinks.calls,
                "a broken sink neither fails the write nor turns enforce mode on it");
        assertEquals(List.of(broken), sinks.failures);
        assertEquals(0, Hooks.state().agentDepth, "the guard leaves agent code even when the sink throws");

        sinks.failureSinkFailure = new IllegalStateException("broken failure sink too");
        InvocationHooks.handlerEnter();
        FileHooks.fileOutputStreamOpen("/tmp/out.json", false);
        assertEquals("hookFailed tmp-write", sinks.calls.get(sinks.calls.size() - 1));
        assertEquals(0, Hooks.state().agentDepth);
    }

    @Test
    void anEmbeddedDatabaseIsToldOnlyByTheDriverItsUrlNames() {
        RecordingSinks sinks = RecordingSinks.install(true);
        // DriverManager hands a Derby URL to every driver in turn: HSQLDB's getConnection sees it too.
        FileHooks.embeddedDatabaseOpening("jdbc:derby:orders;create=true", "jdbc:hsqldb:");
        FileHooks.embeddedDatabaseOpening("JDBC:DERBY:orders;create=true", "jdbc:derby:");
        assertEquals(List.of("embeddedDatabaseOpening JDBC:DERBY:orders;create=true"), sinks.calls);
    }
}
