package dev.faasguard.agent.invocation;

import dev.faasguard.agent.finding.CallSite;
import dev.faasguard.agent.finding.FindingRecorder;
import dev.faasguard.agent.finding.StackCapture;
import dev.faasguard.agent.rule.HandlerDiagnosis;
import dev.faasguard.agent.rule.HandlerNotFoundRule;
import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The runtime client's handler lookup at init, judged: when it failed (it returned its stand-in that fails every
 * invocation, or the handler's class failed to initialize), one {@code handler-not-found} finding, during init and so
 * on no invocation, at the handler's class and method, saying what was looked for, what is close and what to change.
 */
final class HandlerLookups {

    /** The runtime client's stand-in for a handler it could not load. */
    private static final String USER_FAULT_HANDLER = "LambdaRequestHandler$UserFaultHandler";
    /** What the runtime client throws at each invocation of a handler it could not load. */
    private static final String RUNTIME_CLIENT_FAULT = "api.client.UserFault";

    private final HandlerNotFoundRule rule;
    private final FindingRecorder recorder;
    /** The initialization failure seen during the lookup, kept for its end. */
    private volatile Throwable initFailure;
    private volatile boolean reported;

    HandlerLookups(HandlerNotFoundRule rule, FindingRecorder recorder) {
        this.rule = rule;
        this.recorder = recorder;
    }

    /**
     * The handler's class failed to initialize: its lookup fails, or init does (then nothing else reports it).
     *
     * @return whether this made the finding
     */
    boolean initFailed(Throwable error, String className) {
        initFailure = error;
        // Unless a class was missing, the client now fails init with this error, and findRequestHandler returns nothing.
        return !(error instanceof NoClassDefFoundError)
                && judge(handlerOf(className), Thread.currentThread().getContextClassLoader());
    }

    /** The handler as the function names it, when it is this class's; else the class. */
    private static String handlerOf(String className) {
        String named = System.getenv("_HANDLER");
        return named != null && (named.equals(className) || named.startsWith(className + "::")) ? named : className;
    }

    /**
     * What the lookup returned: the handler, or the stand-in when it failed.
     *
     * @return whether this made the finding
     */
    boolean resolved(Object handler, String name, ClassLoader loader) {
        return handler != null && handler.getClass().getName().endsWith(USER_FAULT_HANDLER) && judge(name, loader);
    }

    /** @return whether a finding was made */
    private boolean judge(String name, ClassLoader loader) {
        if (reported) {
            return false;
        }
        ClassLoader where = loader != null ? loader : ClassLoader.getSystemClassLoader();
        Optional<HandlerDiagnosis.Diagnosis> diagnosis = HandlerDiagnosis.of(name, where,
                HandlerDiagnosis.ClassPathNames.of(classPath(where)), initFailure);
        if (diagnosis.isEmpty()) {
            return false;
        }
        reported = true;
        int separator = name.indexOf("::");
        CallSite site = new CallSite(separator < 0 ? name : name.substring(0, separator),
                separator < 0 ? "handleRequest" : name.substring(separator + 2), null, -1);
        StackCapture.Capture capture = recorder.unlessIgnored(HandlerNotFoundRule.DESCRIPTION,
                StackCapture.Capture.direct(site, List.of(), true));
        if (capture != null) {
            recorder.record(rule.evaluate(diagnosis.get()).orElseThrow(), capture, java.util.Map.of(), null);
        }
        return true;
    }

    /**
     * Whether the handler's failure to be found explains this invocation's error: the runtime client's own fault, which
     * it throws at every invocation of a handler it could not load; it is no second finding.
     */
    boolean explains(Throwable error) {
        return reported && error != null && error.getClass().getName().endsWith(RUNTIME_CLIENT_FAULT);
    }

    /**
     * The jars and directories a class loader reads: those of the URLClassLoaders up its chain (the runtime client's
     * loads the task root and its lib/), and the JVM's class path.
     */
    static List<Path> classPath(ClassLoader loader) {
        List<Path> entries = new ArrayList<>();
        for (ClassLoader at = loader; at != null; at = at.getParent()) {
            if (at instanceof URLClassLoader urls) {
                for (URL url : urls.getURLs()) {
                    try {
                        entries.add(Path.of(url.toURI()));
                    } catch (URISyntaxException | IllegalArgumentException notAFile) {
                        // Not a local file: nothing to list.
                    }
                }
            }
        }
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isEmpty() && !entries.contains(Path.of(entry))) {
                entries.add(Path.of(entry));
            }
        }
        return entries;
    }
}
