package dev.faasguard.agent.rule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code handler-not-found}: the handler the function names ({@code _HANDLER}) cannot be called: its class is not on
 * the class path, has no such method or none the runtime can call, cannot be made, or fails to initialize. The AWS
 * runtime client 2.9.0 starts anyway and fails every invocation with its own terse error ("Class not found: ...");
 * this says at init what was looked for, what is close, and what to change.
 */
public final class HandlerNotFoundRule implements Rule<HandlerDiagnosis.Diagnosis> {

    public static final RuleDescription DESCRIPTION = new RuleDescription("handler-not-found", Severity.ERROR,
            "The function's handler cannot be found or called: every invocation fails.",
            "Make the handler setting name a class in the deployment package and a public method of it the runtime "
                    + "can call (package.Class::method), or fix the class it names.",
            List.of("the runtime client's handler lookup at init", "java -jar faasguard-agent.jar check-handler"));

    @Override
    public RuleDescription description() {
        return DESCRIPTION;
    }

    @Override
    public Optional<Violation> evaluate(HandlerDiagnosis.Diagnosis diagnosis) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("handler", diagnosis.handler());
        detail.put("problem", diagnosis.problem().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        if (!diagnosis.nearby().isEmpty()) {
            detail.put("nearby", diagnosis.nearby());
        }
        if (!diagnosis.interfaces().isEmpty()) {
            detail.put("implements", diagnosis.interfaces());
        }
        StringBuilder message = new StringBuilder("The handler ").append(diagnosis.handler())
                .append(" cannot be called: ").append(diagnosis.what());
        if (!diagnosis.nearby().isEmpty()) {
            message.append(" (closest: ").append(String.join(", ", diagnosis.nearby())).append(')');
        }
        message.append("; every invocation fails");
        return Optional.of(new Violation(DESCRIPTION, message.toString(), detail, fix(diagnosis)));
    }

    private static String fix(HandlerDiagnosis.Diagnosis diagnosis) {
        String nearest = diagnosis.nearby().isEmpty() ? null : diagnosis.nearby().get(0);
        return switch (diagnosis.problem()) {
            case INVALID_NAME -> "Name the handler as package.Class::method (or package.Class for handleRequest).";
            case CLASS_MISSING -> (nearest == null ? "Name a class that is in the deployment package"
                    : "Did you mean " + nearest + "? Set the handler to it") + ", and check that the class is in the "
                    + "deployment package (the jar's root or lib/), not only in the build's output.";
            case DEPENDENCY_MISSING -> "Package the library the class needs with the function (a shaded jar, or the "
                    + "jar in lib/ of the zip, or a layer).";
            case METHOD_MISSING -> (nearest == null ? "Name a public method of the class"
                    : "Did you mean " + nearest + "? Name it after ::")
                    + (diagnosis.interfaces().isEmpty() ? "." : "; a class implementing "
                    + String.join(" or ", diagnosis.interfaces()) + " is called through handleRequest.");
            case METHOD_NOT_CALLABLE -> "Give the method the shape the runtime calls: (Event, Context), "
                    + "(InputStream, OutputStream, Context) or fewer of these, public.";
            case NO_CONSTRUCTOR -> "Give the class a public constructor without arguments (the runtime makes one "
                    + "instance with it), or make the handler method static.";
            case STATIC_INIT_FAILED -> "Make the class's static initialization unable to fail at init (read its "
                    + "settings with defaults, connect lazily), or fix what it throws.";
        };
    }
}
