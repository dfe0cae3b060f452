package dev.faasguard.agent.cli;

import dev.faasguard.agent.rule.HandlerDiagnosis;
import dev.faasguard.agent.rule.HandlerNotFoundRule;
import dev.faasguard.agent.rule.Violation;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code check-handler --handler com.example.Fn::handleRequest <jar or class path>}: the lookup the AWS runtime client
 * makes at init, without running the function (no class is initialized), for a build to run before it deploys. A jar
 * with a {@code lib/} of jars next to it, or a class path of jars and directories.
 */
final class CheckHandlerCommand {

    /** What the runtime provides and a deployment package often leaves out. */
    private static final String RUNTIME_API = "com/amazonaws/services/lambda/runtime/";

    private final PrintStream out;
    private final PrintStream err;

    CheckHandlerCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(String handler, String classPath) {
        List<Path> entries = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (!Files.exists(path)) {
                err.println("faasguard: " + entry + " does not exist");
                return Cli.USAGE;
            }
            entries.add(path);
        }
        URLClassLoader loader = new URLClassLoader(urls(entries), ClassLoader.getPlatformClassLoader());
        try {
            return judge(handler, loader, entries);
        } finally {
            try {
                loader.close();
            } catch (IOException ignored) {
                // The answer is known; a jar left open until the JVM exits costs nothing.
            }
        }
    }

    private int judge(String handler, ClassLoader loader, List<Path> entries) {
        Optional<HandlerDiagnosis.Diagnosis> diagnosis = HandlerDiagnosis.of(handler, loader,
                HandlerDiagnosis.ClassPathNames.of(entries), null);
        if (diagnosis.isEmpty()) {
            out.println("handler " + handler + ": found; the runtime can call it");
            return Cli.OK;
        }
        if (diagnosis.get().problem() == HandlerDiagnosis.Problem.DEPENDENCY_MISSING
                && diagnosis.get().what().contains(RUNTIME_API)) {
            err.println("faasguard: " + diagnosis.get().what() + ": add the aws-lambda-java-core jar, which the "
                    + "Lambda runtime provides, to the class path given to check-handler");
            return Cli.USAGE;
        }
        Violation violation = new HandlerNotFoundRule().evaluate(diagnosis.get()).orElseThrow();
        err.println("faasguard: handler-not-found: " + violation.message());
        err.println("  fix: " + violation.fixText());
        return Cli.NOT_FOUND;
    }

    /** The entries, and for a jar the jars in a {@code lib/} beside it (a zip's layout once unpacked). */
    private static URL[] urls(List<Path> entries) {
        List<URL> urls = new ArrayList<>();
        for (Path entry : entries) {
            add(urls, entry);
            Path lib = entry.toAbsolutePath().resolveSibling("lib");
            if (Files.isRegularFile(entry) && Files.isDirectory(lib)) {
                File[] jars = lib.toFile().listFiles((dir, name) -> name.endsWith(".jar"));
                for (File jar : jars == null ? new File[0] : jars) {
                    add(urls, jar.toPath());
                }
            }
        }
        return urls.toArray(URL[]::new);
    }

    private static void add(List<URL> urls, Path entry) {
        try {
            urls.add(entry.toUri().toURL());
        } catch (MalformedURLException cannotHappen) {
            throw new IllegalArgumentException(entry.toString(), cannotHappen);
        }
    }
}
