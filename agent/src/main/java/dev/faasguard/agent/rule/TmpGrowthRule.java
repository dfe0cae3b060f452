package dev.faasguard.agent.rule;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code tmp-growth}: a warm invocation left files in /tmp. Lambda keeps /tmp between warm invocations
 * of an environment, so each one fills it a little more until one fails with "No space left on device".
 */
public final class TmpGrowthRule extends LifecycleRule {

    public static final String ID = "tmp-growth";

    public TmpGrowthRule() {
        super(ID, Severity.WARNING, "A warm invocation left files behind in /tmp: /tmp grows with every invocation.",
                "Delete what the invocation wrote to /tmp before it returns (try/finally, or a per-invocation "
                        + "directory removed at the end); keep on purpose only what a later invocation reuses.");
    }

    /** @param creatorKnown false when no hook saw the file being written: a subprocess or native code made it */
    public Violation evaluate(String path, long bytes, boolean creatorKnown, long leakedThisInvocation,
            long totalGrowth, String invocation) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("path", path);
        detail.put("bytes", bytes);
        detail.put("createdOutsideJvm", !creatorKnown);
        detail.put("bytesLeakedThisInvocation", leakedThisInvocation);
        detail.put("totalGrowthBytes", totalGrowth);
        detail.put("invocation", invocation);
        return new Violation(this, "Invocation " + invocation + " left " + path + " (" + Sizes.human(bytes)
                + ") in /tmp; it leaked " + Sizes.human(leakedThisInvocation) + " in all, /tmp has grown "
                + Sizes.human(totalGrowth) + " since the first invocation", detail);
    }
}
