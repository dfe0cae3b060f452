package dev.faasguard.agent.instrument.exceptions;

import java.util.concurrent.TimeUnit;

/** A switch on another class's enum: javac makes a synthetic lookup class whose catch blocks drop by design. */
class SwitchOnEnum {

    static String describe(TimeUnit unit) {
        switch (unit) {
            case SECONDS:
                return "s";
            case MILLISECONDS:
                return "ms";
            default:
                return unit.name();
        }
    }
}
