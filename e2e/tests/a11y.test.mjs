// Accessibility (SPEC R10.2): every page, in English and in German (R10.4: chosen by the
// browser's Accept-Language), checked with axe-core in Chromium: zero violations. Each page is
// a subtest, so a report names every page that fails; details also land in test-results/.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import {
  PASSWORD,
  UI,
  base32Decode,
  checkPage,
  cliInvitation,
  currentStep,
  expectDashboard,
  expectHeading,
  formError,
  launchBrowser,
  logout,
  newContext,
  pathOf,
  pseudonym,
  submitAndWait,
  submitLogin,
  submitSignup,
  totpCode,
} from "./helpers.mjs";

for (const lang of ["en", "de"]) {
  const ui = UI[lang];

  describe(`(f) accessibility, ${lang === "en" ? "English" : "German"} (locale ${ui.locale})`, () => {
    let browser;
    before(async () => {
      browser = await launchBrowser();
    });
    after(async () => {
      await browser?.close();
    });

    async function withPage(fn) {
      const context = await newContext(browser, { lang });
      try {
        return await fn(await context.newPage());
      } finally {
        await context.close();
      }
    }

    test("pages without an account", async (t) => {
      await withPage(async (page) => {
        const check = (label) => t.test(label, () => checkPage(page, label, lang));

        await page.goto("/");
        await check("home");

        await page.goto("/signup");
        await check("signup");

        await page.goto("/login");
        await check("login");

        await page.goto("/recover");
        await check("recover");

        const missing = await page.goto("/nowhere");
        assert.equal(missing.status(), 404);
        await expectHeading(page, ui.errorTitle);
        await check("error page (404 /nowhere)");

        const invite = await cliInvitation();
        const join = await page.goto(pathOf(invite));
        assert.equal(join.status(), 200);
        await check("join");

        const bad = await page.goto("/join/not-a-valid-token");
        assert.equal(bad.status(), 403);
        await check("join with an invalid invitation (error page)");

        // Pages that answer a form post come last: the pages above need no post.
        await page.goto("/login");
        const failed = await submitLogin(page, pseudonym("Nobody"), PASSWORD);
        assert.equal(failed.status(), 401, `login form refused: ${await formError(page)}`);
        assert.equal(await formError(page), ui.loginFailed);
        await check("login with error");

        const weak = await submitSignupAt(page, "/signup", pseudonym("Weak"), "password1234");
        assert.ok(weak.status() >= 400, "a weak password was accepted");
        assert.equal(await page.locator("#signup-form #password").count(), 1,
          `the sign-up form is not shown again with its error: ${await formError(page)}`);
        await check("signup with error");
      });
    });

    test("seller pages", async (t) => {
      await withPage(async (page) => {
        const check = (label) => t.test(label, () => checkPage(page, label, lang));
        const name = pseudonym(`Sel${lang}`);

        const joined = await submitSignupAt(page, pathOf(await cliInvitation()), name);
        assert.equal(joined.status(), 200, `join failed: ${await formError(page)}`);
        await expectHeading(page, ui.codesTitle);
        await check("recovery codes after joining (seller)");

        await page.getByRole("link", { name: ui.codesSaved }).click();
        await page.waitForURL(/\/dashboard$/);
        await expectDashboard(page, name, lang);
        await check("dashboard (seller)");

        await page.goto("/");
        await check("home (logged in)");

        await page.goto("/settings");
        await check("settings (seller)");

        await submitAndWait(page, page.locator("form[action='/settings/invitations'] button"));
        await page.locator("#invitation-url").waitFor();
        await check("settings (seller) with a new invitation");

        // New recovery codes before TOTP is on: with it on they also need a code (step-up,
        // ASVS 7.5.1), and each code works once.
        await page.goto("/settings");
        await page.locator("#current_password_codes").fill(PASSWORD);
        await submitAndWait(page, page.locator("form[action='/settings/recovery-codes'] button"));
        await expectHeading(page, ui.codesTitle);
        await check("new recovery codes from settings (seller)");

        await page.goto("/settings");
        const { secret, step } = await startAndConfirmTotp(page, t, check, "seller");

        await page.goto("/dashboard");
        await logout(page, lang);
        const pw = await submitLogin(page, name, PASSWORD, lang);
        assert.equal(pw.status(), 200);
        await page.locator("#totp").waitFor();
        await check("login, code step");

        await page.locator("#totp").fill(totpCode(secret, Math.max(currentStep(), step + 1)));
        const done = await submitAndWait(page, page.locator("form[action='/login/totp'] button"));
        assert.equal(done.status(), 200, `TOTP login failed: ${await formError(page)}`);
        await expectDashboard(page, name, lang);
      });
    });

    test("buyer pages", async (t) => {
      await withPage(async (page) => {
        const check = (label) => t.test(label, () => checkPage(page, label, lang));
        const name = pseudonym(`Buy${lang}`);

        const signed = await submitSignupAt(page, "/signup", name);
        assert.equal(signed.status(), 200, `sign-up failed: ${await formError(page)}`);
        await expectHeading(page, ui.codesTitle);
        await check("recovery codes after sign-up (buyer)");

        await page.getByRole("link", { name: ui.codesSaved }).click();
        await page.waitForURL(/\/dashboard$/);
        await expectDashboard(page, name, lang);
        await check("dashboard (buyer)");

        await page.goto("/settings");
        await check("settings (buyer)");

        const { secret, step } = await startAndConfirmTotp(page, t, check, "buyer");

        await page.locator("#current_password_delete").fill(PASSWORD);
        // With TOTP on, deletion needs a current code too (step-up, ASVS 7.5.1).
        await page.locator("#totp_delete").fill(totpCode(secret, Math.max(currentStep(), step + 1)));
        await page.locator("#confirm").check();
        await submitAndWait(page, page.getByRole("button", { name: ui.deleteSubmit }));
        await expectHeading(page, ui.deletedTitle);
        await check("account deleted");
      });
    });

    /** On /settings: turn TOTP on (checking the setup state, a wrong code, and the "on" state). */
    async function startAndConfirmTotp(page, t, check, who) {
      await submitAndWait(page, page.getByRole("button", { name: ui.totpStart }));
      const secret = base32Decode((await page.locator("#totp-secret").textContent()).trim());
      await check(`settings (${who}) TOTP setup`);

      // A wrong code: the settings page with its error.
      const step = currentStep();
      const wrong = totpCode(secret, step + 5);
      await page.locator("#totp_code").fill(wrong);
      await page.locator("#current_password_totp2").fill(PASSWORD);
      const refused = await submitAndWait(page, page.getByRole("button", { name: ui.totpConfirm }));
      assert.ok(refused.status() >= 400, "a wrong TOTP code was accepted");
      await check(`settings (${who}) with an error`);

      // Start again (the setup may not survive an error) and confirm with the right code.
      if ((await page.locator("#totp-secret").count()) === 0) {
        await submitAndWait(page, page.getByRole("button", { name: ui.totpStart }));
      }
      const secret2 = base32Decode((await page.locator("#totp-secret").textContent()).trim());
      const step2 = currentStep();
      await page.locator("#totp_code").fill(totpCode(secret2, step2));
      await page.locator("#current_password_totp2").fill(PASSWORD);
      const ok = await submitAndWait(page, page.getByRole("button", { name: ui.totpConfirm }));
      assert.equal(ok.status(), 200, `confirming TOTP failed: ${await formError(page)}`);
      assert.equal((await page.locator("#notice").textContent()).trim(), ui.totpOn);
      await check(`settings (${who}) TOTP on`);
      return { secret: secret2, step: step2 };
    }
  });
}

/** Opens a sign-up or join form at `path` and submits it. */
async function submitSignupAt(page, path, name, password = PASSWORD) {
  await page.goto(path);
  return submitSignup(page, name, { password });
}
