// The governance pages beyond proposals and ballots, in a real browser (SPEC §7), in English and
// German, every flow with JavaScript off (R10.1) and every page on the way checked with axe-core
// (zero violations) and on a 360 px phone (R10.2, R10.4):
//
// - R7.8, R7.9, R7.10: a seller follows the dashboard's "Disputes" to report a buyer (an unknown
//   buyer is refused and the form keeps what she typed); the buyer follows his dashboard's
//   "Appeal my ratings" and appeals; a Dispute Resolution Committee member (named with
//   `tessera committee add`) sees both cases and moves the report to arbitration (a panel of two
//   is refused) with a panel of three other members; a panel member sees the buyer's ratings
//   without the sellers and asks to exclude one; she cannot approve her own request, a second
//   member approves it on the case page, the rating is gone from the panel's table, the case is
//   closed with the outcome "ratings excluded", and the members' audit log shows who did what,
//   in which role, on what kind of thing (on the run.sh server, SQLite);
// - R7.6, R7.10: on a PostgreSQL server of the test's own (so that no report exists yet), the
//   public transparency page says no report is published and the changelog links to it; a
//   Governance committee member's refused report (more answered than received) names the fields
//   and keeps what she typed; her report is then public, without a form for anyone else, and
//   the audit log records that it was entered;
// - R7.4, R7.10: an algorithm proposal's page shows its impact preview; a member on no committee
//   reads the audit log from the proposals page (run.sh server);
// - R7.5, R7.9, R7.10: on a PostgreSQL server of the test's own (the scoring parameters change
//   for everyone), one Security Committee member requests an emergency change of q through the
//   JSON API, she cannot approve it herself, a second one approves it; every member's pages then
//   show the emergency banner (dashboard, proposals, the retroactive vote, the audit log) and
//   the banner leads to the changelog with the new version.

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { dirname } from "node:path";
import { after, before, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";

import {
  BINARY,
  checkPage,
  expectHeading,
  formError,
  launchBrowser,
  newContext,
  pseudonym,
  signUpBuyer,
  submitAndWait,
} from "./helpers.mjs";
import { GOV, day, proposalTexts, publishProposal, replay, textOf } from "./governance.mjs";
import { committee, includesName, mainText, newSeller } from "./network.mjs";
import { startPostgresServer } from "./postgres.mjs";

const LANGS = ["en", "de"];

/** The English and German strings (crates/web/locales/{en,de}/{governance,screening}.ftl). */
const CASES = {
  en: {
    dashDisputes: "Disputes",
    dashAppeal: "Appeal my ratings",
    disputesTitle: "Disputes",
    newCase: "Open a case",
    reportTitle: "Report a buyer",
    appealTitle: "Appeal my ratings",
    noBuyer: "No buyer has this pseudonym. Check the spelling.",
    report: (on) => `A report, opened ${on}`,
    appeal: (on) => `An appeal, opened ${on}`,
    stage: (s) => `Stage: ${s}`,
    stages: {
      mediation: "mediation",
      arbitration: "arbitration by a panel",
      membership_vote: "membership vote",
      closed: "closed",
    },
    deadline: (d) => `This stage ends on ${d}.`,
    outcome: (o) => `Outcome: ${o}`,
    outcomes: { no_change: "no change", ratings_excluded: "ratings excluded from the scores" },
    panel: "Panel:",
    petition: (n) => `${n} of 10 sellers have signed to take this case to a membership vote.`,
    contextTitle: "What happened",
    advanceTitle: "Move the case on",
    advanced: (s) => `The case is now at this stage: ${s}.`,
    invalidPanel: "Please correct these fields: The panel (for arbitration)",
    ratingsLink: "See the buyer's ratings (the panel only; logged)",
    ratingsTitle: "The buyer's ratings",
    ratingsCaption: "Counted ratings, newest first",
    ratingsHead: ["Exclude", "Day", "Safe", "Reliable", "Verified"],
    flag: { yes: "yes", no: "no", none: "not given" },
    excludeSubmit: "Request the exclusion",
    requested: "The exclusion is requested. A second member of the committee must approve it.",
    pendingTitle: "Exclusions waiting for a second member",
    pending: (n) => (n === 1 ? "One rating to exclude" : `${n} ratings to exclude`),
    approve: "Approve as the second member",
    excluded: (n) =>
      n === 1 ? "One rating is excluded from the scores." : `${n} ratings are excluded from the scores.`,
    forbidden: "Only the committee responsible may do this.",
    auditLink: "Audit log of privileged actions",
    auditTitle: "Audit log",
    role: {
      disputes: "Dispute Resolution Committee",
      security: "Security Committee",
      governance: "Governance Committee",
      operator: "operator",
    },
    action: {
      committee_added: "added to a committee",
      dispute_advanced: "case moved on",
      ratings_viewed: "ratings viewed",
      approval_requested: "approval requested",
      approval_given: "approval given",
      ratings_excluded: "ratings excluded",
      emergency_requested: "emergency change requested",
      emergency_enacted: "emergency change enacted",
      transparency_recorded: "transparency report entered",
    },
    object: {
      committee: "a committee",
      dispute: "a dispute",
      params: "the scoring parameters",
      report: "a transparency report",
    },
    noActor: "the operator or the server",
    trTitle: "Transparency report",
    trNone: "No report has been published yet.",
    trEnter: "Enter a year's report",
    trYear: (y) => `The year ${y}`,
    trCounts: (r, d, f, n) => [
      `Legal requests received: ${r}`,
      `Answered with data: ${d}`,
      `Refused or challenged: ${f}`,
      `Requests whose members were told: ${n}`,
    ],
    trRecorded: (d) => `Entered on ${d}.`,
    trInvalid: "Please correct these fields: Of these, answered with data, Of these, refused or challenged",
    trLink: "Transparency report",
    changelogLink: "Changelog of the scoring",
    impactTitle: "What this change would do",
    impactComputed: (d) =>
      `Computed on ${d} over the live data, in totals only. It is computed again when the vote opens.`,
    impactNoMoves: "No buyer would move to another trust band.",
    impactCaption: "Buyers who would move between trust bands",
    impactThresholds: /^(\d+ times|Once) a buyer would cross a seller's minimum trust, counting every seller and buyer\.$/,
    impactQs: /^(\d+ sellers' own scores|One seller's own score) would move by more than 0\.1\.$/,
    banner:
      "An emergency change of the scoring is in force until the members vote on it. See what changed.",
  },
  de: {
    dashDisputes: "Streitfälle",
    dashAppeal: "Einspruch gegen meine Bewertungen",
    disputesTitle: "Streitfälle",
    newCase: "Einen Fall eröffnen",
    reportTitle: "Einen Käufer melden",
    appealTitle: "Einspruch gegen meine Bewertungen",
    noBuyer: "Kein Käufer hat dieses Pseudonym. Prüf die Schreibweise.",
    report: (on) => `Eine Meldung, eröffnet am ${on}`,
    appeal: (on) => `Ein Einspruch, eröffnet am ${on}`,
    stage: (s) => `Stufe: ${s}`,
    stages: {
      mediation: "Vermittlung",
      arbitration: "Schiedsverfahren durch ein Gremium",
      membership_vote: "Mitgliederabstimmung",
      closed: "abgeschlossen",
    },
    deadline: (d) => `Diese Stufe endet am ${d}.`,
    outcome: (o) => `Ergebnis: ${o}`,
    outcomes: {
      no_change: "keine Änderung",
      ratings_excluded: "Bewertungen aus den Werten genommen",
    },
    panel: "Gremium:",
    petition: (n) =>
      `${n} von 10 Verkäuferinnen haben unterschrieben, um diesen Fall zur Mitgliederabstimmung zu bringen.`,
    contextTitle: "Was passiert ist",
    advanceTitle: "Den Fall weiterführen",
    advanced: (s) => `Der Fall ist jetzt auf dieser Stufe: ${s}.`,
    invalidPanel: "Bitte korrigiere diese Felder: Das Gremium (für das Schiedsverfahren)",
    ratingsLink: "Die Bewertungen des Käufers ansehen (nur das Gremium; protokolliert)",
    ratingsTitle: "Die Bewertungen des Käufers",
    ratingsCaption: "Gezählte Bewertungen, die neuesten zuerst",
    ratingsHead: ["Ausschließen", "Tag", "Sicher", "Zuverlässig", "Bestätigt"],
    flag: { yes: "ja", no: "nein", none: "nicht angegeben" },
    excludeSubmit: "Ausschluss beantragen",
    requested: "Der Ausschluss ist beantragt. Ein zweites Mitglied des Ausschusses muss zustimmen.",
    pendingTitle: "Ausschlüsse, die auf ein zweites Mitglied warten",
    pending: (n) => (n === 1 ? "Eine Bewertung auszuschließen" : `${n} Bewertungen auszuschließen`),
    approve: "Als zweites Mitglied zustimmen",
    excluded: (n) =>
      n === 1 ? "Eine Bewertung ist aus den Werten genommen." : `${n} Bewertungen sind aus den Werten genommen.`,
    forbidden: "Nur der zuständige Ausschuss darf das.",
    auditLink: "Protokoll der besonderen Befugnisse",
    auditTitle: "Protokoll",
    role: {
      disputes: "Schlichtungsausschuss",
      security: "Sicherheitsausschuss",
      governance: "Ausschuss für Mitbestimmung",
      operator: "Betrieb",
    },
    action: {
      committee_added: "in einen Ausschuss aufgenommen",
      dispute_advanced: "Fall weitergeführt",
      ratings_viewed: "Bewertungen eingesehen",
      approval_requested: "Zustimmung angefragt",
      approval_given: "Zustimmung gegeben",
      ratings_excluded: "Bewertungen ausgeschlossen",
      emergency_requested: "Notfalländerung angefragt",
      emergency_enacted: "Notfalländerung in Kraft gesetzt",
      transparency_recorded: "Transparenzbericht eingetragen",
    },
    object: {
      committee: "ein Ausschuss",
      dispute: "ein Streitfall",
      params: "die Bewertungsparameter",
      report: "ein Transparenzbericht",
    },
    noActor: "der Betrieb oder der Server",
    trTitle: "Transparenzbericht",
    trNone: "Es wurde noch kein Bericht veröffentlicht.",
    trEnter: "Den Bericht eines Jahres eintragen",
    trYear: (y) => `Das Jahr ${y}`,
    trCounts: (r, d, f, n) => [
      `Erhaltene rechtliche Anfragen: ${r}`,
      `Mit Daten beantwortet: ${d}`,
      `Abgelehnt oder angefochten: ${f}`,
      `Anfragen, über die die betroffenen Mitglieder informiert wurden: ${n}`,
    ],
    trRecorded: (d) => `Eingetragen am ${d}.`,
    trInvalid:
      "Bitte korrigiere diese Felder: Davon mit Daten beantwortet, Davon abgelehnt oder angefochten",
    trLink: "Transparenzbericht",
    changelogLink: "Änderungsprotokoll der Bewertung",
    impactTitle: "Was diese Änderung bewirken würde",
    impactComputed: (d) =>
      `Berechnet am ${d} über die aktuellen Daten, nur in Summen. Bei Beginn der Abstimmung wird es neu berechnet.`,
    impactNoMoves: "Kein Käufer würde in eine andere Vertrauensstufe wechseln.",
    impactCaption: "Käufer, die die Vertrauensstufe wechseln würden",
    impactThresholds: /^(\d+-mal|Einmal) würde ein Käufer das Mindestvertrauen einer Verkäuferin überschreiten oder unterschreiten, über alle Verkäuferinnen und Käufer gezählt\.$/,
    impactQs: /^Bei (\d+ Verkäuferinnen|einer Verkäuferin) würde sich der eigene Wert um mehr als 0,1 ändern\.$/,
    banner:
      "Eine Notfalländerung der Bewertung gilt, bis die Mitglieder darüber abstimmen. Sieh nach, was sich geändert hat.",
  },
};

/** A marker no page shows unless the flow put it there (letters only). */
function marker(label) {
  const letters = [...randomBytes(6)].map((b) => String.fromCharCode(97 + (b % 26))).join("");
  return `${label} ${letters}`;
}

/** The cells of a table's body rows, as text. */
async function tableRows(scope) {
  const rows = [];
  for (const tr of await scope.locator("tbody tr").all()) {
    rows.push((await tr.locator("td").allInnerTexts()).map((s) => s.trim()));
  }
  return rows;
}

/**
 * A select's options as [value, label] (read through locators: nothing can be evaluated in a
 * page with JavaScript off).
 */
async function options(select) {
  const out = [];
  for (const o of await select.locator("option").all()) {
    out.push([await o.getAttribute("value"), (await o.textContent()).trim()]);
  }
  return out;
}

/** The id of the case whose page she is on. */
function caseId(page) {
  const m = new URL(page.url()).pathname.match(/^\/disputes\/([a-z0-9]+)$/);
  assert.ok(m, `not on a case's page: ${page.url()}`);
  return m[1];
}

/**
 * The entries of the audit log page she is on, newest first: { on, line }, `line` being
 * "<who> (<role>): <what>: <kind of thing>".
 */
async function auditItems(page) {
  const out = [];
  for (const li of await page.locator("ul.audit li").all()) {
    const on = (await li.locator("span.help").innerText()).trim();
    const all = await textOf(li);
    assert.ok(all.startsWith(on), all);
    out.push({ on, line: all.slice(on.length).trim() });
  }
  return out;
}

/** One audit line as the page writes it. */
function auditLine(C, who, role, action, object) {
  return `${who} (${C.role[role]}): ${C.action[action]}: ${C.object[object]}`;
}

/** The seller rates the buyer on /rate (today, the form's default day). */
async function rateBuyer(page, buyer, { safe, reliable }) {
  await page.goto(`/rate?buyer=${encodeURIComponent(buyer)}`);
  const form = page.locator("form[action='/rate']");
  assert.equal(await form.locator("#buyer").inputValue(), buyer);
  await form.locator(safe ? "#safe-yes" : "#safe-no").check();
  await form.locator(reliable ? "#reliable-yes" : "#reliable-no").check();
  assert.equal(await form.locator("#day").inputValue(), day(0));
  const resp = await submitAndWait(page, form.locator("button[type=submit]"));
  assert.equal(resp.status(), 200, `rating ${buyer}: ${await formError(page)}`);
  assert.equal(await page.locator("#notice").count(), 1, await mainText(page));
}

/** The binary's environment without the tests' `TESSERA_*` variables. */
function cliEnv() {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("TESSERA_")));
}

/**
 * `tessera committee add NAME --committee WHICH` on a PostgreSQL server of startPostgresServer.
 * The CLI needs that server's data folder (its database key); the server names it when it
 * creates the key on its first start ("created a new database key in <folder>/tessera.key").
 */
async function committeeOn(server, name, which) {
  const m = server.stderr().match(/created a new database key in (.+?)\. Anyone/);
  assert.ok(m, `the PostgreSQL server did not name its key file:\n${server.stderr()}`);
  const { stdout } = await promisify(execFile)(
    BINARY,
    [
      "committee",
      "add",
      name,
      "--committee",
      which,
      "--data-dir",
      dirname(m[1]),
      "--database-url",
      server.databaseUrl,
    ],
    { env: cliEnv(), timeout: 30_000 },
  );
  assert.equal(stdout.trim(), `added to the ${which} committee`, `tessera committee add ${name}`);
}

/**
 * A JSON API call with the session of a browser context (API.md "Conventions": the session
 * cookie, and X-CSRF-Token from GET /api/session on a state-changing request). Returns
 * { status, body }.
 */
async function api(context, baseUrl, method, path, body) {
  const cookie = (await context.cookies(baseUrl)).find((c) => c.name === "__Host-tessera");
  assert.ok(cookie, "no session cookie in the context");
  const headers = { cookie: `${cookie.name}=${cookie.value}`, origin: baseUrl };
  if (method !== "GET") {
    const s = await fetch(`${baseUrl}/api/session`, { headers });
    assert.equal(s.status, 200, "GET /api/session");
    headers["x-csrf-token"] = (await s.json()).csrf_token;
    headers["content-type"] = "application/json";
  }
  const r = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : null };
}

describe("governance cases: disputes, the transparency report, the audit log, the impact preview, the emergency banner (R7.4, R7.5, R7.6, R7.8, R7.9, R7.10)", () => {
  let browser;
  const contexts = [];
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  async function closeContexts() {
    while (contexts.length) {
      await contexts.pop().close();
    }
  }

  /** A seller in her own context, closed after the test. */
  async function seller(prefix, opts) {
    const s = await newSeller(browser, prefix, opts);
    contexts.push(s.context);
    return s;
  }

  /** A buyer signed up in his own context (JavaScript off), on his dashboard. */
  async function buyer(prefix, lang) {
    const context = await newContext(browser, { lang, javaScriptEnabled: false });
    contexts.push(context);
    const page = await context.newPage();
    const name = pseudonym(prefix);
    await signUpBuyer(page, name, lang);
    return { name, context, page };
  }

  /**
   * Each page check is a subtest on a copy of the page in a context with JavaScript on: a page
   * that fails axe or 360 px is reported by name while the flow goes on.
   */
  async function pageChecker(t, lang, baseURL) {
    const viewerContext = await newContext(browser, { lang, ...(baseURL ? { baseURL } : {}) });
    contexts.push(viewerContext);
    const viewer = await viewerContext.newPage();
    return (page, label) =>
      t.test(label, async () => checkPage(await replay(page, viewer), label, lang));
  }

  for (const lang of LANGS) {
    const C = CASES[lang];
    const G = GOV[lang];

    test(`R7.8 R7.9 R7.10 R10.1: a seller reports a buyer from the dashboard's link (an unknown buyer refused, the form kept), the buyer appeals, the committee moves the report to arbitration (a panel of two refused), a panel member sees the ratings without sellers and asks to exclude one, a second member approves, the case closes with the ratings excluded, the audit log says who did it; JavaScript off, axe on every page, ${lang}`, async (t) => {
      const check = await pageChecker(t, lang);
      const seats = [];
      try {
        const off = { lang, javaScriptEnabled: false };
        const rae = await seller(`CaseRep${lang}`, off); // reports the buyer, rated him
        const sam = await seller(`CaseRater${lang}`, off); // rated him too
        const max = await seller(`CaseMed${lang}`, off); // the committee member who mediates
        const p1 = await seller(`CasePanA${lang}`, off);
        const p2 = await seller(`CasePanB${lang}`, off);
        const p3 = await seller(`CasePanC${lang}`, off);
        const bob = await buyer(`CaseBuyer${lang}`, lang);
        for (const m of [max, p1, p2, p3]) {
          await committee("add", m.name, "disputes");
          seats.push(m.name);
        }
        await rateBuyer(rae.page, bob.name, { safe: true, reliable: true });
        await rateBuyer(sam.page, bob.name, { safe: false, reliable: false });

        // --- The seller's report, from the dashboard's link.
        await rae.page.goto("/dashboard");
        const link = rae.page.locator("#dash-disputes");
        assert.equal(await textOf(link), C.dashDisputes);
        await link.click();
        await rae.page.waitForURL((u) => u.pathname === "/disputes");
        await expectHeading(rae.page, C.disputesTitle);
        await check(rae.page, "disputes list of a seller");
        await rae.page.getByRole("link", { name: C.newCase, exact: true }).click();
        await rae.page.waitForURL((u) => u.pathname === "/disputes/new");
        await expectHeading(rae.page, C.reportTitle);
        await check(rae.page, "report a buyer, the form");

        // An unknown buyer: refused, what she typed kept.
        const context = marker(`He left without paying ${lang}`);
        const unknown = pseudonym("NoSuchBuyer");
        const form = rae.page.locator("form[action='/disputes']");
        await form.locator("#buyer").fill(unknown);
        await form.locator("#context").fill(context);
        const refused = await submitAndWait(rae.page, form.locator("button[type=submit]"));
        assert.equal(refused.status(), 404, "a report of an unknown buyer was opened");
        assert.equal(await textOf(rae.page.locator("#form-error")), C.noBuyer);
        await expectHeading(rae.page, C.reportTitle);
        assert.equal(await form.locator("#buyer").inputValue(), unknown);
        assert.equal(await form.locator("#context").inputValue(), context);
        await check(rae.page, "report a buyer, an unknown buyer refused");

        await form.locator("#buyer").fill(bob.name);
        const opened = await submitAndWait(rae.page, form.locator("button[type=submit]"));
        assert.equal(opened.status(), 200, await mainText(rae.page));
        const id = caseId(rae.page);
        const path = `/disputes/${id}`;
        await expectHeading(rae.page, C.report(day(0)));
        assert.equal(await textOf(rae.page.locator("#stage")), C.stage(C.stages.mediation));
        assert.equal(await textOf(rae.page.locator("#deadline")), C.deadline(day(30)));
        assert.equal(await textOf(rae.page.locator("#context-h")), C.contextTitle);
        assert.ok((await mainText(rae.page)).includes(context), await mainText(rae.page));
        // A party moves nothing and sees no ratings.
        for (const sel of [`form[action='${path}/advance']`, "#ratings-link", "#panel", "#outcome"]) {
          assert.equal(await rae.page.locator(sel).count(), 0, sel);
        }
        await check(rae.page, "a seller's report, in mediation");

        // --- The buyer's appeal, from his dashboard's link.
        const appealLink = bob.page.locator("#dash-disputes");
        assert.equal(await textOf(appealLink), C.dashAppeal);
        await check(bob.page, "buyer dashboard with the link to appeal");
        await appealLink.click();
        await bob.page.waitForURL((u) => u.pathname === "/disputes");
        await expectHeading(bob.page, C.disputesTitle);
        await check(bob.page, "disputes list of a buyer");
        await bob.page.getByRole("link", { name: C.newCase, exact: true }).click();
        await bob.page.waitForURL((u) => u.pathname === "/disputes/new");
        await expectHeading(bob.page, C.appealTitle);
        const appealForm = bob.page.locator("form[action='/disputes']");
        assert.equal(await appealForm.locator("#buyer").count(), 0, "a buyer is asked for a buyer");
        await check(bob.page, "appeal my ratings, the form");
        const why = marker(`I was never there ${lang}`);
        await appealForm.locator("#context").fill(why);
        const appealed = await submitAndWait(bob.page, appealForm.locator("button[type=submit]"));
        assert.equal(appealed.status(), 200, await mainText(bob.page));
        const appealId = caseId(bob.page);
        assert.notEqual(appealId, id);
        await expectHeading(bob.page, C.appeal(day(0)));
        assert.equal(await textOf(bob.page.locator("#stage")), C.stage(C.stages.mediation));
        assert.equal(await textOf(bob.page.locator("#deadline")), C.deadline(day(30)));
        assert.ok((await mainText(bob.page)).includes(why));
        assert.equal(await bob.page.locator(`form[action='/disputes/${appealId}/advance']`).count(), 0);
        await check(bob.page, "a buyer's appeal, in mediation");

        // --- The committee member sees both cases, and the report with its form.
        await max.page.goto("/dashboard");
        await max.page.locator("#dash-disputes").click();
        await max.page.waitForURL((u) => u.pathname === "/disputes");
        for (const [cid, what] of [
          [id, C.report(day(0))],
          [appealId, C.appeal(day(0))],
        ]) {
          const item = max.page.locator("ul.proposals li", {
            has: max.page.locator(`a[href='/disputes/${cid}']`),
          });
          assert.equal(await item.count(), 1, `case ${cid} not listed: ${await mainText(max.page)}`);
          assert.equal(await textOf(item), `${what} ${C.stages.mediation}`);
        }
        await check(max.page, "disputes list of the committee");
        await max.page.locator(`a[href='${path}']`).click();
        await max.page.waitForURL((u) => u.pathname === path);
        await expectHeading(max.page, C.report(day(0)));
        assert.ok((await mainText(max.page)).includes(context), "the committee does not see the context");
        assert.equal(await textOf(max.page.locator("#advance-h")), C.advanceTitle);
        const advance = max.page.locator(`form[action='${path}/advance']`);
        assert.deepEqual(await options(advance.locator("#to")), [
          ["arbitration", C.stages.arbitration],
          ["closed", C.stages.closed],
        ]);
        assert.equal(await max.page.locator("#ratings-link").count(), 0, "not on the panel");
        await check(max.page, "a report, the committee's view with the form to move it on");

        // A panel of two: refused, still in mediation.
        await advance.locator("#to").selectOption("arbitration");
        await advance.locator("#panel1").fill(p1.name);
        await advance.locator("#panel2").fill(p2.name);
        const two = await submitAndWait(max.page, advance.locator("button[type=submit]"));
        assert.equal(two.status(), 400, "a panel of two was named");
        assert.equal(await textOf(max.page.locator("#form-error")), C.invalidPanel);
        // What she typed is kept.
        assert.equal(await advance.locator("#panel1").inputValue(), p1.name);
        assert.equal(await advance.locator("#panel2").inputValue(), p2.name);
        assert.equal(await textOf(max.page.locator("#stage")), C.stage(C.stages.mediation));
        await check(max.page, "a report, a panel of two refused");

        // Arbitration with three members, none a party.
        await advance.locator("#to").selectOption("arbitration");
        await advance.locator("#panel1").fill(p1.name);
        await advance.locator("#panel2").fill(p2.name);
        await advance.locator("#panel3").fill(p3.name);
        const moved = await submitAndWait(max.page, advance.locator("button[type=submit]"));
        assert.equal(moved.status(), 200, await formError(max.page));
        assert.equal(new URL(max.page.url()).pathname, `${path}/advance`);
        assert.equal(await textOf(max.page.locator("#notice")), C.advanced(C.stages.arbitration));
        assert.equal(await textOf(max.page.locator("#stage")), C.stage(C.stages.arbitration));
        assert.equal(await textOf(max.page.locator("#deadline")), C.deadline(day(30)));
        const panelLine = await textOf(max.page.locator("#panel"));
        assert.ok(panelLine.startsWith(C.panel), panelLine);
        for (const m of [p1, p2, p3]) {
          assert.ok(includesName(panelLine, m.name), panelLine);
        }
        assert.equal(await textOf(max.page.locator("#petition")), C.petition(0));
        const later = await options(max.page.locator(`form[action='${path}/advance'] #to`));
        assert.deepEqual(later, [
          ["membership_vote", C.stages.membership_vote],
          ["closed", C.stages.closed],
        ]);
        await check(max.page, "a report moved to arbitration, its panel named");

        // --- A panel member: the buyer's ratings, without the sellers.
        await p1.page.goto(path);
        assert.equal(await textOf(p1.page.locator("#stage")), C.stage(C.stages.arbitration));
        const ratingsLink = p1.page.locator("#ratings-link");
        assert.equal(await textOf(ratingsLink), C.ratingsLink);
        await check(p1.page, "a case in arbitration, a panel member's view");
        await ratingsLink.click();
        await p1.page.waitForURL((u) => u.pathname === `${path}/ratings`);
        await expectHeading(p1.page, C.ratingsTitle);
        const table = p1.page.locator(`form[action='${path}/exclusions'] table`);
        assert.equal(await textOf(table.locator("caption")), C.ratingsCaption);
        assert.deepEqual(
          (await table.locator("thead th").allInnerTexts()).map((s) => s.trim()),
          C.ratingsHead,
        );
        const rows = await tableRows(table);
        assert.deepEqual(
          rows.map((r) => r.slice(1)).sort(),
          [
            [day(0), C.flag.no, C.flag.no, C.flag.no],
            [day(0), C.flag.yes, C.flag.yes, C.flag.no],
          ].sort(),
        );
        const page1 = (await p1.page.content()).toLowerCase();
        for (const s of [rae, sam]) {
          assert.ok(!page1.includes(s.name.toLowerCase()), `the ratings page names ${s.name}`);
        }
        await check(p1.page, "the buyer's ratings, the panel's view");

        // She asks to exclude the rating that says he was unsafe.
        const unsafeRow = table.locator("tbody tr", {
          has: p1.page.locator(`td:nth-child(3):text-is("${C.flag.no}")`),
        });
        assert.equal(await unsafeRow.count(), 1);
        await unsafeRow.locator("input[type=checkbox][name=rating]").check();
        const asked = await submitAndWait(
          p1.page,
          p1.page.getByRole("button", { name: C.excludeSubmit, exact: true }),
        );
        assert.equal(asked.status(), 200, await formError(p1.page));
        assert.equal(await textOf(p1.page.locator("#notice")), C.requested);
        assert.equal(await textOf(p1.page.locator("#pending-h")), C.pendingTitle);
        const mine = p1.page.locator("section:has(#pending-h) li");
        assert.equal(await mine.count(), 1);
        assert.equal(await textOf(mine), C.pending(1));
        assert.equal(await mine.locator("button").count(), 0, "she may approve her own request");
        await check(p1.page, "a case, the exclusion requested, waiting for a second member");

        // --- A second member approves it on the case page.
        await p2.page.goto(path);
        const waiting = p2.page.locator("section:has(#pending-h) li");
        assert.equal(await waiting.count(), 1, await mainText(p2.page));
        assert.equal(await textOf(waiting.locator("button")), C.approve);
        await check(p2.page, "a case with an exclusion waiting, the second member's view");
        const approved = await submitAndWait(
          p2.page,
          waiting.getByRole("button", { name: C.approve, exact: true }),
        );
        assert.equal(approved.status(), 200, await formError(p2.page));
        assert.equal(new URL(p2.page.url()).pathname.startsWith("/approvals/"), true, p2.page.url());
        assert.equal(await textOf(p2.page.locator("#notice")), C.excluded(1));
        assert.equal(await p2.page.locator("#pending-h").count(), 0);
        await check(p2.page, "a case, the exclusion approved");

        // The panel's table has lost the excluded rating.
        await p1.page.goto(`${path}/ratings`);
        assert.deepEqual(
          (await tableRows(p1.page.locator("table"))).map((r) => r.slice(1)),
          [[day(0), C.flag.yes, C.flag.yes, C.flag.no]],
        );

        // --- The committee member closes the case with its outcome.
        await max.page.goto(path);
        const closing = max.page.locator(`form[action='${path}/advance']`);
        await closing.locator("#to").selectOption("closed");
        await closing.locator("#outcome-field").selectOption("ratings_excluded");
        const closed = await submitAndWait(max.page, closing.locator("button[type=submit]"));
        assert.equal(closed.status(), 200, await formError(max.page));
        assert.equal(await textOf(max.page.locator("#notice")), C.advanced(C.stages.closed));
        assert.equal(await textOf(max.page.locator("#stage")), C.stage(C.stages.closed));
        assert.equal(
          await textOf(max.page.locator("#outcome")),
          C.outcome(C.outcomes.ratings_excluded),
        );
        for (const sel of ["#deadline", "#advance-h", "#petition", "#pending-h"]) {
          assert.equal(await max.page.locator(sel).count(), 0, sel);
        }
        await check(max.page, "a case closed, its outcome");

        // The reporter and the panel see the outcome; the panel no longer sees the ratings.
        await rae.page.goto(path);
        assert.equal(await textOf(rae.page.locator("#outcome")), C.outcome(C.outcomes.ratings_excluded));
        await check(rae.page, "a seller's report closed, the reporter's view");
        await p1.page.goto(path);
        assert.equal(await p1.page.locator("#ratings-link").count(), 0);

        // --- The audit log (any member): who, in which role, what, on what kind of thing.
        await rae.page.goto("/proposals");
        await rae.page.getByRole("link", { name: C.auditLink, exact: true }).click();
        await rae.page.waitForURL((u) => u.pathname === "/audit");
        await expectHeading(rae.page, C.auditTitle);
        const entries = await auditItems(rae.page);
        assert.deepEqual(
          entries.slice(0, 5).map((e) => e.line),
          [
            auditLine(C, max.name, "disputes", "dispute_advanced", "dispute"),
            auditLine(C, p1.name, "disputes", "ratings_viewed", "dispute"),
            auditLine(C, p2.name, "disputes", "ratings_excluded", "dispute"),
            auditLine(C, p2.name, "disputes", "approval_given", "dispute"),
            auditLine(C, p1.name, "disputes", "approval_requested", "dispute"),
          ],
        );
        for (const e of entries) {
          assert.match(e.on, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/, e.on);
        }
        const audit = await rae.page.content();
        assert.ok(!audit.includes(context) && !audit.includes(why), "the audit log quotes a case");
        await check(rae.page, "audit log after a case");
      } finally {
        // Off the committee first: the roster is the whole server's.
        for (const name of seats) {
          await committee("remove", name, "disputes");
        }
        await closeContexts();
      }
    });

    test(`R7.6 R7.10 R10.1: on PostgreSQL the public transparency page says no report is published and the changelog links to it; a Governance committee member's report with more answered than received is refused by its fields and keeps what she typed; then the counts are public, only she has the form, and the audit log records it; JavaScript off, axe on every page, ${lang}`, async (t) => {
      const server = await startPostgresServer();
      try {
        const check = await pageChecker(t, lang, server.baseUrl);
        const off = { lang, javaScriptEnabled: false, server };
        const year = new Date().getUTCFullYear();

        // A visitor, not logged in: the changelog links to the transparency page; no report.
        const visitorContext = await newContext(browser, {
          lang,
          javaScriptEnabled: false,
          baseURL: server.baseUrl,
        });
        contexts.push(visitorContext);
        const visitor = await visitorContext.newPage();
        assert.equal((await visitor.goto("/changelog")).status(), 200);
        const trLink = visitor.locator("main a[href='/transparency']");
        assert.equal(await textOf(trLink), C.trLink);
        await trLink.click();
        await visitor.waitForURL((u) => u.pathname === "/transparency");
        await expectHeading(visitor, C.trTitle);
        assert.ok((await mainText(visitor)).includes(C.trNone), await mainText(visitor));
        assert.equal(await visitor.locator("main section.report").count(), 0);
        assert.equal(await visitor.locator("form[action='/transparency']").count(), 0);
        assert.equal(await textOf(visitor.locator("main a[href='/changelog']")), C.changelogLink);
        await check(visitor, "transparency page, no report yet, no login");

        const gina = await seller(`TrGov${lang}`, off);
        const olga = await seller(`TrMember${lang}`, off);
        await committeeOn(server, gina.name, "governance");

        // A member on no committee: no form.
        await olga.page.goto("/transparency");
        assert.equal(await olga.page.locator("form[action='/transparency']").count(), 0);
        assert.ok((await mainText(olga.page)).includes(C.trNone));

        // The Governance committee member: the form.
        await gina.page.goto("/transparency");
        await expectHeading(gina.page, C.trTitle);
        assert.equal(await textOf(gina.page.locator("#enter-h")), C.trEnter);
        const form = gina.page.locator("form[action='/transparency']");
        await check(gina.page, "transparency page with the committee's form");

        // More answered with data than received: refused, both fields named, all kept.
        const summary = marker(`Two court orders ${lang}:\none answered with a month,\none challenged.`);
        const typed = {
          year: String(year),
          received: "2",
          disclosed: "3",
          refused: "1",
          notified: "2",
          summary,
        };
        for (const [field, value] of Object.entries(typed)) {
          await form.locator(`#${field}`).fill(value);
        }
        const refused = await submitAndWait(gina.page, form.locator("button[type=submit]"));
        assert.equal(refused.status(), 400, "a report with more answered than received was taken");
        assert.equal(await textOf(gina.page.locator("#form-error")), C.trInvalid);
        for (const [field, value] of Object.entries(typed)) {
          assert.equal(await form.locator(`#${field}`).inputValue(), value, field);
        }
        assert.ok((await mainText(gina.page)).includes(C.trNone), "a refused report was published");
        await check(gina.page, "transparency form refused, the fields named");

        await form.locator("#disclosed").fill("1");
        const published = await submitAndWait(gina.page, form.locator("button[type=submit]"));
        assert.equal(published.status(), 200, await formError(gina.page));
        assert.equal(new URL(gina.page.url()).pathname, "/transparency");
        assert.equal(await gina.page.locator("#form-error").count(), 0);
        assert.equal(await form.locator("#year").inputValue(), "", "the form keeps the report");
        await check(gina.page, "transparency page with the report, the committee's view");

        // Public: the visitor and a member read it; neither has a form.
        for (const [page, who] of [
          [visitor, "visitor"],
          [olga.page, "member"],
        ]) {
          await page.goto("/transparency");
          const reports = page.locator("main section.report");
          assert.equal(await reports.count(), 1, await mainText(page));
          assert.equal(await textOf(reports.locator("h2")), C.trYear(year));
          assert.deepEqual(
            (await reports.locator("li").allInnerTexts()).map((s) => s.trim()),
            C.trCounts(2, 1, 1, 2),
          );
          assert.equal(await textOf(reports.locator("p.prewrap")), summary.replace(/\s+/g, " "));
          assert.equal(await textOf(reports.locator("p.help")), C.trRecorded(day(0)));
          assert.ok(!(await mainText(page)).includes(C.trNone));
          assert.equal(await page.locator("form[action='/transparency']").count(), 0, who);
        }
        await check(visitor, "transparency page with a report, no login");

        // The audit log: that it was entered, by whom, never what.
        await olga.page.goto("/audit");
        const entries = await auditItems(olga.page);
        assert.deepEqual(
          entries.slice(0, 2).map((e) => e.line),
          [
            auditLine(C, gina.name, "governance", "transparency_recorded", "report"),
            `${C.noActor} (${C.role.operator}): ${C.action.committee_added}: ${C.object.committee}`,
          ],
        );
        assert.ok(!(await olga.page.content()).includes(summary.split(":")[0]));
        await check(olga.page, "audit log after a transparency report");
      } finally {
        await closeContexts();
        await server.stop();
      }
    });

    test(`R7.4 R7.10 R10.1: an algorithm proposal's page shows its impact preview; a member on no committee reads the audit log from the proposals page; JavaScript off, axe on every page, ${lang}`, async (t) => {
      const check = await pageChecker(t, lang);
      try {
        const ivy = await seller(`ImpactAuthor${lang}`, { lang, javaScriptEnabled: false });
        await ivy.page.goto("/proposals/new");
        const inForce = JSON.parse(await ivy.page.locator("#params").inputValue());
        const q = inForce.q === 0.3 ? 0.35 : 0.3;
        const tag = marker(`Preview of a lower quantile ${lang}`);
        const id = await publishProposal(ivy.page, {
          ...proposalTexts(tag),
          kind: "algorithm",
          params: JSON.stringify({ ...inForce, q }, null, 2),
        });
        await expectHeading(ivy.page, tag);
        const impact = ivy.page.locator("section#impact");
        assert.equal(await impact.count(), 1, await mainText(ivy.page));
        assert.equal(await textOf(impact.locator("h2#impact-h")), C.impactTitle);
        assert.equal(await textOf(impact.locator("p.help")), C.impactComputed(day(0)));
        // Totals over the live data of the shared server: the lines, whatever their numbers.
        const lines = (await impact.locator(":scope > p:not(.help)").allInnerTexts()).map((s) =>
          s.replace(/\s+/g, " ").trim(),
        );
        const table = impact.locator("table");
        if (await table.count()) {
          assert.equal(await textOf(table.locator("caption")), C.impactCaption);
          assert.equal(lines.length, 2, JSON.stringify(lines));
        } else {
          assert.equal(lines.length, 3, JSON.stringify(lines));
          assert.equal(lines.shift(), C.impactNoMoves);
        }
        assert.match(lines[0], C.impactThresholds);
        assert.match(lines[1], C.impactQs);
        await check(ivy.page, "algorithm proposal with its impact preview");
        assert.equal(new URL(ivy.page.url()).pathname, `/proposals/${id}`);

        // The audit log, from the proposals page, for a member on no committee.
        await ivy.page.goto("/proposals");
        const link = ivy.page.getByRole("link", { name: C.auditLink, exact: true });
        assert.equal(await link.getAttribute("href"), "/audit");
        await link.click();
        await ivy.page.waitForURL((u) => u.pathname === "/audit");
        await expectHeading(ivy.page, C.auditTitle);
        const entries = await auditItems(ivy.page);
        assert.ok(entries.length > 0, "the audit log is empty");
        const lineShape = /^.+ \(.+\): .+: .+$/;
        for (const e of entries) {
          assert.match(e.on, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/, e.on);
          assert.match(e.line, lineShape, e.line);
        }
        await check(ivy.page, "audit log, a member on no committee");
      } finally {
        await closeContexts();
      }
    });

    test(`R7.5 R7.9 R7.10 R10.1: on PostgreSQL one Security Committee member requests an emergency change of q through the API, she cannot approve it herself, a second one approves; every member's pages show the emergency banner, which leads to the changelog's new version; JavaScript off, axe on pages with the banner, ${lang}`, async (t) => {
      const server = await startPostgresServer();
      try {
        const check = await pageChecker(t, lang, server.baseUrl);
        const off = { lang, javaScriptEnabled: false, server };
        const sec1 = await seller(`EmSecA${lang}`, off);
        const sec2 = await seller(`EmSecB${lang}`, off);
        const mia = await seller(`EmMember${lang}`, off);
        await committeeOn(server, sec1.name, "security");
        await committeeOn(server, sec2.name, "security");

        const inForce = await (await fetch(`${server.baseUrl}/api/params`)).json();
        assert.equal(inForce.version, 1);
        const oldQ = inForce.params.q;
        const newQ = oldQ === 0.3 ? 0.35 : 0.3;

        // A member on no committee cannot ask; the first Security Committee member asks.
        const params = { ...inForce.params, q: newQ };
        const reason = marker("A wave of coordinated false ratings");
        const stranger = await api(mia.context, server.baseUrl, "POST", "/api/emergency", {
          params,
          reason,
        });
        assert.equal(stranger.status, 403, JSON.stringify(stranger.body));
        const asked = await api(sec1.context, server.baseUrl, "POST", "/api/emergency", {
          params,
          reason,
        });
        assert.equal(asked.status, 201, JSON.stringify(asked.body));
        assert.equal(asked.body.state, "awaiting_second");
        const approval = asked.body.id;

        // The committee's own page (R10.1): the asker sees her request waiting, the second
        // member the button that approves it; the form starts from the set in force.
        await sec1.page.goto("/emergency");
        assert.equal(await sec1.page.locator(`form[action='/approvals/${approval}']`).count(), 0);
        assert.equal(await sec1.page.locator("form[action='/emergency'] textarea#params").count(), 1);
        await check(sec1.page, "the emergency page, her own request waiting");
        await sec2.page.goto("/emergency");
        assert.equal(await sec2.page.locator(`form[action='/approvals/${approval}']`).count(), 1);
        await check(sec2.page, "the emergency page, a request to approve");

        // Not in force yet: no banner.
        await mia.page.goto("/dashboard");
        assert.equal(await mia.page.locator("#emergency-banner, .emergency-banner").count(), 0);
        assert.equal((await (await fetch(`${server.baseUrl}/api/params`)).json()).version, 1);

        // The two-person rule: she cannot approve her own request; the second member does.
        const own = await api(sec1.context, server.baseUrl, "POST", `/api/approvals/${approval}`);
        assert.equal(own.status, 403, JSON.stringify(own.body));
        const enacted = await api(sec2.context, server.baseUrl, "POST", `/api/approvals/${approval}`);
        assert.equal(enacted.status, 200, JSON.stringify(enacted.body));
        assert.equal(enacted.body.state, "enacted");
        assert.equal(enacted.body.version, 2);
        const vote = enacted.body.vote;
        assert.match(vote, /^[a-z0-9]+$/);
        const now = await (await fetch(`${server.baseUrl}/api/params`)).json();
        assert.equal(now.version, 2);
        assert.equal(now.emergency, true);
        assert.equal(now.params.q, newQ);

        // Every member's pages show the banner (the version is read through a short cache).
        const banner = mia.page.locator("#emergency-banner");
        for (let i = 0; i < 20 && !(await banner.count()); i++) {
          await sleep(500);
          await mia.page.goto("/dashboard");
        }
        assert.equal(await banner.count(), 1, "no emergency banner on the dashboard");
        assert.equal(await textOf(banner), C.banner);
        assert.equal(await banner.locator("a").getAttribute("href"), "/changelog");
        await check(mia.page, "seller dashboard with the emergency banner");
        for (const s of [sec1, sec2]) {
          await s.page.goto("/dashboard");
          assert.equal(await textOf(s.page.locator("#emergency-banner")), C.banner, s.name);
        }

        await mia.page.goto("/proposals");
        assert.equal(await textOf(mia.page.locator("#emergency-banner")), C.banner);
        const item = mia.page.locator("ul.proposals li", {
          has: mia.page.locator(`a[href='/proposals/${vote}']`),
        });
        assert.equal(await item.count(), 1, await mainText(mia.page));
        assert.ok((await textOf(item)).includes(G.phaseVoting(day(13))), await textOf(item));
        await check(mia.page, "proposals list with the emergency banner and its vote");

        await item.locator(`a[href='/proposals/${vote}']`).click();
        await mia.page.waitForURL((u) => u.pathname === `/proposals/${vote}`);
        assert.equal(await textOf(mia.page.locator("#emergency-banner")), C.banner);
        assert.equal(await textOf(mia.page.locator("#phase")), G.phaseVoting(day(13)));
        assert.equal(await mia.page.locator(`form[action='/proposals/${vote}/ballot']`).count(), 1);
        await check(mia.page, "the emergency change's vote with the banner");

        await mia.page.goto("/audit");
        assert.equal(await textOf(mia.page.locator("#emergency-banner")), C.banner);
        assert.deepEqual(
          (await auditItems(mia.page)).slice(0, 3).map((e) => e.line),
          [
            auditLine(C, sec2.name, "security", "emergency_enacted", "params"),
            auditLine(C, sec2.name, "security", "approval_given", "params"),
            auditLine(C, sec1.name, "security", "emergency_requested", "params"),
          ],
        );
        assert.ok(!(await mia.page.content()).includes(reason), "the audit log quotes the reason");
        await check(mia.page, "audit log with the emergency banner");

        // The banner leads to the changelog: version 2, what changed.
        await mia.page.goto("/dashboard");
        await mia.page.locator("#emergency-banner a").click();
        await mia.page.waitForURL((u) => u.pathname === "/changelog");
        await expectHeading(mia.page, G.changelogTitle);
        const v2 = mia.page.locator("main section").first();
        assert.equal(await textOf(v2.locator("h2")), G.version(2, day(0)));
        assert.deepEqual(await tableRows(v2), [["q", String(oldQ), String(newQ)]]);
        await check(mia.page, "changelog with the emergency version and the banner");
      } finally {
        await closeContexts();
        await server.stop();
      }
    });
  }
});
