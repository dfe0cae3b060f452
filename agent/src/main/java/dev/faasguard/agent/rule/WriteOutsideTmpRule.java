package dev.faasguard.agent.rule;

import dev.faasguard.bootstrap.Operations;
import dev.faasguard.bootstrap.WritableRoots;
import java.util.LinkedHashMap;
import java.util.List;
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
public final class WriteOutsideTmpRule implements Rule<FileWrite> {

    public static final RuleDescription DESCRIPTION = new RuleDescription("write-outside-tmp", Severity.ERROR,
            "A file is written outside the writable directories; on AWS Lambda only /tmp is writable.",
            "Write under /tmp (java.io.tmpdir) and clean up after each invocation, or keep the data in "
                    + "external storage (S3, DynamoDB, EFS mounted as a writable root).",
            List.of(Operations.OPEN_FOR_WRITE, Operations.OPEN_FOR_APPEND, Operations.CREATE_FILE,
                    Operations.CREATE_TEMP_FILE, Operations.CREATE_DIRECTORY, Operations.CREATE_DIRECTORIES,
                    Operations.DELETE, Operations.RENAME, Operations.MOVE, Operations.COPY, Operations.LOG_FILE));

    private final WritableRoots roots;
    private final String workingDirectory;
    private final String tmpDirectory;
    private final String homeDirectory;
    private final FileProbe probe;

    public WriteOutsideTmpRule(RuleContext context) {
        this.roots = context.roots();
        this.workingDirectory = context.workingDirectory();
        this.tmpDirectory = context.tmpDirectory();
        this.homeDirectory = context.homeDirectory();
        this.probe = context.probe();
    }

    @Override
    public RuleDescription description() {
        return DESCRIPTION;
    }

    @Override
    public Optional<Violation> evaluate(FileWrite write) {
        return judge(write).map(this::violation);
    }

    /**
     * The decision alone, without what the finding says: a write repeated at a known line is only counted, and its
     * violation is built ({@link #violation}) only when something reads it.
     *
     * @return the write and the path of it that is outside, or empty when it is no finding
     */
    public Optional<Outside> judge(FileWrite write) {
        String rawPath = Operations.LOG_FILE.equals(write.operation())
                ? expandLogPattern(write.path())
                : write.path();
        Target path = target(rawPath, Operations.followsName(write.operation()));
        Target source = write.otherPath() == null ? null : target(write.otherPath(), false);
        Target outside = firstOutside(write.operation(), path, source);
        if (outside == null || isDevice(outside.written()) || isDevice(outside.real())
                || !wouldFail(write.operation(), outside.written(), source == null ? null : source.written())) {
            return Optional.empty();
        }
        return Optional.of(new Outside(write.operation(), outside, source == null ? null : source.written()));
    }

    /** What the finding says about a write {@link #judge} found outside. */
    public Violation violation(Outside write) {
        Target outside = write.target();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("path", outside.written());
        if (outside.throughLink()) {
            detail.put("resolvedPath", outside.real());
        }
        detail.put("operation", write.operation());
        if (write.source() != null) {
            detail.put("source", write.source());
        }
        detail.put("writableRoots", roots.toString());
        String through = outside.throughLink() ? " (through a symbolic link, really " + outside.real() + ")" : "";
        String message = describe(write.operation()) + " " + outside.written() + through
                + " outside the writable directories (" + roots + "): on AWS Lambda this fails with "
                + "\"Read-only file system\"";
        return new Violation(DESCRIPTION, message, detail);
    }

    /** A write found outside: its operation, the path of it that is outside, and the source of a move or copy. */
    public record Outside(String operation, Target target, String source) {}

    /**
     * A path as the application named it (absolute, normalized) and where it really leads, its symbolic links
     * followed: the kernel writes where the links lead, so that is what is judged.
     */
    record Target(String written, String real) {
        boolean throughLink() {
            return !written.equals(real);
        }
    }

    /** @param opened whether the file is opened, through a symbolic link at its name if there is one */
    private Target target(String rawPath, boolean opened) {
        String absolute = WritableRoots.absolute(rawPath, workingDirectory);
        return new Target(WritableRoots.resolve(rawPath, workingDirectory),
                opened ? probe.openedRealPath(absolute) : probe.realPath(absolute));
    }

    /** The path that breaks the rule: the target, or for a move or rename the source it removes. */
    private Target firstOutside(String operation, Target target, Target source) {
        if (!roots.containsReal(target.real())) {
            return target;
        }
        boolean removesSource = Operations.MOVE.equals(operation) || Operations.RENAME.equals(operation);
        if (removesSource && source != null && !roots.containsReal(source.real())) {
            return source;
        }
        return null;
    }

    private boolean wouldFail(String operation, String path, String source) {
        switch (operation) {
            case Operations.CREATE_DIRECTORY:
            case Operations.CREATE_DIRECTORIES:
                return !probe.exists(path);
            case Operations.DELETE:
                return probe.exists(path);
            case Operations.RENAME:
            case Operations.MOVE:
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
            case Operations.OPEN_FOR_APPEND: return "Opening for append";
            case Operations.CREATE_FILE: return "Creating file";
            case Operations.CREATE_TEMP_FILE: return "Creating a temporary file";
            case Operations.CREATE_DIRECTORY: return "Creating directory";
            case Operations.CREATE_DIRECTORIES: return "Creating directories";
            case Operations.DELETE: return "Deleting";
            case Operations.RENAME: return "Renaming";
            case Operations.MOVE: return "Moving";
            case Operations.COPY: return "Copying to";
            case Operations.LOG_FILE: return "java.util.logging.FileHandler opening log file";
            default: return "Opening for write";
        }
    }
}
