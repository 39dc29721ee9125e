// Account flows in a real browser (SPEC §2): joining as a seller with the bootstrap link,
// buyer sign-up, logout and login, login with TOTP, account deletion, and the whole
// sign-up/login/logout flow without JavaScript (R10.1).

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import {
  BOOTSTRAP_URL,
  PASSWORD,
  UI,
  acceptRecoveryCodes,
  base32Decode,
  currentStep,
  expectDashboard,
  expectHeading,
  formError,
  joinAsSeller,
  launchBrowser,
  login,
  logout,
  newContext,
  pseudonym,
  sessionCookie,
  signUpBuyer,
  submitAndWait,
  submitLogin,
  submitSignup,
  totpCode,
} from "./helpers.mjs";

describe("accounts", () => {
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  /** Runs `fn(page, context)` in a fresh context that is closed afterwards. */
  async function withPage(opts, fn) {
    const context = await newContext(browser, opts);
    try {
      const page = await context.newPage();
      return await fn(page, context);
    } finally {
      await context.close();
    }
  }

  test("(0) a same-origin form post from Chromium passes the CSRF/Origin check (R2.8)", async () => {
    // Never with the diagnostic workaround: this is the check it works around.
    await withPage({ workaround: false }, async (page) => {
      await page.goto("/login");
      const origin = page.waitForRequest((r) => r.method() === "POST");
      const resp = await submitLogin(page, pseudonym("Nobody"), PASSWORD);
      const sent = (await (await origin).allHeaders()).origin;
      assert.equal(
        resp.status(),
        401,
        `a wrong login was answered ${resp.status()} instead of 401 (the form itself was refused;` +
          ` the browser sent Origin: ${sent}): ${await formError(page)}`,
      );
      assert.equal(await formError(page), UI.en.loginFailed);
    });
  });

  test("(0b) a refused form (expired CSRF token) answers an HTML page, not JSON", async () => {
    await withPage({}, async (page, context) => {
      await page.goto("/login");
      await context.clearCookies(); // as if the anonymous form token had expired
      const resp = await submitLogin(page, pseudonym("Stale"), PASSWORD);
      assert.equal(resp.status(), 403);
      const type = (await resp.allHeaders())["content-type"] ?? "";
      assert.match(
        type,
        /^text\/html/,
        `the refused form is answered with ${type}: ${(await page.locator("body").innerText()).slice(0, 200)}`,
      );
      assert.equal(await page.locator("html").getAttribute("lang"), "en");
      assert.equal(await page.locator("#quick-exit").count(), 1, "no quick exit on the error page");
    });
  });

  test("(a) a seller joins with the bootstrap link, sees recovery codes, then the dashboard", async () => {
    assert.ok(BOOTSTRAP_URL.includes("/join/"), "run.sh found no bootstrap link in the server output");
    await withPage({}, async (page) => {
      const name = pseudonym("Seller");
      await page.goto(new URL(BOOTSTRAP_URL).pathname);
      await expectHeading(page, "Join the cooperative");
      const resp = await submitSignup(page, name, { recoveryCodes: true });
      assert.equal(resp.status(), 200, `join answered ${resp.status()}: ${await formError(page)}`);
      await acceptRecoveryCodes(page);
      await expectDashboard(page, name);
      // A seller's dashboard offers inviting another seller.
      await page.getByRole("link", { name: "Invite a member" }).waitFor();
      // The bootstrap invitation is single use.
      await logout(page);
      const again = await page.goto(new URL(BOOTSTRAP_URL).pathname);
      assert.equal(again.status(), 403, "a used invitation must be refused");
      await expectHeading(page, UI.en.errorTitle);
    });
  });

  test("(b) a buyer signs up at /signup and reaches the dashboard", async () => {
    await withPage({}, async (page) => {
      const name = pseudonym("Buyer");
      await signUpBuyer(page, name);
      // A buyer's dashboard shows the reputation section, no seller actions.
      await page.getByRole("heading", { name: "Your reputation" }).waitFor();
      assert.equal(await page.getByRole("link", { name: "Invite a member" }).count(), 0);
    });
  });

  test("(c) logout with the nav button, then log in again", async () => {
    await withPage({}, async (page, context) => {
      const name = pseudonym("Relog");
      await signUpBuyer(page, name);
      const first = await sessionCookie(context);
      assert.ok(first, "no __Host-tessera cookie after sign-up (Secure cookie refused on http?)");
      assert.equal(first.secure, true, "session cookie not Secure");
      assert.equal(first.httpOnly, true, "session cookie not HttpOnly");
      assert.equal(first.sameSite, "Strict", "session cookie not SameSite=Strict");
      assert.equal(first.path, "/");

      await logout(page);
      assert.equal(await sessionCookie(context), undefined, "session cookie kept after logout");
      const dash = await page.goto("/dashboard");
      assert.ok(
        !/\/dashboard$/.test(page.url()) || dash.status() >= 400,
        "the dashboard is still reachable after logout",
      );

      await login(page, name);
      const second = await sessionCookie(context);
      assert.ok(second, "no session cookie after login");
      assert.notEqual(second.value, first.value, "login must issue a new session token (R2.7)");
      await page.goto("/settings");
      await expectHeading(page, "Settings");
    });
  });

  test("(d) two-step login: turn on TOTP in settings, log out, log in with password and code", async () => {
    await withPage({}, async (page) => {
      const name = pseudonym("Totp");
      await signUpBuyer(page, name);
      await page.goto("/settings");
      await submitAndWait(page, page.getByRole("button", { name: UI.en.totpStart }));
      const secretText = (await page.locator("#totp-secret").textContent()).trim();
      assert.match(secretText, /^[A-Z2-7]+=*$/, `#totp-secret is not base32: ${secretText}`);
      const secret = base32Decode(secretText);
      assert.ok(secret.length >= 16, `TOTP secret only ${secret.length} bytes`);
      await page.locator(".qr svg").waitFor();

      const confirmStep = currentStep();
      await page.locator("#totp_code").fill(totpCode(secret, confirmStep));
      await page.locator("#current_password_totp2").fill(PASSWORD);
      const confirmed = await submitAndWait(page, page.getByRole("button", { name: UI.en.totpConfirm }));
      assert.equal(confirmed.status(), 200, `confirming TOTP failed: ${await formError(page)}`);
      assert.equal((await page.locator("#notice").textContent()).trim(), UI.en.totpOn);

      await logout(page);

      // Password step, then the code step. The code used to confirm is spent (R2.5): it fails.
      let resp = await submitLogin(page, name);
      assert.equal(resp.status(), 200);
      await page.locator("form[action='/login/totp'] #totp").waitFor();
      assert.equal(await page.locator("#password").count(), 0, "the code step still asks for the password");
      await page.locator("#totp").fill(totpCode(secret, confirmStep));
      resp = await submitAndWait(page, page.locator("form[action='/login/totp'] button[type=submit]"));
      assert.equal(resp.status(), 401, "a TOTP code was accepted twice");
      assert.equal(await formError(page), UI.en.loginFailed);

      // A fresh code (the next step at the earliest: the server allows one step of drift).
      resp = await submitLogin(page, name);
      await page.locator("#totp").fill(totpCode(secret, Math.max(currentStep(), confirmStep + 1)));
      resp = await submitAndWait(page, page.locator("form[action='/login/totp'] button[type=submit]"));
      assert.equal(resp.status(), 200, `TOTP login failed: ${await formError(page)}`);
      await expectDashboard(page, name);
    });
  });

  test("(e) delete the account in settings; the login then fails", async () => {
    await withPage({}, async (page, context) => {
      const name = pseudonym("Gone");
      await signUpBuyer(page, name);
      await page.goto("/settings");
      await page.locator("#current_password_delete").fill(PASSWORD);
      await page.locator("#confirm").check();
      const resp = await submitAndWait(page, page.getByRole("button", { name: UI.en.deleteSubmit }));
      assert.equal(resp.status(), 200, `deletion failed: ${await formError(page)}`);
      await expectHeading(page, UI.en.deletedTitle);
      assert.equal(await sessionCookie(context), undefined, "session cookie kept after deletion");

      const failed = await submitLogin(page, name);
      assert.equal(failed.status(), 401);
      assert.equal(await formError(page), UI.en.loginFailed);

      // The pseudonym is free again (R2.11): a new account under it starts from zero.
      await signUpBuyer(page, name);
    });
  });

  test("(g) sign-up, logout and login work with JavaScript disabled", async () => {
    await withPage({ javaScriptEnabled: false }, async (page) => {
      const name = pseudonym("NoJs");
      await signUpBuyer(page, name);
      await logout(page);
      await login(page, name);
      await page.goto("/settings");
      await expectHeading(page, "Settings");
      await logout(page);
    });
  });
});

