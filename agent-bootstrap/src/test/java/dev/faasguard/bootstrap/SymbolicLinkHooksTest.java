package dev.faasguard.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The file hooks on real symbolic links: a write is judged by where it really goes. The writable root is a
 * directory made under /var/tmp for the test (tests leave /tmp alone), "outside" a sibling of it.
 */
class SymbolicLinkHooksTest {

    private Path base;
    private Path root;
    private Path outside;
    private RecordingSinks sinks;

    @BeforeEach
    void files() throws IOException {
        base = Files.createTempDirectory(Path.of("/var/tmp"), "faasguard-links-").toRealPath();
        root = Files.createDirectories(base.resolve("root"));
        outside = Files.createDirectories(base.resolve("outside"));
        sinks = RecordingSinks.install(WritableRoots.of(List.of(root.toString())), true);
        sinks.outside = true;
    }

    @AfterEach
    void cleanUp() throws IOException {
        Hooks.reset();
        try (Stream<Path> all = Files.walk(base)) {
            for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    @Test
    void aWriteThroughALinkInsideTheRootToOutsideIsJudgedByTheAgent() throws IOException {
        Files.createDirectories(root.resolve("x"));
        Files.createSymbolicLink(root.resolve("x/link"), outside);
        String written = root + "/x/link/f";

        assertThrows(FileNotFoundException.class, () -> FileHooks.fileOutputStreamOpen(written, false),
                "enforce mode fails it as it fails on Lambda");
        assertEquals(List.of("fileWrite open-for-write " + written), sinks.calls);
    }

    @Test
    void anOrdinaryWriteInsideTheRootStaysOnTheFastPathAfterItsDirectoryIsKnown() throws IOException {
        Files.createDirectories(root.resolve("x"));
        FileHooks.fileOutputStreamOpen(root + "/x/a", false);
        FileHooks.fileOutputStreamOpen(root + "/x/b", false);
        FileHooks.fileOutputStreamOpen(root + "/not-yet/c", false);
        assertEquals(List.of(), sinks.calls);
    }

    @Test
    void aDirectoryReplacedByALinkIsResolvedAgain() throws IOException {
        Path directory = Files.createDirectories(root.resolve("x"));
        FileHooks.fileOutputStreamOpen(root + "/x/a", false);

        FileHooks.delete(directory);
        Files.delete(directory);
        Files.createSymbolicLink(directory, outside);
        assertThrows(FileNotFoundException.class, () -> FileHooks.fileOutputStreamOpen(root + "/x/a", false));
        assertEquals(List.of("fileWrite open-for-write " + root + "/x/a"), sinks.calls);
    }

    @Test
    void aDirectoryReplacedBehindTheHooksBackIsResolvedAgainAtTheNextInvocation() throws IOException {
        Path directory = Files.createDirectories(root.resolve("x"));
        FileHooks.fileOutputStreamOpen(root + "/x/a", false);
        Files.delete(directory);
        Files.createSymbolicLink(directory, outside);

        InvocationHooks.invocationStart("request");
        sinks.calls.clear();
        assertThrows(FileNotFoundException.class, () -> FileHooks.fileOutputStreamOpen(root + "/x/a", false));
        assertEquals(List.of("fileWrite open-for-write " + root + "/x/a"), sinks.calls);
    }

    @Test
    void aMoveWhoseSourceGoesThroughALinkOutIsJudged() throws IOException {
        Files.createSymbolicLink(root.resolve("link"), outside);
        assertThrows(IOException.class,
                () -> FileHooks.move(Path.of(root + "/link/f"), Path.of(root + "/f")));
        assertEquals(List.of("fileWrite move " + root + "/f " + root + "/link/f"), sinks.calls);
    }

    @Test
    void theRealPathTheAgentJudgesFollowsTheDirectorysLinksAndKeepsTheName() throws IOException {
        Files.createSymbolicLink(outside.resolve("into-root"), root);
        assertEquals(root + "/f", Hooks.realPath(outside + "/into-root/f"));
        assertEquals(root + "/f", Hooks.realPath(outside + "/into-root/f"), "the second time from the table");
        assertEquals(outside + "/f", Hooks.realPath(outside + "/into-root/../outside/f"),
                "'..' after a link applies where the link leads");
        assertEquals(outside + "/missing/f", Hooks.realPath(outside + "/missing/f"));
    }

    @Test
    void aWriteThroughALeafLinkTheJvmMadeInsideTheRootIsJudgedWithItsTarget() throws IOException {
        Path link = linkMadeByTheJvm("f");

        assertThrows(FileNotFoundException.class, () -> FileHooks.fileOutputStreamOpen(link.toString(), false));
        assertThrows(IOException.class, () -> FileHooks.channelOpenEnter(link, Set.of(StandardOpenOption.WRITE)));
        assertEquals(List.of("fileWrite open-for-write " + link, "fileWrite open-for-write " + link), sinks.calls);
        assertEquals(outside + "/f", Hooks.openedRealPath(link.toString()), "followed though its target does not exist");
        assertEquals(link.toString(), Hooks.realPath(link.toString()), "removing or renaming it acts on the link");
    }

    @Test
    void aLeafLinkLeadingInsideTheRootIsNotRemembered() throws IOException {
        Path link = root.resolve("alias");
        FileHooks.symbolicLinkCreating(link, Path.of("real"));
        Files.createSymbolicLink(link, Path.of("real"));
        FileHooks.fileOutputStreamOpen(link.toString(), false);
        assertEquals(List.of(), sinks.calls);
    }

    @Test
    void aLeafLinkDeletedOrReplacedIsForgotten() throws IOException {
        Path link = linkMadeByTheJvm("f");
        FileHooks.delete(link);
        Files.delete(link);
        Files.createFile(link);
        FileHooks.fileOutputStreamOpen(link.toString(), false);

        Path other = linkMadeByTheJvm("g");
        Files.delete(other); // behind the hooks' back: forgotten once the agent finds it is no link
        Files.createFile(other);
        assertEquals(other.toString(), Hooks.openedRealPath(other.toString()));
        FileHooks.fileOutputStreamOpen(other.toString(), false);
        assertEquals(List.of(), sinks.calls);
    }

    @Test
    void aLeafLinkMovedIsKnownAtItsNewName() throws IOException {
        Path link = linkMadeByTheJvm("f");
        FileHooks.move(link, root.resolve("g"));
        Files.move(link, root.resolve("g"));
        assertEquals(List.of(), sinks.calls, "moving the link moves no file out of the root");
        assertThrows(FileNotFoundException.class, () -> FileHooks.fileOutputStreamOpen(root + "/g", false));
    }

    @Test
    void aLeafLinkAnotherProcessMadeToAnExistingFileIsSeenAtTheFirstWrite() throws IOException, InterruptedException {
        Files.createFile(outside.resolve("e"));
        Process ln = new ProcessBuilder("ln", "-s", outside + "/e", root + "/e").inheritIO().start();
        assertEquals(0, ln.waitFor());
        assertThrows(FileNotFoundException.class, () -> FileHooks.fileOutputStreamOpen(root + "/e", false));
        assertEquals(List.of("fileWrite open-for-write " + root + "/e"), sinks.calls);
    }

    @Test
    void aFileWrittenAndDeletedAgainAndAgainIsLookedAtOnce() throws IOException {
        for (int i = 0; i < 3; i++) {
            FileHooks.fileOutputStreamOpen(root + "/scratch", false);
            Files.writeString(root.resolve("scratch"), "x");
            FileHooks.delete(root.resolve("scratch"));
            Files.delete(root.resolve("scratch"));
        }
        linkMadeByTheJvm("scratch");
        assertThrows(FileNotFoundException.class, () -> FileHooks.fileOutputStreamOpen(root + "/scratch", false),
                "a link the JVM makes at a name known as no link is known at once");
    }

    @Test
    void aNameSeenToBeNoLinkIsLookedAtAgainAtTheNextInvocation() throws IOException, InterruptedException {
        FileHooks.fileOutputStreamOpen(root + "/n", false);
        Files.createFile(outside.resolve("n"));
        Process ln = new ProcessBuilder("ln", "-s", outside + "/n", root + "/n").inheritIO().start();
        assertEquals(0, ln.waitFor());
        FileHooks.fileOutputStreamOpen(root + "/n", false);
        assertEquals(List.of(), sinks.calls, "replaced behind the hooks' back: counts from the next invocation");
        InvocationHooks.invocationStart("request");
        assertThrows(FileNotFoundException.class, () -> FileHooks.fileOutputStreamOpen(root + "/n", false));
    }

    @Test
    void aDanglingLeafLinkAWalkFoundIsJudgedWithItsTarget() throws IOException, InterruptedException {
        Process ln = new ProcessBuilder("ln", "-s", outside + "/h", root + "/h").inheritIO().start();
        assertEquals(0, ln.waitFor());
        FileHooks.fileOutputStreamOpen(root + "/h", false);
        assertEquals(List.of(), sinks.calls, "another process's dangling link is unknown until a walk finds it");

        Hooks.symbolicLinksFound(List.of(root + "/h"));
        assertThrows(FileNotFoundException.class, () -> FileHooks.fileOutputStreamOpen(root + "/h", false));
    }

    @Test
    void aLeafLinkOutsideTheRootLeadingIntoItIsFollowed() throws IOException {
        Files.createFile(root.resolve("in"));
        Files.createSymbolicLink(outside.resolve("into-root"), root.resolve("in"));
        assertEquals(root + "/in", Hooks.openedRealPath(outside + "/into-root"));
        assertEquals(outside + "/plain", Hooks.openedRealPath(outside + "/plain"));
    }

    /** {@code root/name -> outside/name} as {@code Files.createSymbolicLink} makes it: the hook, then the link. */
    private Path linkMadeByTheJvm(String name) throws IOException {
        Path link = root.resolve(name);
        FileHooks.symbolicLinkCreating(link, outside.resolve(name));
        return Files.createSymbolicLink(link, outside.resolve(name));
    }
}
