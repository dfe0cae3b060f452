package dev.faasguard.agent.invocation;

import dev.faasguard.agent.finding.CallSite;
import dev.faasguard.agent.finding.FindingRecorder;
import dev.faasguard.agent.finding.StackCapture;
import dev.faasguard.agent.rule.StateAcrossInvocationsRule;
import dev.faasguard.agent.rule.Violation;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

/**
 * {@code state-across-invocations}' sampler: the collections in the static fields of the application's classes (each
 * told once its static initializer is done, so the agent initializes none) and in the fields of the handler instance,
 * sized at each invocation end after the response, and judged by the rule. Bounded: at most {@link #MAX_FIELDS}
 * fields, one reflective read and one JDK {@code size()} each; a field that did not grow since the last sample costs
 * no allocation. Under concurrent invocations, "consecutive" is the order in which they end: one sample each time the
 * ended ones are settled.
 */
public final class StateFields {

    /** The most fields watched: a program with more has the first ones found watched. */
    static final int MAX_FIELDS = 1_024;

    private final StateAcrossInvocationsRule rule;
    private final FindingRecorder recorder;
    private final Predicate<String> application;
    /** Told on the initializing thread, read at the next sample: nothing is done while a class initializes. */
    private final Queue<Class<?>> initialized = new ConcurrentLinkedQueue<>();
    private final List<WatchedField> fields = new ArrayList<>();
    private volatile Object handlerSeen;
    /** The handler instance whose fields are watched; only the sampler's thread changes it. */
    private Object handlerWatched;

    /** @param application whether a class, by binary name, is the application's own */
    public StateFields(StateAcrossInvocationsRule rule, FindingRecorder recorder, Predicate<String> application) {
        this.rule = rule;
        this.recorder = recorder;
        this.application = application;
    }

    /** An application class with a field that may hold a collection is initialized. */
    public void classInitialized(Class<?> type) {
        initialized.add(type);
    }

    /** The object the handler runs on (the runtime client's, or that of {@code faasguard.handler}'s method). */
    public void handler(Object instance) {
        handlerSeen = instance;
    }

    /** What the runtime client's lookup returned: the application's handler object is in it. */
    public void handlerResolved(Object lookedUp) {
        Object instance = HandlerInstances.userInstance(lookedUp, application);
        if (instance != null) {
            handler(instance);
        }
    }

    /**
     * At an invocation end, after its response: sizes every field, records a finding for each that grew at each of the
     * last invocation ends.
     *
     * @param invocation the id of the invocation that ended last
     */
    public synchronized void sample(String invocation) {
        watchNewClasses();
        watchHandler();
        for (WatchedField field : fields) {
            try {
                StateAcrossInvocationsRule.FieldSizes sizes = field.sample(invocation);
                if (sizes != null) {
                    rule.evaluate(sizes).ifPresent(violation -> record(violation, field, invocation));
                }
            } catch (IllegalAccessException | RuntimeException | LinkageError unreadable) {
                // A field that cannot be read or sized now: it is read again at the next invocation end.
            }
        }
    }

    private void watchNewClasses() {
        for (Class<?> type = initialized.poll(); type != null; type = initialized.poll()) {
            try {
                for (Field field : type.getDeclaredFields()) {
                    if (Modifier.isStatic(field.getModifiers())) {
                        watch(field, null);
                    }
                }
            } catch (RuntimeException | LinkageError unreadable) {
                // A class whose fields cannot be listed (a type they name is missing): nothing of it is watched.
            }
        }
    }

    /** A new handler instance replaces the last one: the host made a new one, and the old one's state is gone. */
    private void watchHandler() {
        Object instance = handlerSeen;
        if (instance == null || instance == handlerWatched) {
            return;
        }
        Object previous = handlerWatched;
        handlerWatched = instance;
        fields.removeIf(field -> previous != null && field.holder() == previous);
        try {
            for (Class<?> type = instance.getClass(); type != null && type.getClassLoader() != null
                    && application.test(type.getName()); type = type.getSuperclass()) {
                for (Field field : type.getDeclaredFields()) {
                    if (!Modifier.isStatic(field.getModifiers())) {
                        watch(field, instance);
                    }
                }
            }
        } catch (RuntimeException | LinkageError unreadable) {
            // Fields that cannot be listed: those found so far are watched.
        }
    }

    /** Watches a field whose declared type may hold a collection, made readable once. */
    private void watch(Field field, Object holder) {
        Class<?> declared = field.getType();
        boolean mayHold = Collection.class.isAssignableFrom(declared) || Map.class.isAssignableFrom(declared)
                || declared == Object.class || declared == Iterable.class;
        if (!mayHold || fields.size() >= MAX_FIELDS) {
            return;
        }
        try {
            field.setAccessible(true);
            fields.add(new WatchedField(field, holder));
        } catch (RuntimeException notOpen) {
            // A field of a named module that does not open its package: not read.
        }
    }

    /**
     * At the one line of the field's class that adds to it when there is exactly one; else at the field itself (its
     * class, with the field's name where a method's would be), so that each field is one finding.
     */
    private void record(Violation violation, WatchedField field, String invocation) {
        List<AddSites.Site> sites = field.addSites();
        Class<?> owner = field.declaringClass();
        CallSite site = sites.size() == 1
                ? new CallSite(owner.getName(), sites.get(0).method(), sites.get(0).file(), sites.get(0).line())
                : new CallSite(owner.getName(), field.fieldName(), sites.isEmpty() ? null : sites.get(0).file(), -1);
        StackCapture.Capture capture = recorder.unlessIgnored(violation,
                StackCapture.Capture.direct(site, List.of(site.frame()), true));
        if (capture == null) {
            return;
        }
        List<String> addedAt = new ArrayList<>(sites.size());
        for (AddSites.Site at : sites) {
            addedAt.add(owner.getName() + "." + at.method() + "(" + at.file() + ":" + at.line() + ")");
        }
        recorder.record(violation, capture, sites.isEmpty() ? Map.of() : Map.of("addedAt", addedAt), invocation);
    }
}
