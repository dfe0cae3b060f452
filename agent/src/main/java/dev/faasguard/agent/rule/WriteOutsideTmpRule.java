package dev.faasguard.agent.rule;

import dev.faasguard.bootstrap.Hooks;
import dev.faasguard.bootstrap.WritableRoots;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code write-outside-tmp}: a file created, opened for writing, moved or deleted outside the writable
 * roots. On AWS Lambda everything but /tmp is read-only, and such a call fails with EROFS.
 *
 * <p>It fires only where the kernel would really answer EROFS: creating a directory that already
 * exists fails with EEXIST instead, and deleting or renaming a file that does not exist with ENOENT,
 * so those are not findings.
 */
public final class WriteOutsideTmpRule implements Rule {

    public static final String ID = "write-outside-tmp";

    private final WritableRoots roots;
    private final String workingDirectory;
    private final String tmpDirectory;
    private final String homeDirectory;
    private final FileProbe probe;

    public WriteOutsideTmpRule(WritableRoots roots, String workingDirectory, String tmpDirectory,
            String homeDirectory, FileProbe probe) {
        this.roots = roots;
        this.workingDirectory = workingDirectory;
        this.tmpDirectory = tmpDirectory;
        this.homeDirectory = homeDirectory;
        this.probe = probe;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "A file is written outside the writable directories; on AWS Lambda only /tmp is writable.";
    }

    @Override
    public String fix() {
        return "Write under /tmp (java.io.tmpdir) and clean up after each invocation, or keep the data in "
                + "external storage (S3, DynamoDB, EFS mounted as a writable root).";
    }

    public Optional<Violation> evaluate(FileWrite write) {
        String rawPath = Hooks.OP_LOG_FILE.equals(write.operation())
                ? expandLogPattern(write.path())
                : write.path();
        String path = WritableRoots.resolve(rawPath, workingDirectory);
        String source = write.otherPath() == null ? null : WritableRoots.resolve(write.otherPath(), workingDirectory);
        String outside = firstOutside(write.operation(), path, source);
        if (outside == null || isDevice(outside) || !wouldFail(write.operation(), outside, source)) {
            return Optional.empty();
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("path", outside);
        detail.put("operation", write.operation());
        if (source != null) {
            detail.put("source", source);
        }
        detail.put("writableRoots", roots.toString());
        String message = String.format(
                "%s %s outside the writable directories (%s): on AWS Lambda this fails with \"Read-only file system\"",
                describe(write.operation()), outside, roots);
        return Optional.of(new Violation(this, message, detail));
    }

    /** The path that breaks the rule: the target, or for a move or rename the source it removes. */
    private String firstOutside(String operation, String target, String source) {
        if (!roots.contains(target)) {
            return target;
        }
        boolean removesSource = Hooks.OP_MOVE.equals(operation) || Hooks.OP_RENAME.equals(operation);
        if (removesSource && source != null && !roots.contains(source)) {
            return source;
        }
        return null;
    }

    private boolean wouldFail(String operation, String path, String source) {
        switch (operation) {
            case Hooks.OP_CREATE_DIRECTORY:
            case Hooks.OP_CREATE_DIRECTORIES:
                return !probe.exists(path);
            case Hooks.OP_DELETE:
                return probe.exists(path);
            case Hooks.OP_RENAME:
            case Hooks.OP_MOVE:
                return source == null || probe.exists(source);
            default:
                return true;
        }
    }

    private static boolean isDevice(String path) {
        return path.equals("/dev/null") || path.equals("/dev/stdout") || path.equals("/dev/stderr")
                || path.startsWith("/dev/fd/") || path.startsWith("/proc/self/fd/");
    }

    /** {@code java.util.logging.FileHandler} patterns: %t, %h, %g, %u and %%. */
    private String expandLogPattern(String pattern) {
        return pattern.replace("%%", "\u0000")
                .replace("%t", tmpDirectory)
                .replace("%h", homeDirectory)
                .replace("%g", "0")
                .replace("%u", "0")
                .replace("\u0000", "%");
    }

    private static String describe(String operation) {
        switch (operation) {
            case Hooks.OP_OPEN_FOR_APPEND: return "Opening for append";
            case Hooks.OP_CREATE_FILE: return "Creating file";
            case Hooks.OP_CREATE_TEMP_FILE: return "Creating a temporary file";
            case Hooks.OP_CREATE_DIRECTORY: return "Creating directory";
            case Hooks.OP_CREATE_DIRECTORIES: return "Creating directories";
            case Hooks.OP_DELETE: return "Deleting";
            case Hooks.OP_RENAME: return "Renaming";
            case Hooks.OP_MOVE: return "Moving";
            case Hooks.OP_COPY: return "Copying to";
            case Hooks.OP_LOG_FILE: return "java.util.logging.FileHandler opening log file";
            default: return "Opening for write";
        }
    }
}
