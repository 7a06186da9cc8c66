// The accessibility audit itself: it must find and describe a violation, or a clean run of the
// suite would prove nothing. Uses its own, unwatched context so the automatic audit ignores it.
import { accessibilityViolations, describeViolations } from "../fixtures/axe";
import { expect, test } from "../fixtures/auth";

test("the accessibility audit reports rule, impact, target and help for a violation", async ({
  browser,
}) => {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.setContent(
      `<html lang="en"><title>t</title><main><p style="color:#aaa;background:#fff">Faint text</p>
       <button id="unnamed"><svg width="10" height="10"></svg></button></main></html>`,
    );
    const violations = await accessibilityViolations(page);
    expect(violations.map((v) => v.id).sort()).toEqual(["button-name", "color-contrast"]);
    const report = describeViolations("a test page", violations);
    expect(report).toContain("button-name (critical): Buttons must have discernible text");
    expect(report).toContain("at #unnamed");
    expect(report).toContain("color-contrast (serious)");
  } finally {
    await context.close();
  }
});
