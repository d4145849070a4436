import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, type TestInfo } from "@playwright/test";

/** WCAG 2.2 AA and everything below it (SPEC §5). */
export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

type AxeResults = Awaited<ReturnType<AxeBuilder["analyze"]>>;
type Violation = AxeResults["violations"][number];

/** One violation as a few readable lines: rule, impact, what to fix, and where. */
export function describeViolation(violation: Violation): string {
  const nodes = violation.nodes.map((node) => {
    const target = node.target.map(String).join(" ");
    const summary = (node.failureSummary ?? "").replace(/\s*\n\s*/g, " ").trim();
    return `    at ${target}\n      ${node.html.slice(0, 200)}\n      ${summary}`;
  });
  return [
    `  [${violation.impact ?? "unknown"}] ${violation.id}: ${violation.help}`,
    `    ${violation.helpUrl}`,
    ...nodes,
  ].join("\n");
}

/**
 * Runs axe on the page as it is now and fails, listing every violation, when
 * there is any. The page must run JavaScript (axe is a script): for the
 * JavaScript-off project, pass the `a11yPage` fixture, not `page`.
 */
export async function expectNoAxeViolations(page: Page, testInfo: TestInfo, label?: string): Promise<void> {
  // After a plain form post the next page may still be arriving: scan all of it.
  await page.waitForLoadState("load");
  // @axe-core/playwright types `page` with its own copy of playwright-core
  // (npm may resolve its peer to a newer one than @playwright/test's); the
  // two Page types are the same API at run time.
  const axePage = page as unknown as ConstructorParameters<typeof AxeBuilder>[0]["page"];
  const results = await new AxeBuilder({ page: axePage }).withTags(WCAG_TAGS).analyze();
  const name = label ?? new URL(page.url()).pathname;
  if (results.violations.length > 0) {
    await testInfo.attach(`axe violations on ${name}`, {
      body: JSON.stringify(results.violations, null, 2),
      contentType: "application/json",
    });
  }
  const report = results.violations.map(describeViolation).join("\n");
  expect(
    results.violations.length,
    `axe found ${results.violations.length} violation(s) on ${name}:\n${report}`,
  ).toBe(0);
}
