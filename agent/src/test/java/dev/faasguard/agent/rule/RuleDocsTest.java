package dev.faasguard.agent.rule;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The rule reference agrees with the catalog: one page docs/rules/&lt;id&gt;.md per rule and no page without a rule,
 * each titled with its id and saying the rule's severity, summary and fix word for word.
 */
class RuleDocsTest {

    private static final Path RULE_PAGES = Path.of(System.getProperty("faasguard.docs.dir", "../docs"), "rules");

    @Test
    void everyRuleHasItsPageAndEveryPageItsRule() throws IOException {
        Set<String> pages;
        try (Stream<Path> files = Files.list(RULE_PAGES)) {
            pages = files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".md"))
                    .filter(name -> !name.equals("README.md")).map(name -> name.substring(0, name.length() - 3))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(new TreeSet<>(RuleCatalog.ids()), pages, "docs/rules/<id>.md for each rule of RuleCatalog");
    }

    @Test
    void eachPageSaysItsRulesIdSeveritySummaryAndFix() throws IOException {
        List<Executable> checks = new ArrayList<>();
        for (RuleDescription rule : RuleCatalog.descriptions()) {
            Path page = RULE_PAGES.resolve(rule.id() + ".md");
            List<String> lines = Files.exists(page) ? Files.readAllLines(page, StandardCharsets.UTF_8) : List.of();
            checks.add(() -> assertEquals("# `" + rule.id() + "`", lines.isEmpty() ? "" : lines.get(0),
                    page + ": the title is the rule's id"));
            checks.add(() -> assertTrue(lines.contains("**Severity:** " + rule.severity().id()),
                    page + ": says **Severity:** " + rule.severity().id()));
            checks.add(() -> assertTrue(lines.contains(rule.summary()), page + ": has the summary, word for word: "
                    + rule.summary()));
            checks.add(() -> assertEquals(rule.fix(), paragraphAfter(lines, "## Fix"),
                    page + ": the first paragraph under ## Fix is the rule's fix, word for word"));
        }
        assertAll(checks);
    }

    /** The first non-blank line after a heading. */
    private static String paragraphAfter(List<String> lines, String heading) {
        int at = lines.indexOf(heading);
        for (int i = at + 1; at >= 0 && i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                return lines.get(i);
            }
        }
        return null;
    }
}
