package dev.faasguard.lambdasim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The file system Lambda gives a function: everything read-only but {@code /tmp}, which is a tmpfs of a fixed size.
 *
 * <p>Each execution environment's {@code /tmp} is a tmpfs mounted in the HOST mount namespace on a host directory,
 * so what the function left there stays readable from the host after the function JVM is gone (even killed).
 * The function JVM is started by {@code unshare -m} in a private mount namespace in which that directory is
 * bind-mounted onto {@code /tmp}, the extracted layers (if any) onto {@code /opt}, and every other mount except
 * {@code /proc}, {@code /dev} and {@code /sys}, {@code /opt} included, is remounted read-only (bind remounts: the
 * host's mounts are untouched).
 */
final class Sandbox {
    /**
     * Runs in the new namespace: $1 = the mount tool, $2 = host directory of /tmp, $3 = host directory of /opt or
     * empty, the rest = the command to exec.
     */
    private static final String SCRIPT = String.join("\n",
            "set -e",
            "M=\"$1\"",
            "\"$M\" --bind \"$2\" /tmp",
            "if [ -n \"$3\" ]; then \"$M\" --bind \"$3\" /opt; fi",
            "shift 3",
            "while read -r dev mp rest; do",
            "  case \"$mp\" in /proc|/proc/*|/dev|/dev/*|/sys|/sys/*|/tmp) continue;; esac",
            "  if [ \"$mp\" = / ]; then \"$M\" -o remount,bind,ro /; else \"$M\" -o remount,bind,ro \"$mp\" 2>/dev/null || true; fi",
            "done < /proc/self/mounts",
            "exec \"$@\"");

    private static volatile Availability probed;

    /** Whether this machine can run the sandbox, and if not, why. */
    record Availability(boolean available, String reason) {
    }

    private Sandbox() {
    }

    /** Probes once per JVM: Linux, {@code unshare} and {@code mount} present, and a read-only remount in a new namespace works. */
    static Availability availability() {
        Availability a = probed;
        if (a == null) {
            a = probe();
            probed = a;
        }
        return a;
    }

    private static Availability probe() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return new Availability(false, "not Linux (" + System.getProperty("os.name") + ")");
        }
        for (String tool : List.of("unshare", "mount", "umount")) {
            if (findTool(tool) == null) {
                return new Availability(false, "'" + tool + "' not found");
            }
        }
        try {
            Process p = new ProcessBuilder(findTool("unshare"), "-m", "--propagation", "private", "/bin/sh", "-c",
                    "mount -o remount,bind,ro / && mount -t tmpfs -o size=1m tmpfs /tmp")
                    .redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Availability(false, "'unshare -m' did not finish");
            }
            if (p.exitValue() != 0) {
                return new Availability(false, "'unshare -m' with a read-only bind remount failed (exit "
                        + p.exitValue() + (out.isEmpty() ? "" : ": " + out) + "); it needs root or CAP_SYS_ADMIN");
            }
            return new Availability(true, "private mount namespace, read-only root, tmpfs /tmp");
        } catch (IOException e) {
            return new Availability(false, "cannot run unshare: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Availability(false, "interrupted while probing unshare");
        }
    }

    static String findTool(String name) {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin", "/usr/local/bin")) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    /** Mounts a tmpfs of {@code size} on {@code dir} (created) in the host namespace. */
    static void mountTmp(Path dir, String size) throws IOException {
        Files.createDirectories(dir);
        run(List.of(findTool("mount"), "-t", "tmpfs", "-o", "size=" + size + ",mode=1777", "lambda-sim-tmp",
                dir.toString()));
    }

    /** Unmounts a tmpfs made by {@link #mountTmp}; lazily if something still holds it. */
    static void unmountTmp(Path dir) {
        try {
            run(List.of(findTool("umount"), dir.toString()));
        } catch (IOException e) {
            try {
                run(List.of(findTool("umount"), "-l", dir.toString()));
            } catch (IOException e2) {
                System.err.println("lambda-sim: could not unmount " + dir + ": " + e2.getMessage());
            }
        }
    }

    /** The command that runs {@code command} inside a new sandbox whose /tmp is {@code hostTmp} and /opt {@code hostOpt} (or the host's, when null). */
    static List<String> wrap(Path hostTmp, Path hostOpt, List<String> command) {
        List<String> wrapped = new ArrayList<>(List.of(findTool("unshare"), "-m", "--propagation", "private",
                "/bin/sh", "-c", SCRIPT, "lambda-sim-sandbox", findTool("mount"), hostTmp.toString(),
                hostOpt == null ? "" : hostOpt.toString()));
        wrapped.addAll(command);
        return wrapped;
    }

    private static void run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed (exit " + p.exitValue() + "): " + out);
        }
    }
}
