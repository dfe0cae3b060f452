package com.example;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Headless Chromium ({@code /usr/bin/chromium}, Debian's {@code chromium}) rendering a local page, with a fresh
 * profile each time and nothing of its own fetched from the network.
 */
public final class Chromium {

    private static final Path EXECUTABLE = Path.of("/usr/bin/chromium");

    private Chromium() {}

    /** Skips loudly without Chromium, and fails instead under CI=true, where .ci/run installs it. */
    public static void require() {
        if (Files.isExecutable(EXECUTABLE)) {
            return;
        }
        String why = "headless Chromium not found at " + EXECUTABLE + " (apt-get install -y chromium): the HTML report"
                + " is not rendered";
        if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true but " + why);
        }
        System.err.println("\n*** SKIPPED: " + why + " ***\n");
        Assumptions.abort(why);
    }

    /** The DOM of the page after Chromium loaded and laid it out, serialized as HTML. */
    public static String dumpDom(Path page) throws IOException, InterruptedException {
        return run(page, List.of("--dump-dom"));
    }

    /** A PNG of the page in a window of {@code width} by {@code height} pixels. */
    public static void screenshot(Path page, Path png, int width, int height) throws IOException, InterruptedException {
        Files.deleteIfExists(png);
        run(page, List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height,
                "--hide-scrollbars"));
        if (!Files.isRegularFile(png)) {
            throw new IOException("Chromium wrote no screenshot at " + png);
        }
    }

    private static String run(Path page, List<String> what) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("chromium-profile-");
        Path out = Files.createTempFile("chromium-out-", ".txt");
        Path err = Files.createTempFile("chromium-err-", ".txt");
        try {
            List<String> command = new ArrayList<>(List.of(EXECUTABLE.toString(), "--headless", "--no-sandbox",
                    "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile));
            command.addAll(what);
            command.add(page.toAbsolutePath().toUri().toString());
            Process chromium = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .start();
            if (!chromium.waitFor(120, TimeUnit.SECONDS)) {
                chromium.descendants().forEach(ProcessHandle::destroyForcibly);
                chromium.destroyForcibly();
                throw new IOException("Chromium did not finish in 120 s: " + command);
            }
            if (chromium.exitValue() != 0) {
                throw new IOException("Chromium exited with " + chromium.exitValue() + ": " + command + "\n"
                        + Files.readString(err, StandardCharsets.UTF_8));
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            deleteProfile(profile);
        }
    }

    /** Best effort: Chromium's crash handler may outlive the browser for a moment and still write there. */
    private static void deleteProfile(Path profile) {
        try (Stream<Path> files = Files.walk(profile)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException | java.io.UncheckedIOException stillInUse) {
            System.err.println("could not delete Chromium's profile " + profile + ": " + stillInUse);
        }
    }
}
