// Shared helpers for the browser tests: the server under test (started by ../run.sh), Chromium,
// the account flows through the real forms, TOTP codes and the axe-core check.

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { createHmac, randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

import { chromium } from "playwright-core";
import AxeBuilderModule from "@axe-core/playwright";

const AxeBuilder = AxeBuilderModule.default ?? AxeBuilderModule;
const here = dirname(fileURLToPath(import.meta.url));

function required(name) {
  const v = process.env[name];
  if (!v) {
    throw new Error(`${name} is not set: run the tests through e2e/run.sh`);
  }
  return v;
}

/** http://127.0.0.1:<port>, without a trailing slash. */
export const BASE_URL = required("E2E_BASE_URL").replace(/\/+$/, "");
/** The bootstrap invitation the server printed on its first start (single use: test (a)). */
export const BOOTSTRAP_URL = process.env.E2E_BOOTSTRAP_URL ?? "";
/** The server's data folder, for `tessera invite`. */
export const DATA_DIR = required("E2E_DATA_DIR");
export const BINARY = required("E2E_BINARY");
export const RESULTS_DIR = process.env.E2E_RESULTS_DIR ?? join(here, "..", "test-results");

/** A strong password (zxcvbn score 4) shared by the test accounts. */
export const PASSWORD = "velvet lantern orbit quietly";

export const CHROMIUM = process.env.E2E_CHROMIUM ?? "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-quic",
  "--no-first-run",
  "--disable-sync",
];

/** The English and German UI strings the tests act on (crates/web/locales/{en,de}/*.ftl). */
export const UI = {
  en: {
    locale: "en-US",
    welcome: (n) => `Welcome, ${n}`,
    logout: "Log out",
    login: "Log in",
    codesTitle: "Your recovery codes",
    codesSaved: "I have saved them",
    totpStart: "Turn on two-step login",
    totpConfirm: "Confirm and turn on",
    totpOn: "Two-step login is on.",
    deleteSubmit: "Delete my account",
    deletedTitle: "Your account is deleted",
    loginFailed: "Login failed. Check your pseudonym, password and code.",
    errorTitle: "Something went wrong",
  },
  de: {
    locale: "de-DE",
    welcome: (n) => `Willkommen, ${n}`,
    logout: "Abmelden",
    login: "Anmelden",
    codesTitle: "Ihre Wiederherstellungscodes",
    codesSaved: "Ich habe sie gespeichert",
    totpStart: "Anmeldung in zwei Schritten einschalten",
    totpConfirm: "Bestätigen und einschalten",
    totpOn: "Die Anmeldung in zwei Schritten ist eingeschaltet.",
    deleteSubmit: "Mein Konto löschen",
    deletedTitle: "Ihr Konto ist gelöscht",
    loginFailed: "Anmeldung fehlgeschlagen. Prüfen Sie Pseudonym, Passwort und Code.",
    errorTitle: "Etwas ist schiefgelaufen",
  },
};

// ---------------------------------------------------------------------------------------------
// Browser

export async function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/**
 * Diagnostics only, off by default: E2E_WORKAROUND_NULL_ORIGIN=1 rewrites `Origin: null` on
 * requests to the app into the app's origin. Chromium sends `Origin: null` on same-origin form
 * posts when the page's Referrer-Policy is `no-referrer`, and the app refuses those posts (R2.8
 * check); with this switch the rest of the suite can still run to find other problems. A normal
 * run must pass without it.
 */
export const WORKAROUND_NULL_ORIGIN = process.env.E2E_WORKAROUND_NULL_ORIGIN === "1";

/**
 * A fresh context (own cookies) on the app, in `lang` ("en" or "de"); `baseURL` names another
 * server than the one run.sh started (the PostgreSQL one of network.test.mjs).
 */
export async function newContext(
  browser,
  {
    lang = "en",
    javaScriptEnabled = true,
    workaround = WORKAROUND_NULL_ORIGIN,
    baseURL = BASE_URL,
  } = {},
) {
  const context = await browser.newContext({
    baseURL,
    locale: UI[lang].locale,
    javaScriptEnabled,
  });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(20_000);
  if (workaround) {
    await context.route(
      (url) => url.origin === baseURL,
      async (route) => {
        const headers = route.request().headers();
        if (headers.origin !== "null") {
          return route.continue();
        }
        // Overriding the header in route.continue does not reach the server (Chromium keeps its
        // own Origin); send the request from Node instead and hand the answer to the page.
        const response = await route.fetch({
          headers: { ...headers, origin: baseURL },
          maxRedirects: 0,
        });
        return route.fulfill({ response });
      },
    );
  }
  return context;
}

/** A pseudonym unique in this run: 3–32 characters of letters, digits, `.`, `_`, `-`. */
export function pseudonym(prefix) {
  const p = `${prefix}_${randomBytes(4).toString("hex")}`;
  assert.ok(p.length >= 3 && p.length <= 32 && /^[A-Za-z0-9._-]+$/.test(p), p);
  return p;
}

/**
 * A new seller invitation URL from the operator's CLI (`tessera invite`), for the server run.sh
 * started, or for another one (`dataDir`, `baseUrl` and its `databaseUrl`).
 */
export async function cliInvitation({ dataDir = DATA_DIR, baseUrl = BASE_URL, databaseUrl } = {}) {
  // Keep the tests' own variables away from the CLI's `TESSERA_*` configuration layer.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith("TESSERA_")),
  );
  const db = databaseUrl ? ["--database-url", databaseUrl] : [];
  const { stdout } = await promisify(execFile)(
    BINARY,
    ["invite", "--data-dir", dataDir, ...db, "--base-url", baseUrl],
    { env, timeout: 30_000 },
  );
  const url = stdout
    .split("\n")
    .map((l) => l.trim())
    .find((l) => l.includes("/join/"));
  assert.ok(url, `tessera invite printed no /join/ link:\n${stdout}`);
  return url;
}

/** The path part of an absolute app URL (the tests always navigate relative to BASE_URL). */
export function pathOf(url) {
  const u = new URL(url);
  return u.pathname + u.search;
}

// ---------------------------------------------------------------------------------------------
// Flows through the real forms

/**
 * Clicks a submit button and waits for the page it leads to; returns the response of that page
 * (after redirects), whose status tells success (200) from a refused form (4xx).
 */
export async function submitAndWait(page, button) {
  const [resp] = await Promise.all([page.waitForNavigation(), button.click()]);
  assert.ok(resp, `no navigation after submitting on ${page.url()}`);
  return resp;
}

/** Fills and submits the sign-up / join form; returns the response of the POST. */
export async function submitSignup(page, name, { password = PASSWORD, recoveryCodes = true } = {}) {
  await page.locator("#pseudonym").fill(name);
  await page.locator("#password").fill(password);
  await page.locator("#recovery_codes").setChecked(recoveryCodes);
  return submitAndWait(page, page.locator("#signup-form button[type=submit]"));
}

/** On the recovery codes page after sign-up: checks the ten codes, continues to the dashboard. */
export async function acceptRecoveryCodes(page, lang = "en") {
  await expectHeading(page, UI[lang].codesTitle);
  const codes = await page.locator("#recovery-codes li code").allTextContents();
  assert.equal(codes.length, 10, `expected 10 recovery codes, got ${codes.length}`);
  for (const c of codes) {
    assert.ok(c.trim().length > 0, "empty recovery code");
  }
  assert.equal(new Set(codes).size, 10, "recovery codes are not all different");
  await page.getByRole("link", { name: UI[lang].codesSaved }).click();
  await page.waitForURL(/\/dashboard$/);
  return codes;
}

export async function expectHeading(page, text) {
  const h1 = page.locator("main h1");
  await h1.waitFor();
  assert.equal((await h1.textContent()).trim(), text, `h1 on ${page.url()}`);
}

export async function expectDashboard(page, name, lang = "en") {
  assert.match(page.url(), /\/dashboard$/, "not on the dashboard");
  await expectHeading(page, UI[lang].welcome(name));
}

/** Buyer sign-up at /signup with recovery codes, ending on the dashboard. */
export async function signUpBuyer(page, name, lang = "en") {
  await page.goto("/signup");
  const resp = await submitSignup(page, name);
  assert.equal(resp.status(), 200, `sign-up answered ${resp.status()}: ${await formError(page)}`);
  await acceptRecoveryCodes(page, lang);
  await expectDashboard(page, name, lang);
}

/** Seller joining with an invitation URL, ending on the dashboard. */
export async function joinAsSeller(page, inviteUrl, name, lang = "en") {
  await page.goto(pathOf(inviteUrl));
  const resp = await submitSignup(page, name);
  assert.equal(resp.status(), 200, `join answered ${resp.status()}: ${await formError(page)}`);
  await acceptRecoveryCodes(page, lang);
  await expectDashboard(page, name, lang);
}

export async function formError(page) {
  const e = page.locator("#form-error");
  if (await e.count()) {
    return (await e.textContent()).trim();
  }
  const body = (await page.locator("body").innerText().catch(() => "")).trim().slice(0, 300);
  return `(no #form-error on the page; it says: ${JSON.stringify(body)})`;
}

/** The password step of the login form; returns the response of the POST. */
export async function submitLogin(page, name, password = PASSWORD, lang = "en") {
  if (!/\/login(\?|$)/.test(page.url())) {
    await page.goto("/login");
  }
  await page.locator("#pseudonym").fill(name);
  await page.locator("#password").fill(password);
  return submitAndWait(page, page.locator("form[action='/login'] button[type=submit]"));
}

/** Logs in without a second factor, ending on the dashboard. */
export async function login(page, name, password = PASSWORD, lang = "en") {
  const resp = await submitLogin(page, name, password, lang);
  assert.ok(resp.status() < 400, `login answered ${resp.status()}: ${await formError(page)}`);
  await expectDashboard(page, name, lang);
}

/** The nav "Log out" button; ends on the home page, logged out. */
export async function logout(page, lang = "en") {
  await page.locator("header nav").getByRole("button", { name: UI[lang].logout }).click();
  await page.waitForURL(`${BASE_URL}/`);
  const nav = page.locator("header nav");
  await nav.getByRole("link", { name: UI[lang].login }).waitFor();
  assert.equal(await nav.getByRole("button", { name: UI[lang].logout }).count(), 0);
}

/** The session cookie as the browser stores it, if any. */
export async function sessionCookie(context) {
  return (await context.cookies(BASE_URL)).find((c) => c.name === "__Host-tessera");
}

// ---------------------------------------------------------------------------------------------
// TOTP (RFC 6238: HMAC-SHA1, 30 s, 6 digits)

export function base32Decode(s) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  const clean = s.replace(/[\s=]/g, "").toUpperCase();
  let bits = 0;
  let value = 0;
  const out = [];
  for (const ch of clean) {
    const i = alphabet.indexOf(ch);
    if (i < 0) {
      throw new Error(`not base32: ${JSON.stringify(ch)} in ${s}`);
    }
    value = (value << 5) | i;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

export const TOTP_STEP = 30;

export function currentStep(unixSeconds = Date.now() / 1000) {
  return Math.floor(unixSeconds / TOTP_STEP);
}

/** The 6-digit code of `secret` (bytes) for time step `step`. */
export function totpCode(secret, step) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac("sha1", secret).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const bin = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(bin).padStart(6, "0");
}

// ---------------------------------------------------------------------------------------------
// Accessibility (axe-core) and the parts every page must have

function safeName(s) {
  return s.replace(/[^A-Za-z0-9._-]+/g, "_").slice(0, 80);
}

export function formatViolations(violations) {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .map((n) => `      target ${JSON.stringify(n.target)}\n        ${(n.failureSummary ?? "").replace(/\n/g, "\n        ")}\n        html: ${n.html}`)
        .join("\n");
      return `  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes}`;
    })
    .join("\n");
}

/** The narrowest phone the pages are made for (DESIGN.md, issue 10). */
export const PHONE_WIDTH = 360;

/**
 * The page's width (`document.documentElement.scrollWidth`) when the viewport is a 360 px
 * phone; the viewport is put back afterwards. More than 360 means the page scrolls sideways.
 */
export async function widthOnPhone(page) {
  const before = page.viewportSize() ?? { width: 1280, height: 720 };
  await page.setViewportSize({ width: PHONE_WIDTH, height: 740 });
  try {
    return await page.evaluate(() => document.documentElement.scrollWidth);
  } finally {
    await page.setViewportSize(before);
  }
}

/**
 * Runs axe-core on the page as it is and asserts zero violations; also checks the page's
 * language, the quick exit control (R10.3) and that nothing is wider than a 360 px phone
 * (issue 10). Violations are written to test-results/ too.
 */
export async function checkPage(page, label, lang) {
  const phoneWidth = await widthOnPhone(page);
  const htmlLang = await page.locator("html").getAttribute("lang");
  const results = await new AxeBuilder({ page }).analyze();
  mkdirSync(RESULTS_DIR, { recursive: true });
  const record = {
    label,
    lang,
    url: page.url(),
    htmlLang,
    phoneWidth,
    axe: results.testEngine?.version,
    passes: results.passes.map((r) => r.id),
    incomplete: results.incomplete.map((r) => ({
      id: r.id,
      nodes: r.nodes.map((n) => ({ target: n.target, summary: n.failureSummary })),
    })),
    violations: results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      description: v.description,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({
        target: n.target,
        html: n.html,
        failureSummary: n.failureSummary,
      })),
    })),
  };
  writeFileSync(
    join(RESULTS_DIR, `axe-${lang}-${safeName(label)}.json`),
    JSON.stringify(record, null, 2),
  );
  const problems = [];
  if (htmlLang !== lang) {
    problems.push(`<html lang="${htmlLang}">, expected "${lang}"`);
  }
  if (phoneWidth > PHONE_WIDTH) {
    problems.push(`${phoneWidth} px wide at a ${PHONE_WIDTH} px viewport: the page scrolls sideways`);
  }
  if ((await page.locator("#quick-exit").count()) !== 1) {
    problems.push("no #quick-exit control on the page (R10.3)");
  }
  if (results.violations.length) {
    problems.push(
      `${results.violations.length} axe violation(s) on ${page.url()}:\n${formatViolations(results.violations)}`,
    );
  }
  assert.equal(problems.length, 0, `${label} [${lang}]:\n${problems.join("\n")}`);
}
