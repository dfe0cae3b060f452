package dev.faasguard.agent.instrument.exceptions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.logging.Level;

/**
 * Catch blocks as applications write them, one per method: the sinners drop what they catch ({@code drops*}),
 * their twins keep it somewhere ({@code keeps*}). {@link CatchBlocksTest} reads this class's bytecode.
 */
@SuppressWarnings({"unused", "CallToPrintStackTrace"})
class CatchBlocks {

    private static final org.slf4j.Logger SLF4J = org.slf4j.LoggerFactory.getLogger(CatchBlocks.class);
    private static final java.util.logging.Logger JUL = java.util.logging.Logger.getLogger("catch-blocks");

    private final List<Exception> errors = new ArrayList<>();
    private Exception last;

    static int parse(String text) {
        return Integer.parseInt(text);
    }

    // ---- sinners ----

    int dropsInAnEmptyCatch(String text) {
        try {
            return parse(text);
        } catch (NumberFormatException e) {
        }
        return 0;
    }

    String dropsAfterLoggingOnlyTheMessageWithSlf4j(String text) {
        try {
            return "ok " + parse(text);
        } catch (RuntimeException e) {
            SLF4J.warn("could not parse: " + e.getMessage());
            return "error";
        }
    }

    String dropsAfterLoggingOnlyTheMessageWithJul(String text) {
        try {
            return "ok " + parse(text);
        } catch (RuntimeException e) {
            JUL.log(Level.WARNING, "could not parse {0}", e.getMessage());
            return "error";
        }
    }

    String dropsWithAGenericAnswer(String text) {
        try {
            return "ok " + parse(text);
        } catch (Exception e) {
            String kind = e instanceof NumberFormatException ? "bad number" : e.getClass().getSimpleName();
            return "{\"error\":\"something went wrong (" + kind + ", " + e + ")\"}";
        }
    }

    String dropsThroughAStringBuilder(String text) {
        try {
            return "ok " + parse(text);
        } catch (Exception e) {
            StringBuilder answer = new StringBuilder("failed: ").append(e);
            return answer.append(String.valueOf(e)).toString();
        }
    }

    int dropsWhenThrowingAnotherWithoutItsCause(String text) {
        try {
            return parse(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad input: " + e.getMessage());
        }
    }

    Callable<Integer> dropsInALambda(String text) {
        return () -> {
            try {
                return parse(text);
            } catch (NumberFormatException e) {
                return -1;
            }
        };
    }

    // ---- twins ----

    int keepsByRethrowing(String text) {
        try {
            return parse(text);
        } catch (NumberFormatException e) {
            throw e;
        }
    }

    int keepsAsACause(String text) {
        try {
            return parse(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad input", e);
        }
    }

    int keepsWithInitCause(String text) {
        try {
            return parse(text);
        } catch (NumberFormatException e) {
            IllegalStateException failure = new IllegalStateException("bad input");
            failure.initCause(e);
            throw failure;
        }
    }

    int keepsInSlf4jWithItsStack(String text) {
        try {
            return parse(text);
        } catch (NumberFormatException e) {
            SLF4J.error("could not parse {}", text, e);
            return 0;
        }
    }

    int keepsInLog4jWithItsStack(String text) {
        try {
            return parse(text);
        } catch (NumberFormatException e) {
            org.apache.logging.log4j.LogManager.getLogger().error("could not parse", e);
            return 0;
        }
    }

    int keepsInJulWithItsStack(String text) {
        try {
            return parse(text);
        } catch (NumberFormatException e) {
            JUL.log(Level.WARNING, "could not parse", e);
            return 0;
        }
    }

    int keepsByPrintingTheStack(String text) {
        try {
            return parse(text);
        } catch (NumberFormatException e) {
            e.printStackTrace();
            return 0;
        }
    }

    int keepsInAList(String text) {
        try {
            return parse(text);
        } catch (NumberFormatException e) {
            errors.add(e);
            return 0;
        }
    }

    int keepsInAField(String text) {
        try {
            return parse(text);
        } catch (NumberFormatException e) {
            last = e;
            return 0;
        }
    }

    Exception keepsByReturningIt(String text) {
        try {
            parse(text);
            return null;
        } catch (NumberFormatException e) {
            return e;
        }
    }

    /** Dropped on one path, rethrown on the other: kept, since a path shows it. */
    int keepsOnOnePath(String text, boolean strict) {
        try {
            return parse(text);
        } catch (NumberFormatException e) {
            Exception seen = e;
            if (strict) {
                throw (NumberFormatException) seen;
            }
            return 0;
        }
    }

    /** An interrupt is a request to stop, not an error: restoring the flag is what a catch block owes it. */
    void restoresTheInterrupt() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** try-with-resources and finally: the handlers the compiler makes catch anything and rethrow. */
    String keepsInCompilerMadeHandlers(String text) throws IOException {
        try (BufferedReader reader = new BufferedReader(new StringReader(text))) {
            return reader.readLine();
        } finally {
            errors.clear();
        }
    }

    Callable<Integer> keepsInALambda(String text) {
        return () -> {
            try {
                return parse(text);
            } catch (NumberFormatException e) {
                SLF4J.warn("could not parse", e);
                return -1;
            }
        };
    }
}
