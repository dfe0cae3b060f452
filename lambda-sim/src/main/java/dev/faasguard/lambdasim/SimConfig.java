package dev.faasguard.lambdasim;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything that describes the simulated function; built by {@link LambdaSim.Builder}.
 *
 * @param jars         the function's code: its jar first, then any library jars (the deployment package)
 * @param handler      the handler string, e.g. {@code com.example.Fn::handleRequest}
 * @param timeout      the function timeout (Lambda's default is 3 s)
 * @param initTimeout  how long initialization may take before the environment is killed (Lambda: 10 s)
 * @param memoryMb     the configured memory, which sizes the heap as Lambda's Java runtimes do
 * @param tmpSize      size of {@code /tmp}, in tmpfs syntax ({@code 512m}, {@code 64m}, {@code 1g})
 * @param javaHome     the JDK that runs the function
 * @param agentJar     a Java agent added with {@code -javaagent}, or null
 * @param agentArgs    its options (after {@code =}), or null
 * @param layers       layer zips, extracted in order into the function's {@code /opt} (needs the sandbox)
 * @param env          extra environment variables for the function
 * @param jvmArgs      extra JVM options, after the ones Lambda uses (so they win)
 * @param functionName the function name, region and so the ARN
 * @param region       the AWS region
 * @param sandbox      whether to use the sandbox (read-only root, private tmpfs /tmp)
 * @param workDir      where lambda-sim keeps the staged code and the environments' /tmp mounts (not under /tmp)
 */
public record SimConfig(List<Path> jars, String handler, Duration timeout, Duration initTimeout, int memoryMb,
                        String tmpSize, Path javaHome, Path agentJar, String agentArgs, List<Path> layers,
                        Map<String, String> env,
                        List<String> jvmArgs, String functionName, String region, SandboxMode sandbox,
                        Path workDir) {

    public SimConfig {
        jars = List.copyOf(jars);
        layers = List.copyOf(layers);
        env = Map.copyOf(env);
        jvmArgs = List.copyOf(jvmArgs);
    }

    public String functionArn() {
        return "arn:aws:lambda:" + region + ":123456789012:function:" + functionName;
    }

    /** Whether the sandbox is used. */
    public enum SandboxMode {
        /** Use it when this machine allows it; otherwise say so on stderr and run without. */
        AUTO,
        /** Use it, or fail to start. */
        REQUIRED,
        /** Never use it. */
        OFF
    }
}
