package dev.faasguard.agent.instrument.blocking;

import static dev.faasguard.agent.instrument.HookCall.BLOCKING;

import dev.faasguard.agent.instrument.HookCall;
import dev.faasguard.agent.instrument.HookCall.Push;
import dev.faasguard.agent.instrument.MethodShape;
import dev.faasguard.agent.instrument.TimedHook;
import dev.faasguard.agent.instrument.TypeInstrumentation;
import net.bytebuddy.jar.asm.MethodVisitor;

/**
 * {@code java.net.http.HttpClient}'s implementation: {@code send}, and the public three-argument
 * {@code sendAsync} that the two-argument one calls. The facts (the URI, the client's connect timeout
 * and the request's timeout, both {@code Optional<Duration>}) are read in the instrumented class:
 * java.net.http lives in the platform loader, whose types the boot-loader hooks cannot name.
 */
final class HttpClientInstrumentation implements TypeInstrumentation {

    private static final String CLIENT = "jdk/internal/net/http/HttpClientImpl";
    private static final String REQUEST = "java/net/http/HttpRequest";
    private static final String DESCRIPTOR = "(Ljava/net/URI;Ljava/util/Optional;Ljava/util/Optional;Z)I";
    private static final String SEND = "(Ljava/net/http/HttpRequest;Ljava/net/http/HttpResponse$BodyHandler;)"
            + "Ljava/net/http/HttpResponse;";
    private static final String SEND_ASYNC = "(Ljava/net/http/HttpRequest;Ljava/net/http/HttpResponse$BodyHandler;"
            + "Ljava/net/http/HttpResponse$PushPromiseHandler;)Ljava/util/concurrent/CompletableFuture;";

    @Override
    public String className() {
        return "jdk.internal.net.http.HttpClientImpl";
    }

    @Override
    public boolean addsLocals() {
        return true;
    }

    @Override
    public MethodVisitor visitMethod(MethodShape method, MethodVisitor visitor) {
        if (method.is("send", SEND)) {
            return TimedHook.around(method, visitor, enter(false));
        }
        return method.is("sendAsync", SEND_ASYNC) ? TimedHook.around(method, visitor, enter(true)) : visitor;
    }

    private static HookCall enter(boolean async) {
        return HookCall.of(BLOCKING, "httpClientSendEnter", DESCRIPTOR,
                Push.invoke(1, REQUEST, "uri", "()Ljava/net/URI;"),
                Push.call(CLIENT, "connectTimeout", "()Ljava/util/Optional;"),
                Push.invoke(1, REQUEST, "timeout", "()Ljava/util/Optional;"),
                Push.constant(async));
    }
}
