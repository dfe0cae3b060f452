package dev.faasguard.agent.rule;

import java.util.Optional;

/**
 * A rule reads like an Error Prone check: one class that describes itself and judges one kind of facts, the
 * record its hook or the invocation monitor hands it.
 *
 * @param <F> the facts it judges
 */
public interface Rule<F> {

    RuleDescription description();

    /** @return the violation these facts are, or empty when they break nothing */
    Optional<Violation> evaluate(F facts);
}
