package dev.faasguard.agent.instrument.blocking;

import static dev.faasguard.agent.instrument.HookCall.BLOCKING;

import dev.faasguard.agent.instrument.EntryHook;
import dev.faasguard.agent.instrument.HookCall;
import dev.faasguard.agent.instrument.HookCall.Push;
import dev.faasguard.agent.instrument.MethodShape;
import dev.faasguard.agent.instrument.TypeInstrumentation;
import net.bytebuddy.jar.asm.MethodVisitor;

/**
 * The AWS SDK for Java v2 arms a timer for each call with an {@code apiCallTimeout} or
 * {@code apiCallAttemptTimeout} ({@code TimerUtils.timeSyncTaskIfNeeded}): when it fires, the SDK aborts the
 * call and interrupts its thread, whatever the socket timeouts underneath (30 s by default). A client configured
 * that way is bounded, and its socket reads are not judged by their own timeouts. Matched by class name, so no
 * other class pays for it.
 */
final class AwsSdkTimerInstrumentation implements TypeInstrumentation {

    private static final HookCall BOUNDED = HookCall.of(BLOCKING, "callBoundedFor", "(J)V", Push.longValue(1));

    @Override
    public String className() {
        return "software.amazon.awssdk.core.internal.http.timers.TimerUtils";
    }

    @Override
    public boolean jdkOnly() {
        return false;
    }

    @Override
    public MethodVisitor visitMethod(MethodShape method, MethodVisitor visitor) {
        return method.is("timeSyncTaskIfNeeded", "(Ljava/util/concurrent/ScheduledExecutorService;JLjava/lang/Thread;)"
                + "Lsoftware/amazon/awssdk/core/internal/http/timers/TimeoutTracker;")
                ? EntryHook.call(visitor, BOUNDED)
                : visitor;
    }
}
