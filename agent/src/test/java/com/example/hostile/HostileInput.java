package com.example.hostile;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Odd and hostile input for the agent, one step per method, each on a line marked for the test: writes through
 * symbolic links both ways, file names and a thread name and an exception message carrying newlines and escape
 * sequences, a URL with credentials, a 10,000-character path, a relative path with {@code ..}, symbolic links as the
 * last part of a path (made by the JVM, by another process, out of /tmp, replaced). Run with a
 * directory under /tmp and one outside it: {@code HostileInput <tmp-dir> <outside-dir>}, the working directory
 * being the outside one. Prints one line per step: its name and what happened.
 */
public final class HostileInput {

    /** What an attacker would like the log to show as a line of its own. */
    public static final String INJECTED = "\nINJECTED-LINE [FaaSGuard] fake\u001b[31m";
    public static final String EVIL_NAME = "evil" + INJECTED + "<b>.txt";
    public static final String THREAD_NAME = "worker" + INJECTED;
    public static final String ERROR_MESSAGE = "boom\r\nINJECTED-LINE <script>alert(1)</script> while fetching "
            + "https://alice:hunter2@example.com/data?api_key=SECRET-API-KEY&page=2";
    /** The user-info and query values of the URL called without a timeout: none may leave the process. */
    public static final String[] SECRETS = {"hunter2", "SECRET-API-KEY", "SECRET-SIGNATURE", "SECRET-CREDENTIAL",
        "SECRET-TOKEN"};

    private static Path tmp;
    private static Path outside;

    public static void main(String[] args) throws Exception {
        tmp = Path.of(args[0]);
        outside = Path.of(args[1]);
        for (String step : new String[] {"throughLinkInTmpToOutside", "throughLinkOutsideIntoTmp", "evilFileName",
                "loneSurrogateName", "invalidUtf8Name", "evilThreadAndMessage", "urlWithSecrets", "longPathInTmp",
                "longPathOutside", "relativeDotDot", "dotDotOutOfTmp", "leafLinkInTmpToOutside", "leafLinkBySubprocess",
                "danglingLeafLinkBySubprocess", "leafLinkOutsideIntoTmp", "leafLinkReplacedByFile"}) {
            try {
                HostileInput.class.getDeclaredMethod(step).invoke(null);
                System.out.println(step + " ok");
            } catch (java.lang.reflect.InvocationTargetException failed) {
                System.out.println(step + " failed: " + failed.getCause().getClass().getName());
            }
        }
    }

    static void throughLinkInTmpToOutside() throws IOException {
        Files.createDirectories(tmp.resolve("x"));
        Files.createSymbolicLink(tmp.resolve("x/link"), outside);
        new FileOutputStream(tmp + "/x/link/f").close(); // @line throughLinkInTmpToOutside
    }

    static void throughLinkOutsideIntoTmp() throws IOException {
        Files.createSymbolicLink(outside.resolve("into-tmp"), tmp);
        new FileOutputStream(outside + "/into-tmp/g").close(); // @line throughLinkOutsideIntoTmp
    }

    static void evilFileName() throws IOException {
        new FileOutputStream(outside + "/" + EVIL_NAME).close(); // @line evilFileName
    }

    static void loneSurrogateName() throws IOException {
        new FileOutputStream(outside + "/lone-\ud800-surrogate.txt").close(); // @line loneSurrogateName
    }

    /** A name the test made with the bytes 0xff 0xfe, not valid UTF-8, as the JDK decodes it. */
    static void invalidUtf8Name() throws IOException {
        File[] names = new File(outside.toString(), "invalid-utf8").listFiles();
        new FileOutputStream(names[0], true).close(); // @line invalidUtf8Name
    }

    static void evilThreadAndMessage() throws InterruptedException {
        Thread worker = new Thread(() -> {
            throw new IllegalStateException(ERROR_MESSAGE); // @line evilThreadAndMessage
        }, THREAD_NAME);
        worker.setUncaughtExceptionHandler((thread, error) -> { }); // the JVM's own handler would print it raw
        worker.start();
        worker.join();
    }

    /** An HTTP call with no read timeout to a server that accepts and answers nothing for 300 ms, then hangs up. */
    static void urlWithSecrets() throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            // HttpURLConnection tries a GET a second time when the first gets no answer: every connection is served.
            Thread silent = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket accepted = server.accept()) {
                        Thread.sleep(300);
                    } catch (Exception closed) {
                        return;
                    }
                }
            });
            silent.setDaemon(true);
            silent.start();
            URL url = new URL("http://alice:hunter2@127.0.0.1:" + server.getLocalPort() + "/objects/report.csv"
                    + "?X-Amz-Signature=SECRET-SIGNATURE&X-Amz-Credential=SECRET-CREDENTIAL&TOKEN=SECRET-TOKEN");
            HttpURLConnection connection = (HttpURLConnection) url.openConnection();
            connection.setConnectTimeout(1000);
            try (InputStream body = connection.getInputStream()) { // @line urlWithSecrets
                body.readAllBytes();
            }
        }
    }

    static void longPathInTmp() throws IOException {
        new FileOutputStream(tmp + "/" + "d/".repeat(5_000)).close(); // @line longPathInTmp
    }

    static void longPathOutside() throws IOException {
        new FileOutputStream(outside + "/" + "d/".repeat(5_000)).close(); // @line longPathOutside
    }

    /** The test made {@code sub} in the working directory. */
    static void relativeDotDot() throws IOException {
        new FileOutputStream("sub/../relative.txt").close(); // @line relativeDotDot
    }

    static void dotDotOutOfTmp() throws IOException {
        new FileOutputStream(tmp + "/x/../../.." + outside + "/dot-dot.txt").close(); // @line dotDotOutOfTmp
    }

    /** A link as the last part of the path, made by the JVM, to a file outside that does not exist yet. */
    static void leafLinkInTmpToOutside() throws IOException {
        Files.createSymbolicLink(tmp.resolve("leaf"), outside.resolve("leaf-target"));
        new FileOutputStream(tmp + "/leaf").close(); // @line leafLinkFileOutputStream
        Files.write(tmp.resolve("leaf"), new byte[] {1}); // @line leafLinkFilesWrite
        new RandomAccessFile(tmp + "/leaf", "rw").close(); // @line leafLinkRandomAccessFile
    }

    /** The same link made by another process, to a file it made too: no hook sees either made. */
    static void leafLinkBySubprocess() throws Exception {
        run("touch '" + outside + "/ln-target' && ln -s '" + outside + "/ln-target' '" + tmp + "/ln-leaf'");
        new FileOutputStream(tmp + "/ln-leaf").close(); // @line leafLinkBySubprocess
    }

    /** A link another process made to a file that does not exist yet. */
    static void danglingLeafLinkBySubprocess() throws Exception {
        run("ln -s '" + outside + "/dangling-target' '" + tmp + "/dangling-leaf'");
        new FileOutputStream(tmp + "/dangling-leaf").close(); // @line danglingLeafLinkBySubprocess
    }

    private static void run(String shellCommand) throws Exception {
        Process shell = new ProcessBuilder("sh", "-c", shellCommand).inheritIO().start();
        if (!shell.waitFor(10, TimeUnit.SECONDS) || shell.exitValue() != 0) {
            throw new IOException("failed: " + shellCommand);
        }
    }

    static void leafLinkOutsideIntoTmp() throws IOException {
        Files.createFile(tmp.resolve("in"));
        Files.createSymbolicLink(outside.resolve("leaf-into-tmp"), tmp.resolve("in"));
        new FileOutputStream(outside + "/leaf-into-tmp").close(); // @line leafLinkOutsideIntoTmp
    }

    static void leafLinkReplacedByFile() throws IOException {
        Path link = Files.createSymbolicLink(tmp.resolve("replaced"), outside.resolve("replaced-target"));
        Files.delete(link);
        Files.createFile(link);
        new FileOutputStream(link.toString()).close(); // @line leafLinkReplacedByFile
    }
}
