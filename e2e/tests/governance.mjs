// Helpers for the governance browser tests (SPEC §7): the English and German strings they check
// (crates/web/locales/{en,de}/governance.ftl), the proposal, comment and ballot forms submitted
// as a member would (so they work with JavaScript off), the days of a proposal's schedule, and
// the moves of that schedule in the database of a test's own PostgreSQL server (see
// postgres.mjs: the release binary has only the system clock, and on purpose no way to shift it;
// the server's job runner and any read of the proposal make the step, as in production).

import assert from "node:assert/strict";
import { createHash } from "node:crypto";

import { formError, submitAndWait } from "./helpers.mjs";

export const GOV = {
  en: {
    dashLink: "Proposals and votes",
    listTitle: "Proposals and votes",
    newLink: "Write a proposal",
    newTitle: "Write a proposal",
    standingNew: "You are in good standing (new member).",
    kind: {
      operational: "Operational",
      structural: "Structural",
      algorithm: "Scoring algorithm",
    },
    threshold: {
      majority: "passes with more yes than no",
      two_thirds: "passes with two thirds of yes and no",
    },
    by: "proposed by",
    phaseComment: (from, until) => `Open for comment. Voting from ${from} to ${until}.`,
    phaseVoting: (until) => `Voting now, until the end of ${until}.`,
    phaseClosed: (from, until) => `Closed. The vote ran from ${from} to ${until}.`,
    invalid: (fields) => `Please correct these fields: ${fields}`,
    risksLabel: "Risks",
    quorum: (q, met) => `Quorum: ${q} ballots needed, ${met ? "reached" : "not reached"}.`,
    noComments: "No comments yet.",
    commentSubmit: "Post the comment",
    electorate: (n, fp) =>
      `${n} members were in good standing when the vote opened. Fingerprint of that roll: ${fp}`,
    myToken: "Your token on the roll:",
    ballotTitle: "Your vote",
    choice: { yes: "Yes", no: "No", abstain: "Abstain" },
    ballotSubmit: "Cast my vote",
    cast: "Your vote is cast.",
    receipt: "Your receipt:",
    keep: "Keep it: it is shown only now. After the vote, find it in the published list to check your vote was counted as you cast it.",
    alreadyVoted: "You have already voted.",
    notOnRoll: "Only members in good standing when the vote opened can do this.",
    passed: "Passed.",
    notPassed: "Not passed.",
    result: (yes, no, abstain, turnout) =>
      `Yes ${yes}, no ${no}, abstained ${abstain}; ${turnout} ballots.`,
    voted: "voted",
    notVoted: "did not vote",
    diffTitle: "What changes",
    changelogTitle: "Changelog",
    version: (v, on) => `Version ${v}, enacted on ${on}`,
    baseline: "The charter's baseline.",
    decidedBy: (id) => `Decided by proposal ${id}.`,
  },
  de: {
    dashLink: "Vorschläge und Abstimmungen",
    listTitle: "Vorschläge und Abstimmungen",
    newLink: "Vorschlag schreiben",
    newTitle: "Vorschlag schreiben",
    standingNew: "Du bist stimmberechtigt (neues Mitglied).",
    kind: {
      operational: "Betrieb",
      structural: "Struktur",
      algorithm: "Bewertungsverfahren",
    },
    threshold: {
      majority: "angenommen mit mehr Ja als Nein",
      two_thirds: "angenommen mit zwei Dritteln von Ja und Nein",
    },
    by: "vorgeschlagen von",
    phaseComment: (from, until) => `Zur Diskussion offen. Abstimmung vom ${from} bis ${until}.`,
    phaseVoting: (until) => `Abstimmung läuft, bis zum Ende des ${until}.`,
    phaseClosed: (from, until) => `Abgeschlossen. Die Abstimmung lief vom ${from} bis ${until}.`,
    invalid: (fields) => `Bitte korrigiere diese Felder: ${fields}`,
    risksLabel: "Risiken",
    quorum: (q, met) => `Quorum: ${q} Stimmzettel nötig, ${met ? "erreicht" : "nicht erreicht"}.`,
    noComments: "Noch keine Kommentare.",
    commentSubmit: "Kommentar veröffentlichen",
    electorate: (n, fp) =>
      `${n} Mitglieder waren bei Beginn der Abstimmung stimmberechtigt. Fingerabdruck dieser Liste: ${fp}`,
    myToken: "Dein Zeichen auf der Liste:",
    ballotTitle: "Deine Stimme",
    choice: { yes: "Ja", no: "Nein", abstain: "Enthaltung" },
    ballotSubmit: "Stimme abgeben",
    cast: "Deine Stimme ist abgegeben.",
    receipt: "Deine Quittung:",
    keep: "Bewahre sie auf: Sie wird nur jetzt angezeigt. Nach der Abstimmung findest du sie in der veröffentlichten Liste und kannst prüfen, dass deine Stimme so gezählt wurde, wie du sie abgegeben hast.",
    alreadyVoted: "Du hast schon abgestimmt.",
    notOnRoll: "Das können nur Mitglieder, die bei Beginn der Abstimmung stimmberechtigt waren.",
    passed: "Angenommen.",
    notPassed: "Nicht angenommen.",
    result: (yes, no, abstain, turnout) =>
      `Ja ${yes}, Nein ${no}, Enthaltungen ${abstain}; ${turnout} Stimmzettel.`,
    voted: "abgestimmt",
    notVoted: "nicht abgestimmt",
    diffTitle: "Was sich ändert",
    changelogTitle: "Änderungsprotokoll",
    version: (v, on) => `Version ${v}, in Kraft seit ${on}`,
    baseline: "Die Grundeinstellung der Charta.",
    decidedBy: (id) => `Beschlossen mit Vorschlag ${id}.`,
  },
};

/** The text of an element, whitespace collapsed. */
export async function textOf(locator) {
  return (await locator.innerText()).replace(/\s+/g, " ").trim();
}

// ---------------------------------------------------------------------------------------------
// Days (UTC, the server's clock)

const DAY = 86_400;

/** The first second (Unix) of the UTC day `offset` days from today. */
export function dayStart(offset = 0) {
  return (Math.floor(Date.now() / 1000 / DAY) + offset) * DAY;
}

/** That day as 'YYYY-MM-DD'. */
export function day(offset = 0) {
  return new Date(dayStart(offset) * 1000).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------
// Moving a proposal's schedule in the PostgreSQL server's database (table `proposals`,
// crates/store/migrations/postgres/0013_governance.sql: the days as text, opens_at and
// closes_at as Unix seconds). Each move only sets the schedule; the step itself (freezing the
// roll, or the tally, publication and enactment) is the server's, made by the next read.

/** The vote runs from today for 14 days; the proposal must still be open for comment. */
export async function openVoteToday(server, id) {
  const moved = await server.sql(
    `UPDATE proposals SET vote_from = '${day(0)}', vote_until = '${day(13)}', ` +
      `opens_at = ${dayStart(0)}, closes_at = ${dayStart(14)} ` +
      `WHERE id = '${id}' AND phase = 'comment' RETURNING id`,
  );
  assert.equal(moved, id, `proposal ${id} was not in its comment phase`);
}

/** The vote ran the 14 days up to yesterday; the proposal must be in its vote. */
export async function closeVoteYesterday(server, id) {
  const moved = await server.sql(
    `UPDATE proposals SET vote_from = '${day(-14)}', vote_until = '${day(-1)}', ` +
      `opens_at = ${dayStart(-14)}, closes_at = ${dayStart(0)} ` +
      `WHERE id = '${id}' AND phase = 'voting' RETURNING id`,
  );
  assert.equal(moved, id, `proposal ${id} was not in its vote`);
}

/** The stored phase of proposal `id` ('comment', 'voting', 'closed'). */
export async function storedPhase(server, id) {
  return server.sql(`SELECT phase FROM proposals WHERE id = '${id}'`);
}

// ---------------------------------------------------------------------------------------------
// Forms

/** Fills the form on /proposals/new; `params` (a string) replaces the textarea's text if given. */
export async function fillProposal(page, p) {
  const form = page.locator("form[action='/proposals']");
  await form.locator("#title").fill(p.title);
  await form.locator("#kind").selectOption(p.kind);
  for (const field of ["specification", "rationale", "risks", "alternatives"]) {
    await form.locator(`#${field}`).fill(p[field]);
  }
  if (p.params !== undefined) {
    await form.locator("#params").fill(p.params);
  }
  return form;
}

/** Submits the filled form on /proposals/new; returns the response of the POST. */
export async function submitProposal(page) {
  return submitAndWait(page, page.locator("form[action='/proposals'] button[type=submit]"));
}

/** Fills and publishes a proposal; asserts it landed on its page and returns its id. */
export async function publishProposal(page, p) {
  await fillProposal(page, p);
  const resp = await submitProposal(page);
  assert.equal(resp.status(), 200, `publishing a proposal: ${await formError(page)}`);
  const m = new URL(page.url()).pathname.match(/^\/proposals\/([a-z2-7]+)$/);
  assert.ok(m, `not on a proposal's page after publishing: ${page.url()}`);
  return m[1];
}

/** A proposal's texts, each with `tag` so the test finds its own. */
export function proposalTexts(tag) {
  return {
    title: `${tag}`,
    specification: `Specification of ${tag}:\nthe first line,\nthe second line.`,
    rationale: `Rationale of ${tag}.`,
    risks: `Risks of ${tag}.`,
    alternatives: `Alternatives to ${tag}.`,
  };
}

/** Posts a comment on the proposal page she is on; returns the response. */
export async function postComment(page, id, body) {
  const form = page.locator(`form[action='/proposals/${id}/comments']`);
  await form.locator("textarea[name=body]").fill(body);
  return submitAndWait(page, form.locator("button[type=submit]"));
}

/**
 * Chooses `choice` ("yes", "no", "abstain") on the ballot form of the proposal page she is on
 * and casts it; returns the response.
 */
export async function castBallot(page, id, choice) {
  const form = page.locator(`form[action='/proposals/${id}/ballot']`);
  await form.locator(`input[type=radio][name=choice][value=${choice}]`).check();
  return submitAndWait(page, form.locator("button[type=submit]"));
}

/** The receipt on the page that answered her ballot (shown this once). */
export async function receiptShown(page) {
  return (await page.locator("#receipt code.receipt").innerText()).trim();
}

/**
 * The published lists after the close: receipts [{code, label}] and the roll [{code, label}],
 * as the page shows them ("<code>: <label>").
 */
export async function publishedLists(page) {
  const lists = page.locator("section:has(#check-h) ul");
  assert.equal(await lists.count(), 2, "no published receipts and roll on the page");
  const read = async (ul) =>
    Promise.all(
      (await ul.locator("li").all()).map(async (li) => ({
        code: (await li.locator("code").innerText()).trim(),
        line: await textOf(li),
      })),
    );
  return { receipts: await read(lists.nth(0)), roll: await read(lists.nth(1)) };
}

/** The lowercase hex SHA-256 of the tokens joined by line breaks (docs/governance.md). */
export function rollFingerprint(tokens) {
  return createHash("sha256").update(tokens.join("\n")).digest("hex");
}

// ---------------------------------------------------------------------------------------------
// axe-core on pages a JavaScript-off context reached

/**
 * The page as the flow reached it, shown again in `viewer` (a page of a context with JavaScript
 * on) at the same address: axe-core and the 360 px measurement run inside the page, and
 * Playwright cannot evaluate anything in a context with JavaScript off. The HTML is the server's
 * answer the flow got, a refused post included (which cannot simply be loaded again); the
 * stylesheet and everything else come from the real server. A fragment (#comments) is left out
 * of the address: it is never part of a request.
 */
export async function replay(page, viewer) {
  const u = new URL(page.url());
  u.hash = "";
  const url = u.href;
  const html = await page.content();
  await viewer.route(
    (r) => r.href === url,
    (route) => route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html }),
    { times: 1 },
  );
  await viewer.goto(url);
  return viewer;
}
