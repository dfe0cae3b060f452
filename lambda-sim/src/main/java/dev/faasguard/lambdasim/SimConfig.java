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
 * @param snapStart    SnapStart mode: the runtime client runs its checkpoint protocol before the first invocation
 * @param snapshotAge  SnapStart: how long lambda-sim holds the snapshot (real time) before restoring it
 * @param maxConcurrency Lambda Managed Instances mode when at least 1: the runtime client runs that many threads,
 *                     each with its own {@code /next} loop; 0 for one invocation at a time
 */
public record SimConfig(List<Path> jars, String handler, Duration timeout, Duration initTimeout, int memoryMb,
                        String tmpSize, Path javaHome, Path agentJar, String agentArgs, List<Path> layers,
                        Map<String, String> env,
                        List<String> jvmArgs, String functionName, String region, SandboxMode sandbox,
                        Path workDir, boolean snapStart, Duration snapshotAge, int maxConcurrency) {

    public SimConfig {
        jars = List.copyOf(jars);
        layers = List.copyOf(layers);
        env = Map.copyOf(env);
        jvmArgs = List.copyOf(jvmArgs);
    }

    public String functionArn() {
        return "arn:aws:lambda:" + region + ":123456789012:function:" + functionName;
    }

    /** SnapStart snapshots only published versions, so a SnapStart function runs (and is invoked as) version 1. */
    public String functionVersion() {
        return snapStart ? "1" : "$LATEST";
    }

    /** The ARN the runtime receives per invocation: qualified with the version under SnapStart. */
    public String invokedFunctionArn() {
        return snapStart ? functionArn() + ":" + functionVersion() : functionArn();
    }

    /** Whether invocations run concurrently in one environment (Lambda Managed Instances). */
    public boolean concurrent() {
        return maxConcurrency > 0;
    }

    /** Lambda's {@code AWS_LAMBDA_INITIALIZATION_TYPE} for this mode. */
    public String initializationType() {
        if (snapStart) {
            return "snap-start";
        }
        return concurrent() ? "lambda-managed-instances" : "on-demand";
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
