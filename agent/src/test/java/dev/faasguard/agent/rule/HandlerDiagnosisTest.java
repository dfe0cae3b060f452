package dev.faasguard.agent.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.handlers.OrderHandler;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The handler lookup of the AWS runtime client, judged against the test classes as a deployment package. */
class HandlerDiagnosisTest {

    private static final HandlerDiagnosis.ClassPathNames TEST_CLASSES = HandlerDiagnosis.ClassPathNames.of(
            List.of(Path.of("target/test-classes")));

    private static Optional<HandlerDiagnosis.Diagnosis> diagnose(String handler, Throwable initFailure) {
        return HandlerDiagnosis.of(handler, HandlerDiagnosisTest.class.getClassLoader(), TEST_CLASSES, initFailure);
    }

    private static HandlerDiagnosis.Diagnosis problem(String handler) {
        return diagnose(handler, null).orElseThrow(() -> new AssertionError(handler + " was found"));
    }

    @Test
    void aHandlerTheRuntimeCanCallIsNoProblem() {
        assertEquals(Optional.empty(), diagnose("com.example.handlers.OrderHandler::handleRequest", null));
        assertEquals(Optional.empty(), diagnose("com.example.handlers.OrderHandler", null), "handleRequest by default");
        assertEquals(Optional.empty(), diagnose("com.example.handlers.OrderHandler::cancelOrder", null));
    }

    @Test
    void aMistypedClassNamesTheClassesNearest() {
        HandlerDiagnosis.Diagnosis typo = problem("com.example.handlers.OrderHandlr::handleRequest");
        assertEquals(HandlerDiagnosis.Problem.CLASS_MISSING, typo.problem());
        assertEquals(OrderHandler.class.getName(), typo.nearby().get(0));

        HandlerDiagnosis.Diagnosis otherPackage = problem("com.example.orders.OrderHandler::handleRequest");
        assertEquals(OrderHandler.class.getName(), otherPackage.nearby().get(0), "the same class in another package");
    }

    @Test
    void aMissingMethodNamesTheMethodsNearestAndTheHandlerInterface() {
        HandlerDiagnosis.Diagnosis missing = problem("com.example.handlers.OrderHandler::handle");
        assertEquals(HandlerDiagnosis.Problem.METHOD_MISSING, missing.problem());
        assertEquals(List.of("handleRequest"), missing.nearby().subList(0, 1));
        assertEquals(List.of("com.amazonaws.services.lambda.runtime.RequestHandler"), missing.interfaces());
    }

    @Test
    void aMethodOfTheWrongShapeOrOnAClassTheRuntimeCannotMake() {
        assertEquals(HandlerDiagnosis.Problem.METHOD_NOT_CALLABLE,
                problem("com.example.handlers.ReportHandler::summarize").problem());
        assertEquals(HandlerDiagnosis.Problem.NO_CONSTRUCTOR, problem("com.example.handlers.ReportHandler::render").problem());
    }

    @Test
    void aStaticInitializerThatThrewAndABadName() {
        HandlerDiagnosis.Diagnosis init = diagnose("com.example.handlers.OrderHandler::handleRequest",
                new ExceptionInInitializerError(new IllegalStateException("DATABASE_URL is not set"))).orElseThrow();
        assertEquals(HandlerDiagnosis.Problem.STATIC_INIT_FAILED, init.problem());
        assertTrue(init.what().contains("DATABASE_URL is not set"), init.what());
        assertEquals(HandlerDiagnosis.Problem.INVALID_NAME, problem("com.example.handlers.OrderHandler::").problem());
    }

    @Test
    void theFindingSaysWhatWasLookedForWhatIsCloseAndTheFix() {
        Violation violation = new HandlerNotFoundRule().evaluate(problem("com.example.handlers.OrderHandlr")).orElseThrow();
        assertEquals("The handler com.example.handlers.OrderHandlr cannot be called: class "
                + "com.example.handlers.OrderHandlr is not on the function's class path (closest: "
                + "com.example.handlers.OrderHandler); every invocation fails", violation.message());
        assertTrue(violation.fixText().startsWith("Did you mean com.example.handlers.OrderHandler?"), violation.fixText());
        assertEquals("class-missing", violation.detail().get("problem"));
    }
}
