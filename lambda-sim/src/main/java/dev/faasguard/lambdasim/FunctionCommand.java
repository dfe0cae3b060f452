package dev.faasguard.lambdasim;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The command line and the environment of a function JVM, as AWS Lambda's managed Java runtimes start it. */
final class FunctionCommand {
    static final String RUNTIME_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    /** Where the runtime client loads its JNI library from instead of unpacking it to /tmp. */
    static final String JNI_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";
    private static final String EXEC_WRAPPER = "AWS_LAMBDA_EXEC_WRAPPER";
    /** Makes the org.crac API (io.github.crac's org.crac jar) register hooks with the runtime client's CRaC context. */
    static final String CRAC_COMPAT = "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern RELEASE_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"?(\\d+)");

    private FunctionCommand() {
    }

    static Path javaExecutable(Path javaHome) {
        return javaHome.resolve("bin").resolve("java");
    }

    /**
     * {@code [wrapper] java <Lambda's JVM options> [-javaagent] [extra] -cp <runtime + task> AWSLambda <handler>};
     * {@code jniLibrary} is null in the sandbox, where the client unpacks its library into /tmp as on Lambda. As
     * Lambda does, an {@code AWS_LAMBDA_EXEC_WRAPPER} in the function's environment is run with the runtime's
     * command as its arguments.
     */
    static List<String> command(SimConfig config, Workspace workspace, Path jniLibrary) {
        long memKb = config.memoryMb() * 1024L;
        List<String> cmd = new ArrayList<>();
        String wrapper = config.env().get(EXEC_WRAPPER);
        if (wrapper != null && !wrapper.isEmpty()) {
            cmd.add(wrapper);
        }
        cmd.add(javaExecutable(config.javaHome()).toString());
        // The managed java17+ runtimes: 85% of the memory for the heap, 10% metaspace, 5% code cache,
        // the serial collector, class data sharing, and C1 only (tiered compilation stopped at level 1).
        cmd.add("-XX:MaxHeapSize=" + (memKb * 85 / 100) + "k");
        cmd.add("-XX:MaxMetaspaceSize=" + (memKb * 10 / 100) + "k");
        cmd.add("-XX:ReservedCodeCacheSize=" + (memKb * 5 / 100) + "k");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-Xshare:auto");
        cmd.add("-XX:+TieredCompilation");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-XX:-UsePerfData");
        cmd.add("-Djava.net.preferIPv4Stack=true");
        cmd.add("-Dfile.encoding=UTF-8");
        if (config.snapStart()) {
            // Lambda's Java runtimes pass it always; lambda-sim only where hooks are run, leaving the other modes'
            // command lines as they were.
            cmd.add(CRAC_COMPAT);
        }
        if (Integer.parseInt(javaFeature(config.javaHome())) >= 22) {
            // The runtime client loads its JNI library with System.load, a restricted method since JDK 22:
            // without this every cold start prints a native-access warning on stderr.
            cmd.add("--enable-native-access=ALL-UNNAMED");
        }
        if (workspace.agentJar() != null) {
            String args = config.agentArgs();
            cmd.add("-javaagent:" + workspace.agentJar() + (args == null || args.isEmpty() ? "" : "=" + args));
        }
        if (jniLibrary != null) {
            cmd.add("-D" + JNI_PROPERTY + "=" + jniLibrary);
        }
        cmd.addAll(config.jvmArgs());
        cmd.add("-cp");
        cmd.add(String.join(File.pathSeparator, workspace.classpath().stream().map(Path::toString).toList()));
        cmd.add(RUNTIME_MAIN);
        cmd.add(config.handler());
        return cmd;
    }

    /**
     * The function's whole environment: NOT inherited from lambda-sim (a Lambda function sees only what Lambda
     * sets and what its configuration adds), then the configured variables, which win except for the reserved
     * runtime API address.
     */
    static Map<String, String> environment(SimConfig config, Workspace workspace, int runtimeApiPort) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin/:/bin:/opt/bin");
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.put("JAVA_HOME", config.javaHome().toString());
        env.put("LAMBDA_TASK_ROOT", workspace.taskDir().toString());
        env.put("LAMBDA_RUNTIME_DIR", workspace.runtimeDir().toString());
        env.put("_HANDLER", config.handler());
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java" + javaFeature(config.javaHome()));
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", config.initializationType());
        if (config.concurrent()) {
            env.put("AWS_LAMBDA_MAX_CONCURRENCY", Integer.toString(config.maxConcurrency()));
        }
        env.put("AWS_LAMBDA_FUNCTION_NAME", config.functionName());
        env.put("AWS_LAMBDA_FUNCTION_VERSION", config.functionVersion());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(config.memoryMb()));
        env.put("AWS_REGION", config.region());
        env.put("AWS_DEFAULT_REGION", config.region());
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + config.functionName());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", logStreamName(config.functionVersion()));
        env.put("AWS_XRAY_CONTEXT_MISSING", "LOG_ERROR");
        env.putAll(config.env());
        env.put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + runtimeApiPort);
        return env;
    }

    /** {@code 2025/01/31/[$LATEST]0123456789abcdef0123456789abcdef}, one per execution environment. */
    static String logStreamName(String version) {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        return LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy/MM/dd"))
                + "/[" + version + "]" + HexFormat.of().formatHex(id);
    }

    /** The feature version of a JDK home ({@code 17}, {@code 25}), from its {@code release} file. */
    static String javaFeature(Path javaHome) {
        try {
            Matcher m = RELEASE_VERSION.matcher(Files.readString(javaHome.resolve("release")));
            if (m.find()) {
                return m.group(1);
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return Path.of(System.getProperty("java.home")).equals(javaHome)
                ? Integer.toString(Runtime.version().feature()) : "17";
    }
}
