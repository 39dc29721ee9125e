// Screening links across two browsers (SPEC R4.11, issue 10): a buyer in one browser context
// creates a link on his dashboard; a seller in another opens it and sees his record headed
// "Verified"; the link is then used up; the read-out code works on the lookup page; a seller who
// arrives logged out logs in and comes back to the record; the buyer sees a count, never who.
// A plain lookup says a pseudonym proves nothing. In English and German, with axe-core on every
// page (R10.2, R10.4) at a phone's width of 360 px, nothing wider.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import {
  checkPage,
  cliInvitation,
  expectHeading,
  formError,
  joinAsSeller,
  launchBrowser,
  newContext,
  pathOf,
  pseudonym,
  signUpBuyer,
  submitAndWait,
  submitLogin,
} from "./helpers.mjs";

/** The strings the test acts on (crates/web/locales/{en,de}/screening_links.ftl). */
const T = {
  en: {
    linksTitle: "Prove who you are to a member",
    create: "Create screening link",
    verified: "✓ Verified: whoever gave you this code controls this account",
    unverified: "Anyone can claim a pseudonym: ask for a screening code to be sure",
    lookupBuyer: (b) => `Buyer: ${b}`,
    notValid:
      "This screening code or link is not valid: it may be mistyped, already used or expired. Ask the client for a new one.",
    checkCode: "Check code",
    linkTitle: "Screening link",
    continue: "Continue to the record",
    used: (n) =>
      n === 1
        ? "1 of your screening links was used in the last 90 days. You are never told by whom."
        : `${n} of your screening links were used in the last 90 days. You are never told by whom.`,
    helpTitle: "How screening works",
  },
  de: {
    linksTitle: "Zeigen Sie einem Mitglied, dass Sie es sind",
    create: "Prüf-Link erstellen",
    verified: "✓ Bestätigt: Wer Ihnen diesen Code gegeben hat, verfügt über dieses Konto",
    unverified: "Jeder kann ein Pseudonym nennen: Bitten Sie um einen Prüfcode, um sicher zu sein",
    lookupBuyer: (b) => `Kunde: ${b}`,
    notValid:
      "Dieser Prüfcode oder Link gilt nicht: Er ist vielleicht falsch geschrieben, schon verwendet oder abgelaufen. Bitten Sie den Kunden um einen neuen.",
    checkCode: "Code prüfen",
    linkTitle: "Prüf-Link",
    continue: "Weiter zur Bilanz",
    used: (n) =>
      n === 1
        ? "1 Ihrer Prüf-Links wurde in den letzten 90 Tagen verwendet. Von wem, erfahren Sie nie."
        : `${n} Ihrer Prüf-Links wurden in den letzten 90 Tagen verwendet. Von wem, erfahren Sie nie.`,
    helpTitle: "So funktioniert die Prüfung",
  },
};

const PHONE = { width: 360, height: 740 };

async function text(locator) {
  return (await locator.innerText()).replace(/\s+/g, " ").trim();
}

/** Nothing on the page may be wider than the phone (no sideways scrolling). */
async function fitsPhone(page, label) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= PHONE.width, `${label}: the page is ${width} px wide at ${PHONE.width} px`);
}

/** On the buyer's dashboard: create a link; returns { url, code }. */
async function createLink(page, t) {
  await page.goto("/dashboard");
  await page.getByRole("heading", { name: t.linksTitle }).waitFor();
  const resp = await submitAndWait(page, page.locator("form[action='/screening-links'] button[type=submit]"));
  assert.equal(resp.status(), 200, `creating a link: ${await formError(page)}`);
  const url = (await page.locator("#link-url").textContent()).trim();
  const code = (await page.locator("#link-code").textContent()).trim();
  assert.match(url, /\/s\/[0-9a-hjkmnp-tv-z]{20}$/, `link ${url}`);
  assert.match(code, /^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/, `code ${code}`);
  return { url, code };
}

describe("screening links (R4.11)", () => {
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  for (const lang of ["en", "de"]) {
    const t = T[lang];
    test(`(l1-${lang}) a buyer's link proves him to a seller in another browser, once`, async (tt) => {
      const check = async (page, label) => {
        await tt.test(`axe: ${label}`, () => checkPage(page, label, lang));
        await tt.test(`width: ${label}`, () => fitsPhone(page, label));
      };
      const contexts = [];
      const page = async () => {
        const c = await newContext(browser, { lang });
        await c.newPage();
        contexts.push(c);
        const p = c.pages()[0];
        await p.setViewportSize(PHONE);
        return p;
      };
      try {
        const [b, s, late] = [await page(), await page(), await page()];
        const buyer = pseudonym(`Lb${lang}`);
        await signUpBuyer(b, buyer, lang);
        const seller = pseudonym(`Ls${lang}`);
        const sellerInvite = await cliInvitation();
        await joinAsSeller(s, sellerInvite, seller, lang);

        // The buyer creates a link on his dashboard (no script needed).
        const first = await createLink(b, t);
        await check(b, "buyer dashboard (new screening link)");

        // The seller, in her own browser, follows it: his record, headed "Verified".
        const opened = await s.goto(pathOf(first.url));
        assert.equal(opened.status(), 200, `opening the link: ${await formError(s)}`);
        assert.equal(await text(s.locator("#result-h")), t.lookupBuyer(buyer));
        assert.equal(await text(s.locator("#control")), t.verified);
        await check(s, "lookup through a screening link");

        // Used up: the same link again, and its code, are refused with one message.
        const again = await s.goto(pathOf(first.url));
        assert.equal(again.status(), 404);
        assert.equal(await formError(s), t.notValid);
        await s.locator("#screening_code").fill(first.code);
        const reused = await submitAndWait(s, s.getByRole("button", { name: t.checkCode }));
        assert.equal(reused.status(), 404);
        assert.equal(await formError(s), t.notValid);
        await check(s, "lookup (screening code not valid)");

        // A new code, typed on the lookup page.
        const second = await createLink(b, t);
        await s.goto("/lookup");
        await s.locator("#screening_code").fill(second.code.toLowerCase());
        const typed = await submitAndWait(s, s.getByRole("button", { name: t.checkCode }));
        assert.equal(typed.status(), 200, `the typed code: ${await formError(s)}`);
        assert.equal(await text(s.locator("#control")), t.verified);
        assert.equal(await text(s.locator("#result-h")), t.lookupBuyer(buyer));

        // A plain lookup says that a pseudonym proves nothing.
        await s.goto(`/lookup?pseudonym=${encodeURIComponent(buyer)}`);
        assert.ok((await text(s.locator("#control"))).startsWith(t.unverified));
        await check(s, "lookup by pseudonym (anyone can claim it)");

        // A seller who arrives logged out: the link page, log in, back to the record.
        const third = await createLink(b, t);
        const other = pseudonym(`Lo${lang}`);
        const otherInvite = await cliInvitation();
        await joinAsSeller(late, otherInvite, other, lang);
        await late.context().clearCookies();
        await late.goto(pathOf(third.url));
        await expectHeading(late, t.linkTitle);
        await check(late, "screening link (logged out)");
        await late.getByRole("link", { name: t.continue }).click();
        await late.waitForURL(/\/login\?next=/);
        const loggedIn = await submitLogin(late, other);
        assert.ok(loggedIn.status() < 400, `login: ${await formError(late)}`);
        assert.equal(new URL(late.url()).pathname, pathOf(third.url));
        assert.equal(await text(late.locator("#control")), t.verified);

        // The buyer sees how many were used, never by whom.
        await b.goto("/dashboard");
        assert.equal(await text(b.locator("#links-used")), t.used(3));
        const dash = await text(b.locator("main"));
        assert.ok(!dash.includes(seller) && !dash.includes(other), "the dashboard names a seller");
        await check(b, "buyer dashboard (links used)");

        await s.goto("/help#screening-links");
        await expectHeading(s, t.helpTitle);
        await check(s, "help");
      } finally {
        for (const c of contexts) {
          await c.close();
        }
      }
    });
  }
});
