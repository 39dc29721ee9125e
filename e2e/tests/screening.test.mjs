// Screening in a real browser: the charter's canonical flow (12.3) through the pages (SPEC R4.1–
// R4.5, R4.9). A buyer signs up; a seller joins with a fresh invitation, looks the buyer up,
// generates a rating code and rates him; the buyer opens the seller's profile link, rates the
// seller with the code and sees the thank-you page. Every error wording of R4.5 is checked where
// it belongs, "Report an issue" and "My history with this buyer" too, and every new page is
// checked with axe-core in English and German (R10.2, R10.4). The flow also runs with
// JavaScript disabled (R10.1).
//
// Each axe check ("axe: …") is a subtest, so one report names every page that fails while the
// flow goes on; so is each wording or formatting detail that need not stop the flow ("text: …").
// Everything else is asserted in line: a failure there stops the flow at the failing step.

import assert from "node:assert/strict";
import { randomInt } from "node:crypto";
import { after, before, describe, test } from "node:test";

import {
  BASE_URL,
  UI,
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

/** The screening strings the tests check (crates/web/locales/{en,de}/*.ftl). */
const T = {
  en: {
    dashLookup: "Look up buyer reputation",
    lookupTitle: "Look up a buyer",
    lookupBuyer: (b) => `Buyer: ${b}`,
    noBuyer: "No buyer account with this pseudonym. You can share the sign-up link with him.",
    bands: {
      high: "This buyer has high trust.",
      moderate: "This buyer has moderate trust. Interpret with caution.",
      low: "This buyer has low trust.",
      unknown: "No record yet: nobody has rated this buyer.",
    },
    unsafe: (f, n, s) => `Unsafe: ${f} of ${n} ratings (from ${s} sellers)`,
    unreliable: (f, n, s) => `Unreliable: ${f} of ${n} ratings (from ${s} sellers)`,
    lowSample: "Low sample size: interpret with caution",
    lookupHistory: "My history with this buyer",
    lookupReport: "Report an issue",
    reportRecorded:
      "Your report is recorded for the Dispute Resolution Committee. It will contact you through the seller network.",
    rateBuyerLink: "Submit rating for recent interaction",
    historyTitle: "My history with this buyer",
    historyHeading: (b) => `Your ratings of ${b}. Only you see these.`,
    historyNone: "You have not rated this buyer.",
    yes: "Yes",
    no: "No",
    rateTitle: "Rate buyer",
    rateSaved: (b, d) => `Your rating of ${b} for ${d} is saved.`,
    codesTitle: "Generate Rating Code",
    codesNone: "No codes in the last 90 days.",
    codesGenerate: "Generate Code",
    codesAnother: "Generate Another",
    codesBoundTo: (b) => `Only ${b} can use it.`,
    codesInvalidate: "Invalidate all unused codes",
    codesInvalidated: (n) =>
      n === 1 ? "1 unused code was invalidated." : `${n} unused codes were invalidated.`,
    statusUnused: "Status: Unused",
    statusUsed: "Status: Used",
    statusExpired: "Status: Expired (unused)",
    rsTitle: "Rate your experience with seller",
    rsVerify: "Verify Code",
    rsVerified: "Code verified ✓",
    rsHeading: (s) => `Rate your experience with seller: ${s}`,
    rsWeighted: "Note: Your rating will be weighted based on your safety and reliability scores.",
    rsSubmit: "Submit rating",
    rsDoneTitle: "Thank you",
    rsDone: (s) => `Your rating of ${s} is saved. It cannot be changed.`,
    noInteraction: "You must complete an interaction before rating",
    codeInvalid: "Code invalid or expired",
    codeUsed: "Code already used",
    codeAttempts: "Too many failed attempts",
    vocab: { accurate: "Accurate", onTime: "On time", professional: "Professional" },
    profileUses: "This seller uses Tessera for safety screening.",
    createBuyer: "Create buyer account",
    login: "Log in",
    profileRate: "Rate this seller",
    dashProfileLink: "Your profile link",
    dashReceived: "Ratings you received (without who gave them)",
    dashScore: /^Your reputation score \(Q_s\): \d\.\d\/5\.0\. \d+ of \d+ ratings count\.$/,
    /** The same line whatever the decimal separator (the exact form is a separate check). */
    dashScoreAny: /^Your reputation score \(Q_s\): \d[.,]\d\/5[.,]0\. \d+ of \d+ ratings count\.$/,
    unusedCodes: (n) => (n === 1 ? "1 unused rating code generated" : `${n} unused rating codes generated`),
    dashScoreNoneCounting:
      "No rating counts yet: the ratings released so far come from buyers whose own record gives them no weight.",
    buyerRepNone: "No ratings yet.",
    sellersOnly: "Only members can do this.",
    buyersOnly: "Only buyer accounts can do this.",
  },
  de: {
    dashLookup: "Ruf eines Kunden abfragen",
    lookupTitle: "Kunden abfragen",
    lookupBuyer: (b) => `Kunde: ${b}`,
    noBuyer: "Kein Kundenkonto mit diesem Pseudonym. Sie können ihm den Link zur Anmeldung geben.",
    bands: {
      high: "Dieser Kunde hat hohes Vertrauen.",
      moderate: "Dieser Kunde hat mittleres Vertrauen. Mit Vorsicht deuten.",
      low: "Dieser Kunde hat geringes Vertrauen.",
      unknown: "Noch keine Bilanz: Niemand hat diesen Kunden bewertet.",
    },
    unsafe: (f, n, s) => `Unsicher: ${f} von ${n} Bewertungen (von ${s} Mitgliedern)`,
    unreliable: (f, n, s) => `Unzuverlässig: ${f} von ${n} Bewertungen (von ${s} Mitgliedern)`,
    lowSample: "Kleine Stichprobe: mit Vorsicht deuten",
    lookupHistory: "Meine Bewertungen dieses Kunden",
    lookupReport: "Problem melden",
    reportRecorded:
      "Ihre Meldung ist für den Schlichtungsausschuss festgehalten. Er meldet sich über das Mitgliedernetz bei Ihnen.",
    rateBuyerLink: "Bewertung für ein Treffen abgeben",
    historyTitle: "Meine Bewertungen dieses Kunden",
    historyHeading: (b) => `Ihre Bewertungen von ${b}. Nur Sie sehen sie.`,
    historyNone: "Sie haben diesen Kunden nicht bewertet.",
    yes: "Ja",
    no: "Nein",
    rateTitle: "Kunden bewerten",
    rateSaved: (b, d) => `Ihre Bewertung von ${b} für den ${d} ist gespeichert.`,
    codesTitle: "Bewertungscode erzeugen",
    codesNone: "Keine Codes in den letzten 90 Tagen.",
    codesGenerate: "Code erzeugen",
    codesAnother: "Weiteren erzeugen",
    codesBoundTo: (b) => `Nur ${b} kann ihn verwenden.`,
    codesInvalidate: "Alle unbenutzten Codes entwerten",
    codesInvalidated: (n) =>
      n === 1 ? "1 unbenutzter Code wurde entwertet." : `${n} unbenutzte Codes wurden entwertet.`,
    statusUnused: "Status: Unbenutzt",
    statusUsed: "Status: Verwendet",
    statusExpired: "Status: Abgelaufen (unbenutzt)",
    rsTitle: "Bewerten Sie Ihr Treffen mit einem Mitglied",
    rsVerify: "Code prüfen",
    rsVerified: "Code bestätigt ✓",
    rsHeading: (s) => `Bewerten Sie Ihr Treffen mit: ${s}`,
    rsWeighted:
      "Hinweis: Ihre Bewertung wird nach Ihren Sicherheits- und Zuverlässigkeitswerten gewichtet.",
    rsSubmit: "Bewertung abschicken",
    rsDoneTitle: "Vielen Dank",
    rsDone: (s) => `Ihre Bewertung von ${s} ist gespeichert. Sie kann nicht geändert werden.`,
    noInteraction: "Sie müssen ein Treffen abgeschlossen haben, bevor Sie bewerten können",
    codeInvalid: "Code ungültig oder abgelaufen",
    codeUsed: "Code bereits verwendet",
    codeAttempts: "Zu viele Fehlversuche",
    vocab: { accurate: "Zutreffend", onTime: "Pünktlich", professional: "Professionell" },
    profileUses: "Dieses Mitglied nutzt Tessera zur Sicherheitsprüfung.",
    createBuyer: "Kundenkonto erstellen",
    login: "Anmelden",
    profileRate: "Dieses Mitglied bewerten",
    dashProfileLink: "Ihr Profil-Link",
    dashReceived: "Bewertungen, die Sie erhalten haben (ohne Angabe, von wem)",
    dashScore: /^Ihr Ruf-Wert \(Q_s\): \d,\d\/5,0\. \d+ von \d+ Bewertungen zählen\.$/,
    dashScoreAny: /^Ihr Ruf-Wert \(Q_s\): \d[.,]\d\/5[.,]0\. \d+ von \d+ Bewertungen zählen\.$/,
    unusedCodes: (n) => (n === 1 ? "1 unbenutzter Bewertungscode erzeugt" : `${n} unbenutzte Bewertungscodes erzeugt`),
    dashScoreNoneCounting:
      "Noch zählt keine Bewertung: Die bisher freigegebenen stammen von Kunden, deren eigene Bilanz ihnen kein Gewicht gibt.",
    buyerRepNone: "Noch keine Bewertungen.",
    sellersOnly: "Das können nur Mitglieder.",
    buyersOnly: "Das können nur Kundenkonten.",
  },
};

/** The text a user reads in `locator`, whitespace collapsed. */
async function text(locator) {
  return (await locator.innerText()).replace(/\s+/g, " ").trim();
}

/** The text of the `main` element, whitespace collapsed. */
async function mainText(page) {
  return text(page.locator("main"));
}

function assertStatus(resp, expected, what, detail = "") {
  assert.equal(resp.status(), expected, `${what}: answered ${resp.status()}, expected ${expected}${detail ? `: ${detail}` : ""}`);
}

/** A 6-digit code that is none of `known`. */
function wrongCode(known) {
  for (;;) {
    const c = String(randomInt(0, 1_000_000)).padStart(6, "0");
    if (!known.includes(c)) {
      return c;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Seller actions

/** The lookup form on /lookup: fill in `name` and search (a GET form). */
async function lookUp(page, name) {
  if (!new URL(page.url()).pathname.startsWith("/lookup")) {
    await page.goto("/lookup");
  }
  await page.locator("form[action='/lookup'] #pseudonym").fill(name);
  const resp = await submitAndWait(page, page.locator("form[action='/lookup'] button[type=submit]"));
  const u = new URL(page.url());
  assert.equal(u.pathname, "/lookup", "the lookup form did not lead to /lookup");
  assert.equal(u.searchParams.get("pseudonym"), name, "the lookup is not a GET with ?pseudonym=");
  return resp;
}

/** Asserts the lookup result for `buyer`: heading, band, counts, low-sample warning. */
async function expectLookupResult(page, t, buyer, { n, flaggedUnsafe = 0, flaggedUnreliable = 0, sellers }) {
  assert.equal(await text(page.locator("#result-h")), t.lookupBuyer(buyer), "lookup result heading");
  const band = await text(page.locator("main p.band"));
  assert.ok(Object.values(t.bands).includes(band), `unexpected band text ${JSON.stringify(band)}`);
  if (n === 0) {
    assert.equal(band, t.bands.unknown, "a buyer nobody rated must be in the unknown band");
  } else {
    assert.notEqual(band, t.bands.unknown, "a rated buyer is still shown as 'no record yet'");
  }
  assert.equal(await text(page.locator("#unsafe-count")), t.unsafe(flaggedUnsafe, n, sellers));
  const main = await mainText(page);
  assert.ok(
    main.includes(t.unreliable(flaggedUnreliable, n, sellers)),
    `no ${JSON.stringify(t.unreliable(flaggedUnreliable, n, sellers))} on the lookup page:\n${main}`,
  );
  // Fewer than 5 ratings: the warning must be there (R3.7).
  assert.ok(main.includes(t.lowSample), `no low-sample warning on the lookup page:\n${main}`);
  return band;
}

/** On /codes: generate a code (optionally bound to `buyer`); returns the 6 digits. */
async function generateCode(page, t, buyer = "") {
  if (new URL(page.url()).pathname !== "/codes") {
    await page.goto("/codes");
  }
  await page.locator("form[action='/codes'] #bound").fill(buyer);
  const resp = await submitAndWait(page, page.locator("form[action='/codes'] button[type=submit]"));
  assertStatus(resp, 200, "generating a code", await formError(page));
  const code = (await page.locator("#generated-code").textContent()).trim();
  assert.match(code, /^\d{6}$/, "the generated code is not 6 digits");
  if (buyer) {
    assert.ok((await mainText(page)).includes(t.codesBoundTo(buyer)), "no 'only <buyer> can use it' line");
  }
  // The next button offers another code; the history lists the new one as unused.
  await page.locator("form[action='/codes'] button[type=submit]", { hasText: t.codesAnother }).waitFor();
  assert.equal(await codeStatus(page, code), t.statusUnused, `new code ${code} not listed as unused`);
  return code;
}

/** The status shown in the code history on /codes for `code` (or undefined). */
async function codeStatus(page, code) {
  const items = await page.locator("ul.code-history li").allInnerTexts();
  const line = items.map((s) => s.replace(/\s+/g, " ").trim()).find((s) => s.startsWith(`${code} `));
  return line?.split(" – ").at(-1);
}

/** On /rate (already open): rate `buyer` safe/reliable for the default day (today). */
async function rateBuyer(page, t, buyer, { safe = true, reliable = true } = {}) {
  assert.equal(await page.locator("form[action='/rate'] #buyer").inputValue(), buyer, "buyer not pre-filled on /rate");
  await page.locator(safe ? "#safe-yes" : "#safe-no").check();
  await page.locator(reliable ? "#reliable-yes" : "#reliable-no").check();
  const day = await page.locator("#day").inputValue();
  assert.match(day, /^\d{4}-\d{2}-\d{2}$/, "no default day on the rating form");
  const resp = await submitAndWait(page, page.locator("form[action='/rate'] button[type=submit]"));
  assertStatus(resp, 200, "rating the buyer", await formError(page));
  await expectHeading(page, t.rateTitle);
  assert.equal(await text(page.locator("#notice")), t.rateSaved(buyer, day));
  return day;
}

/** The seller's profile URL as the seller dashboard shows it. */
async function profileUrlFromDashboard(page, t) {
  await page.goto("/dashboard");
  await page.getByRole("heading", { name: t.dashProfileLink }).waitFor();
  const url = (await page.locator("#profile-url").textContent()).trim();
  assert.match(url, /^https?:\/\/[^/]+\/verify\/[a-z2-7]{26}$/, `#profile-url is ${JSON.stringify(url)}`);
  return url;
}

// ---------------------------------------------------------------------------------------------
// Buyer actions

/** Step 1 of /rate-seller (already open): seller and code, "Verify Code". */
async function verifyCode(page, t, seller, code) {
  const form = page.locator("form[action='/rate-seller']");
  await form.locator("#seller").fill(seller);
  await form.locator("#code").fill(code);
  return submitAndWait(page, form.getByRole("button", { name: t.rsVerify }));
}

/** Step 1 with a code that must be refused with `message` and `status`. */
async function expectCodeRefused(page, t, seller, code, message, status) {
  const resp = await verifyCode(page, t, seller, code);
  assertStatus(resp, status, `code ${code} for ${seller}`, await formError(page));
  await expectHeading(page, t.rsTitle);
  assert.equal(await formError(page), message);
  // Still step 1, with the seller kept and no step-2 form.
  assert.equal(await page.locator("form[action='/rate-seller'] #seller").inputValue(), seller);
  assert.equal(await page.locator("form[action='/rate-seller/submit']").count(), 0);
  assert.equal(await page.locator("#educational").count(), 0, "the educational note is shown with an error");
}

/** Step 2 (after a verified code): the three answers, then the thank-you page. */
async function submitSellerRating(page, t, seller, check) {
  await expectHeading(page, t.rsTitle);
  assert.equal(await text(page.locator("main p.notice[role=status]")), t.rsVerified);
  const form = page.locator("form[action='/rate-seller/submit']");
  assert.ok((await text(form)).includes(t.rsHeading(seller)), "step 2 does not name the seller");
  assert.equal(await form.locator("fieldset").count(), 3, "step 2 has not three questions");
  for (const name of ["listing_accuracy", "punctuality", "professionalism"]) {
    assert.ok((await form.locator(`input[type=radio][name=${name}]`).count()) >= 3, `no radio group ${name}`);
  }
  assert.equal(await text(form.locator("p.help")), t.rsWeighted);
  if (check) {
    await check("rate-seller step 2");
  }
  await form.getByLabel(t.vocab.accurate, { exact: true }).check();
  await form.getByLabel(t.vocab.onTime, { exact: true }).check();
  await form.getByLabel(t.vocab.professional, { exact: true }).check();
  const resp = await submitAndWait(page, form.getByRole("button", { name: t.rsSubmit }));
  assertStatus(resp, 200, "submitting the seller rating", await formError(page));
  await expectHeading(page, t.rsDoneTitle);
  assert.ok((await mainText(page)).includes(t.rsDone(seller)), `no thank-you message: ${await mainText(page)}`);
}

/** The whole buyer rating with a code, from /rate-seller?seller=… to the thank-you page. */
async function rateSellerWithCode(page, t, seller, code) {
  await page.goto(`/rate-seller?seller=${encodeURIComponent(seller)}`);
  const resp = await verifyCode(page, t, seller, code);
  assertStatus(resp, 200, `verifying code ${code}`, await formError(page));
  await submitSellerRating(page, t, seller);
}

// ---------------------------------------------------------------------------------------------

describe("screening (charter 12.3)", () => {
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  /** Fresh contexts (own cookies) for `fn(pages…)`, closed afterwards. */
  async function withPages(n, opts, fn) {
    const contexts = [];
    try {
      const pages = [];
      for (let i = 0; i < n; i++) {
        const c = await newContext(browser, opts);
        contexts.push(c);
        pages.push(await c.newPage());
      }
      return await fn(...pages);
    } finally {
      for (const c of contexts) {
        await c.close();
      }
    }
  }

  for (const lang of ["en", "de"]) {
    const t = T[lang];
    const language = lang === "en" ? "English" : "German";

    test(`(s1-${lang}) canonical flow with every R4.5 error, axe on every page, ${language}`, async (tt) => {
      const check = (page, label) => tt.test(`axe: ${label}`, () => checkPage(page, label, lang));
      // Wording and formatting details that do not stop the flow: each is its own subtest.
      const soft = (label, fn) => tt.test(`text: ${label}`, fn);

      await withPages(3, { lang }, async (buyerPage, sellerPage, otherPage) => {
        // (1) A buyer signs up.
        const buyer = pseudonym(`Bu${lang}`);
        await signUpBuyer(buyerPage, buyer, lang);
        await check(buyerPage, "buyer dashboard");

        // (2) A seller joins with a fresh invitation and looks the buyer up.
        const seller = pseudonym(`Se${lang}`);
        await joinAsSeller(sellerPage, await cliInvitation(), seller, lang);
        const s = sellerPage;

        await s.getByRole("link", { name: t.dashLookup }).click();
        await s.waitForURL(/\/lookup$/);
        await expectHeading(s, t.lookupTitle);
        await check(s, "lookup (empty)");

        const nobody = pseudonym("Nobody");
        const missing = await lookUp(s, nobody);
        assertStatus(missing, 404, "lookup of an unknown pseudonym");
        assert.equal(await formError(s), t.noBuyer);
        const share = (await s.locator("main code").allTextContents()).map((c) => c.trim());
        assert.ok(share.length === 1 && share[0].endsWith("/signup"), `no sign-up link to share: ${share}`);
        await soft("the sign-up link to share is on this server", () => assert.equal(share[0], `${BASE_URL}/signup`));
        assert.equal(await s.locator("#result-h").count(), 0);
        await check(s, "lookup (not found)");

        const found = await lookUp(s, buyer);
        assertStatus(found, 200, "lookup of the new buyer", await formError(s));
        await expectLookupResult(s, t, buyer, { n: 0, sellers: 0 });
        await check(s, "lookup (result, no record)");

        // (3) The seller generates a code and rates the buyer (safe yes, reliable yes).
        await s.goto("/codes");
        await expectHeading(s, t.codesTitle);
        assert.ok((await mainText(s)).includes(t.codesNone), "a new seller has codes in her history");
        assert.equal(await s.locator("form[action='/codes'] button[type=submit]").innerText(), t.codesGenerate);
        await check(s, "codes (empty)");
        const code = await generateCode(s, t);
        await check(s, "codes (generated code and history)");
        await soft("with JavaScript, 'Copy Code' copies the code (codes-copy)", async () => {
          await s.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: BASE_URL });
          await s.evaluate(() => navigator.clipboard.writeText("(nothing copied)"));
          const copy = s.locator("#main button.js-copy");
          assert.ok(await copy.isVisible(), "no visible Copy Code button");
          await copy.click();
          const copied = await s.evaluate(() => navigator.clipboard.readText());
          assert.equal(copied, code, "clicking Copy Code did not put the code on the clipboard");
        });

        await lookUp(s, buyer);
        await s.locator("main").getByRole("link", { name: t.rateBuyerLink }).click();
        await s.waitForURL(/\/rate\?buyer=/);
        await expectHeading(s, t.rateTitle);
        await check(s, "rate buyer (form)");
        const day = await rateBuyer(s, t, buyer);
        await check(s, "rate buyer (saved)");

        await lookUp(s, buyer);
        const band = await expectLookupResult(s, t, buyer, { n: 1, sellers: 1 });
        await check(s, "lookup (result after a rating)");
        if (lang === "de") {
          const scores = await text(s.locator("main dl.scores"));
          await soft("German lookup numbers use a decimal comma", () =>
            assert.doesNotMatch(scores, /\d\.\d/, `numbers with a decimal point on the German lookup: ${scores}`));
        }

        // (6) "Report an issue" and "My history with this buyer".
        const reported = await submitAndWait(s, s.locator("main").getByRole("button", { name: t.lookupReport }));
        assertStatus(reported, 200, "Report an issue", await formError(s));
        assert.equal(await text(s.locator("main p.notice[role=status]")), t.reportRecorded);
        assert.equal(await text(s.locator("#result-h")), t.lookupBuyer(buyer), "the report did not go back to the lookup");
        await check(s, "lookup (issue reported)");

        await s.locator("main").getByRole("link", { name: t.lookupHistory }).click();
        await s.waitForURL(/\/history\?pseudonym=/);
        await expectHeading(s, t.historyTitle);
        assert.ok((await mainText(s)).includes(t.historyHeading(buyer)));
        let rows = await s.locator("main table tbody tr").allInnerTexts();
        assert.deepEqual(rows.map((r) => r.split("\t").map((c) => c.trim())), [[day, t.yes, t.yes, t.no]],
          "history rows before the code is used");
        await check(s, "history");

        const profileUrl = await profileUrlFromDashboard(s, t);
        await soft("the profile link is on this server", () => assert.equal(new URL(profileUrl).origin, BASE_URL));
        const unused = await text(s.locator("#unused-codes"));
        await soft("seller dashboard counts 1 unused code in the singular (dash-unused-codes)", () =>
          assert.equal(unused, t.unusedCodes(1)));

        // (4) The buyer opens the profile link, clicks "Rate this seller" and rates with the code.
        const b = buyerPage;
        const profile = await b.goto(pathOf(profileUrl));
        assertStatus(profile, 200, "profile page");
        await expectHeading(b, seller);
        const main = b.locator("main");
        assert.equal(await text(main.locator("p.lead")), t.profileUses);
        assert.equal(await main.getByRole("link", { name: t.createBuyer }).getAttribute("href"), "/signup");
        assert.equal(await main.getByRole("link", { name: t.login }).getAttribute("href"), "/login");
        await check(b, "profile page (logged in buyer)");
        await main.getByRole("link", { name: t.profileRate }).click();
        await b.waitForURL(/\/rate-seller\?seller=/);
        await expectHeading(b, t.rsTitle);
        assert.equal(await b.locator("#seller").inputValue(), seller, "the seller pseudonym is not pre-filled");
        // (5) Before any code: the educational note.
        assert.equal(await text(b.locator("#educational")), t.noInteraction);
        assert.equal(await b.locator("form[action='/rate-seller/submit']").count(), 0);
        await check(b, "rate-seller step 1");

        // (5) A wrong code.
        await expectCodeRefused(b, t, seller, wrongCode([code]), t.codeInvalid, 422);
        await check(b, "rate-seller step 1 (error)");

        const ok = await verifyCode(b, t, seller, code);
        assertStatus(ok, 200, "verifying the right code", await formError(b));
        await submitSellerRating(b, t, seller, (label) => check(b, label));
        await check(b, "rate-seller thank-you");

        // (5) The used code again.
        await b.goto(`/rate-seller?seller=${encodeURIComponent(seller)}`);
        await expectCodeRefused(b, t, seller, code, t.codeUsed, 409);

        // The seller's side after the redemption: the code is used, the rating verified.
        await s.goto("/codes");
        assert.equal(await codeStatus(s, code), t.statusUsed, "the redeemed code is not shown as used");
        await s.goto(`/history?pseudonym=${encodeURIComponent(buyer)}`);
        rows = await s.locator("main table tbody tr").allInnerTexts();
        assert.deepEqual(rows.map((r) => r.split("\t").map((c) => c.trim())), [[day, t.yes, t.yes, t.yes]],
          "the seller's rating of the code's day is not verified after the redemption (R4.4)");
        await lookUp(s, buyer);
        const band2 = await expectLookupResult(s, t, buyer, { n: 1, sellers: 1 });
        assert.equal(band2, band);

        // (5) Too many failed attempts: a fresh buyer, 5 failures in the hour, then even a valid
        // code is refused. The first failure is a code bound to the first buyer (R4.3).
        const bound = await generateCode(s, t, buyer);
        const valid = await generateCode(s, t);
        const other = pseudonym(`Lk${lang}`);
        const o = otherPage;
        await signUpBuyer(o, other, lang);
        await o.goto(`/rate-seller?seller=${encodeURIComponent(seller)}`);
        await expectCodeRefused(o, t, seller, bound, t.codeInvalid, 422);
        for (let i = 2; i <= 5; i++) {
          await expectCodeRefused(o, t, seller, wrongCode([code, bound, valid]), t.codeInvalid, 422);
        }
        await expectCodeRefused(o, t, seller, valid, t.codeAttempts, 429);
        await check(o, "rate-seller step 1 (too many failed attempts)");
        await s.goto("/codes");
        assert.equal(await codeStatus(s, valid), t.statusUnused, "a refused attempt used the code");
        assert.equal(await codeStatus(s, bound), t.statusUnused, "a refused attempt used the bound code");

        // The first buyer uses the bound code and the other one: 3 ratings release the seller's
        // received ratings on her dashboard (R4.8).
        await rateSellerWithCode(b, t, seller, bound);
        await rateSellerWithCode(b, t, seller, valid);
        await s.goto("/dashboard");
        const scoreLine = await text(s.locator("#seller-score"));
        assert.ok(t.dashScoreAny.test(scoreLine) || scoreLine === t.dashScoreNoneCounting,
          `seller score line after 3 released ratings: ${JSON.stringify(scoreLine)}`);
        if (scoreLine !== t.dashScoreNoneCounting) {
          await soft("seller score line uses the language's decimal separator (dash-score)", () =>
            assert.match(scoreLine, t.dashScore));
        }
        const received = s.locator("main table");
        assert.equal(await text(received.locator("caption")), t.dashReceived);
        assert.equal(await received.locator("tbody tr").count(), 3, "3 received ratings expected on the dashboard");
        assert.equal((await s.locator("#profile-url").textContent()).trim(), profileUrl, "the profile link changed");
        await check(s, "seller dashboard (score, received ratings, profile link)");

        // "Invalidate all unused codes".
        await s.goto("/codes");
        const spare = await generateCode(s, t);
        const inv = await submitAndWait(s, s.locator("main").getByRole("button", { name: t.codesInvalidate }));
        assertStatus(inv, 200, "invalidating the unused codes", await formError(s));
        const invalidated = await text(s.locator("#notice"));
        assert.ok(invalidated.startsWith("1 "), `invalidation notice ${JSON.stringify(invalidated)}`);
        await soft("invalidating 1 code is told in the singular (codes-invalidated)", () =>
          assert.equal(invalidated, t.codesInvalidated(1)));
        assert.equal(await codeStatus(s, spare), t.statusExpired, "an invalidated code is not shown as expired (unused)");
        await check(s, "codes (after invalidating)");
        await b.goto(`/rate-seller?seller=${encodeURIComponent(seller)}`);
        await expectCodeRefused(b, t, seller, spare, t.codeInvalid, 422);

        // The buyer's dashboard after all of it (the buyer's own view is delayed, R4.8).
        await b.goto("/dashboard");
        assert.ok((await mainText(b)).includes(t.buyerRepNone), "the buyer's own view is not delayed");
        await check(b, "buyer dashboard (after the flow)");
      });
    });
  }

  test("(s2) the flow (lookup, code, rating, profile link, rating the seller) works without JavaScript", async (tt) => {
    const t = T.en;
    const soft = (label, fn) => tt.test(`text: ${label}`, fn);
    await withPages(2, { javaScriptEnabled: false }, async (b, s) => {
      const buyer = pseudonym("NoJsBu");
      await signUpBuyer(b, buyer);
      const seller = pseudonym("NoJsSe");
      await joinAsSeller(s, await cliInvitation(), seller);

      // Lookup: not found, then the buyer.
      await s.goto("/lookup");
      assertStatus(await lookUp(s, pseudonym("Nobody")), 404, "lookup of an unknown pseudonym");
      assert.equal(await formError(s), t.noBuyer);
      assertStatus(await lookUp(s, buyer), 200, "lookup", await formError(s));
      await expectLookupResult(s, t, buyer, { n: 0, sellers: 0 });

      // Code and rating.
      await s.goto("/codes");
      const code = await generateCode(s, t);
      const copy = s.locator("#main button.js-copy");
      const copyShown = await copy.isVisible();
      const copyHidden = (await copy.getAttribute("hidden")) !== null;
      const copyDisplay = await copy.evaluate((e) => getComputedStyle(e).display);
      await soft("without JavaScript, the 'Copy Code' button (which needs a script) is not shown", () =>
        assert.ok(!copyShown,
          `the button is visible (hidden attribute: ${copyHidden}, computed display: ${copyDisplay})`));
      await lookUp(s, buyer);
      await s.locator("main").getByRole("link", { name: t.rateBuyerLink }).click();
      await s.waitForURL(/\/rate\?buyer=/);
      const day = await rateBuyer(s, t, buyer);
      await lookUp(s, buyer);
      await expectLookupResult(s, t, buyer, { n: 1, sellers: 1 });
      await submitAndWait(s, s.locator("main").getByRole("button", { name: t.lookupReport }));
      assert.equal(await text(s.locator("main p.notice[role=status]")), t.reportRecorded);
      await s.locator("main").getByRole("link", { name: t.lookupHistory }).click();
      await s.waitForURL(/\/history\?pseudonym=/);
      const rows = await s.locator("main table tbody tr").allInnerTexts();
      assert.equal(rows.length, 1);
      assert.ok(rows[0].startsWith(day), `history row ${JSON.stringify(rows[0])}`);
      const profileUrl = await profileUrlFromDashboard(s, t);

      // The buyer: profile link, "Rate this seller", a wrong code, the code, three answers.
      await b.goto(pathOf(profileUrl));
      await expectHeading(b, seller);
      await b.locator("main").getByRole("link", { name: t.profileRate }).click();
      await b.waitForURL(/\/rate-seller\?seller=/);
      assert.equal(await b.locator("#seller").inputValue(), seller);
      assert.equal(await text(b.locator("#educational")), t.noInteraction);
      await expectCodeRefused(b, t, seller, wrongCode([code]), t.codeInvalid, 422);
      assertStatus(await verifyCode(b, t, seller, code), 200, "verifying the code", await formError(b));
      await submitSellerRating(b, t, seller);
      await b.goto(`/rate-seller?seller=${encodeURIComponent(seller)}`);
      await expectCodeRefused(b, t, seller, code, t.codeUsed, 409);

      await s.goto("/codes");
      assert.equal(await codeStatus(s, code), t.statusUsed);
    });
  });

  test("(s3) the profile page is public; screening pages are for their account type only", async (tt) => {
    const t = T.en;
    await withPages(3, {}, async (anon, b, s) => {
      const seller = pseudonym("PubSe");
      await joinAsSeller(s, await cliInvitation(), seller);
      const profileUrl = await profileUrlFromDashboard(s, t);
      const buyer = pseudonym("PubBu");
      await signUpBuyer(b, buyer);

      // Logged out: the profile page with its three buttons.
      const resp = await anon.goto(pathOf(profileUrl));
      assertStatus(resp, 200, "profile page without an account");
      await expectHeading(anon, seller);
      const main = anon.locator("main");
      assert.equal(await text(main.locator("p.lead")), t.profileUses);
      await main.getByRole("link", { name: t.createBuyer }).waitFor();
      await main.getByRole("link", { name: t.login }).waitFor();
      assert.equal(
        await main.getByRole("link", { name: t.profileRate }).getAttribute("href"),
        `/rate-seller?seller=${encodeURIComponent(seller)}`,
      );
      await tt.test("axe: profile page (logged out)", () => checkPage(anon, "profile page (logged out)", "en"));
      const bogus = await anon.goto("/verify/aaaaaaaaaaaaaaaaaaaaaaaaaa");
      assertStatus(bogus, 404, "profile page of an unknown slug");

      // Logged out, "Rate this seller" asks for the login first; after it the buyer should land
      // on the rating page for that seller, not lose the seller's pseudonym.
      await anon.goto(pathOf(profileUrl));
      await anon.locator("main").getByRole("link", { name: t.profileRate }).click();
      await anon.waitForURL(/\/login(\?|$)/);
      const loggedIn = await submitLogin(anon, buyer);
      assert.ok(loggedIn.status() < 400, `login failed: ${await formError(anon)}`);
      const landed = pathOf(anon.url());
      await tt.test("text: after logging in from 'Rate this seller', the buyer is on that seller's rating page", () =>
        assert.equal(landed, `/rate-seller?seller=${encodeURIComponent(seller)}`,
          "the login forgets where the buyer came from: the seller's pseudonym must be typed again"));

      // A buyer cannot use the seller pages, a seller cannot rate a seller.
      for (const path of ["/lookup", `/lookup?pseudonym=${encodeURIComponent(buyer)}`, "/codes", "/rate",
        `/history?pseudonym=${encodeURIComponent(buyer)}`]) {
        const r = await b.goto(path);
        assertStatus(r, 403, `a buyer opening ${path}`);
        assert.ok((await mainText(b)).includes(t.sellersOnly), `${path} for a buyer: ${await mainText(b)}`);
      }
      const r = await s.goto(`/rate-seller?seller=${encodeURIComponent(seller)}`);
      assertStatus(r, 403, "a seller opening /rate-seller");
      assert.ok((await mainText(s)).includes(t.buyersOnly), `/rate-seller for a seller: ${await mainText(s)}`);
    });
  });
});
