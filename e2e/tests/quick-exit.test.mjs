// Quick exit (SPEC R10.3): the button, or Esc pressed twice, replaces the page with a neutral
// site and the history entry with it. The neutral site (www.wikipedia.org) is not reachable
// from the test machine, so its requests are answered by a stub through page.route.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import { BASE_URL, launchBrowser, newContext, pseudonym, signUpBuyer } from "./helpers.mjs";

const NEUTRAL = /^https?:\/\/www\.wikipedia\.org\//;

describe("(h) quick exit", () => {
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  /** A fresh page whose requests to the neutral site are recorded and stubbed. */
  async function withStubbedPage(fn) {
    const context = await newContext(browser);
    const requested = [];
    await context.route(NEUTRAL, (route) => {
      requested.push(route.request().url());
      return route.fulfill({
        status: 200,
        contentType: "text/html",
        body: "<!doctype html><html lang=en><title>Wikipedia</title><h1>Neutral</h1></html>",
      });
    });
    // Nothing else may leave the machine either.
    await context.route(
      (url) => url.origin !== BASE_URL && !NEUTRAL.test(url.href),
      (route) => route.abort(),
    );
    try {
      return await fn(await context.newPage(), requested);
    } finally {
      await context.close();
    }
  }

  async function expectLeft(page, requested, appPath, { checkHistory = true } = {}) {
    await page.waitForURL(NEUTRAL, { timeout: 10_000 });
    assert.ok(requested.length > 0, "no request to www.wikipedia.org");
    assert.ok(!page.url().startsWith(BASE_URL), `still on the app: ${page.url()}`);
    assert.equal(await page.locator("h1").textContent(), "Neutral");
    if (!checkHistory) {
      return;
    }
    // The app page's history entry was replaced: Back does not return to it.
    await page.goBack().catch(() => null);
    assert.notEqual(page.url(), `${BASE_URL}${appPath}`, "Back returns to the app page");
  }

  test("clicking #quick-exit leaves the app and replaces its history entry", async () => {
    await withStubbedPage(async (page, requested) => {
      await page.goto("/login");
      await page.locator("#quick-exit").click();
      await expectLeft(page, requested, "/login");
    });
  });

  test("pressing Esc twice leaves the app", async () => {
    await withStubbedPage(async (page, requested) => {
      await page.goto("/signup");
      await page.keyboard.press("Escape");
      await page.keyboard.press("Escape");
      await expectLeft(page, requested, "/signup");
    });
  });

  test("a single Esc does not leave", async () => {
    await withStubbedPage(async (page, requested) => {
      await page.goto("/");
      await page.keyboard.press("Escape");
      await page.waitForTimeout(1200);
      assert.equal(page.url(), `${BASE_URL}/`);
      assert.equal(requested.length, 0);
    });
  });

  test("quick exit works for a logged-in user too", async () => {
    await withStubbedPage(async (page, requested) => {
      await signUpBuyer(page, pseudonym("Exit"));
      await page.keyboard.press("Escape");
      await page.keyboard.press("Escape");
      await expectLeft(page, requested, "/dashboard", { checkHistory: false });
    });
  });
});
