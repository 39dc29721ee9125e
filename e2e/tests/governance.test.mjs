// Governance in a real browser (SPEC §7; issue 13 §9), in English and German, every flow with
// JavaScript off (R10.1) and every page on the way checked with axe-core (zero violations) and
// on a 360 px phone (R10.2, R10.4):
//
// - R7.2: a seller follows the dashboard's "Proposals and votes" to the list (her standing
//   line), writes a proposal; a refused one keeps everything she typed and names the field;
//   another seller comments (on the run.sh server, SQLite);
// - R7.2, R7.3: on a PostgreSQL server of the test's own, the vote opens (the test moves the
//   proposal's schedule in the database; the server's read makes the step): the roll is frozen
//   and its fingerprint published, she casts a ballot and sees her receipt once, a second ballot
//   is refused with the page's message, a member who joined after the opening is not on the
//   roll; after the close the page shows the result, her receipt with her choice in the
//   published list and her roll token marked voted, and the roll hashes to the fingerprint;
// - R7.4, R7.6: an algorithm proposal starts from the parameter set in force, a value out of
//   range is refused by its name, the change of q passes, becomes version 2 at once, and the
//   public changelog shows it with its diff to a visitor who is not logged in.

import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, test } from "node:test";

import { checkPage, expectHeading, launchBrowser, newContext } from "./helpers.mjs";
import {
  GOV,
  castBallot,
  closeVoteYesterday,
  day,
  fillProposal,
  openVoteToday,
  postComment,
  proposalTexts,
  publishProposal,
  publishedLists,
  receiptShown,
  replay,
  rollFingerprint,
  storedPhase,
  submitProposal,
  textOf,
} from "./governance.mjs";
import { includesName, mainText, newSeller } from "./network.mjs";
import { startPostgresServer } from "./postgres.mjs";

const LANGS = ["en", "de"];

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

describe("governance: proposals, ballots, the changelog (R7.2, R7.3, R7.4, R7.6)", () => {
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
    const G = GOV[lang];

    test(`R7.2 R10.1: a seller writes a proposal from the dashboard's link, a refused one keeps what she typed and names the field, another seller comments; JavaScript off, axe on every page, ${lang}`, async (t) => {
      const check = await pageChecker(t, lang);
      try {
        const off = { lang, javaScriptEnabled: false };
        const ann = await seller(`GovAuthor${lang}`, off);
        const bea = await seller(`GovComment${lang}`, off);

        // The dashboard's link, the list and her standing (R7.1).
        const link = ann.page.locator("#dash-governance");
        assert.equal(await textOf(link), G.dashLink);
        await check(ann.page, "seller dashboard with the link to proposals");
        await link.click();
        await ann.page.waitForURL((u) => u.pathname === "/proposals");
        await expectHeading(ann.page, G.listTitle);
        assert.equal(await textOf(ann.page.locator("#my-standing")), G.standingNew);
        await check(ann.page, "proposals list");

        await ann.page.getByRole("link", { name: G.newLink, exact: true }).click();
        await ann.page.waitForURL((u) => u.pathname === "/proposals/new");
        await expectHeading(ann.page, G.newTitle);
        assert.equal(await ann.page.locator("#kind").inputValue(), "operational");
        await check(ann.page, "new proposal form");

        // Risks of only spaces pass the browser's `required` but not the server: refused, the
        // field named, everything she typed still there.
        const tag = marker(`Quiet hours ${lang}`);
        const texts = proposalTexts(tag);
        const typed = { ...texts, kind: "structural", risks: "   " };
        const form = await fillProposal(ann.page, typed);
        const refused = await submitProposal(ann.page);
        assert.equal(refused.status(), 400, "a proposal without risks was published");
        assert.equal(await textOf(ann.page.locator("#form-error")), G.invalid(G.risksLabel));
        for (const field of ["title", "specification", "rationale", "risks", "alternatives"]) {
          assert.equal(await form.locator(`#${field}`).inputValue(), typed[field], field);
        }
        assert.equal(await form.locator("#kind").inputValue(), "structural");
        await check(ann.page, "new proposal refused, the field named");

        await form.locator("#risks").fill(texts.risks);
        const published = await submitProposal(ann.page);
        assert.equal(published.status(), 200, await mainText(ann.page));
        const path = new URL(ann.page.url()).pathname;
        assert.match(path, /^\/proposals\/[a-z2-7]+$/);
        const id = path.split("/").pop();
        await expectHeading(ann.page, tag);
        assert.equal(await textOf(ann.page.locator("#phase")), G.phaseComment(day(30), day(43)));
        const text = await mainText(ann.page);
        const meta = `${G.kind.structural} · ${G.threshold.two_thirds} · ${G.by} `;
        assert.ok(text.includes(meta), text);
        assert.ok(includesName(text.split(meta)[1] ?? "", ann.name), text);
        for (const field of ["specification", "rationale", "risks", "alternatives"]) {
          assert.ok(text.includes(texts[field].replace(/\s+/g, " ")), `${field}: ${text}`);
        }
        // Open for comment: no ballot, no roll, no result yet.
        assert.equal(await ann.page.locator(`form[action='${path}/ballot']`).count(), 0);
        for (const sel of ["#electorate", "#my-token", "#result", "#receipt"]) {
          assert.equal(await ann.page.locator(sel).count(), 0, sel);
        }
        assert.ok(text.includes(G.noComments), text);
        await check(ann.page, "proposal open for comment");

        // Bea finds it in the list and comments.
        await bea.page.goto("/proposals");
        const item = bea.page.locator("ul.proposals li", { hasText: tag });
        assert.equal(await item.count(), 1, await mainText(bea.page));
        const line = await textOf(item);
        assert.ok(line.includes(`(${G.kind.structural})`), line);
        assert.ok(line.includes(G.phaseComment(day(30), day(43))), line);
        await check(bea.page, "proposals list with a proposal");
        await item.locator(`a[href='${path}']`).click();
        await bea.page.waitForURL((u) => u.pathname === path);
        const body = marker("Nights are quieter after two");
        const commented = await postComment(bea.page, id, body);
        assert.equal(commented.status(), 200, await mainText(bea.page));
        assert.equal(new URL(bea.page.url()).pathname, path);
        const comment = bea.page.locator("article.comment", { hasText: body });
        assert.equal(await comment.count(), 1, await mainText(bea.page));
        const byline = await textOf(comment.locator("p.help"));
        assert.ok(includesName(byline, bea.name) && byline.endsWith(`, ${day(0)}`), byline);
        assert.ok(!(await mainText(bea.page)).includes(G.noComments));
        await check(bea.page, "proposal with a comment");

        // The author sees it on her proposal.
        await ann.page.goto(path);
        assert.equal(await ann.page.locator("article.comment", { hasText: body }).count(), 1);
      } finally {
        await closeContexts();
      }
    });

    test(`R7.2 R7.3 R10.1: on PostgreSQL the vote opens with a frozen roll, she casts a ballot and sees her receipt once, a second ballot is refused, a member who joined later is not on the roll; after the close the result, her receipt with her choice and her roll token marked voted; JavaScript off, axe on every page, ${lang}`, async (t) => {
      const server = await startPostgresServer();
      try {
        const check = await pageChecker(t, lang, server.baseUrl);
        const off = { lang, javaScriptEnabled: false, server };
        const ann = await seller(`VoteAnn${lang}`, off);
        const bea = await seller(`VoteBea${lang}`, off);
        const cat = await seller(`VoteCat${lang}`, off);
        const dee = await seller(`VoteDee${lang}`, off); // on the roll, does not vote

        await ann.page.goto("/proposals/new");
        const tag = marker(`Buddy rota ${lang}`);
        const id = await publishProposal(ann.page, { ...proposalTexts(tag), kind: "operational" });
        const path = `/proposals/${id}`;
        assert.equal(await storedPhase(server, id), "comment");
        assert.equal(await ann.page.locator(`form[action='${path}/ballot']`).count(), 0);

        // --- The vote opens: this read makes the step, freezing the roll of the four.
        await openVoteToday(server, id);
        await ann.page.goto(path);
        assert.equal(await storedPhase(server, id), "voting");
        assert.equal(await textOf(ann.page.locator("#phase")), G.phaseVoting(day(13)));
        const electorate = await textOf(ann.page.locator("#electorate"));
        const fingerprint = electorate.match(/([0-9a-f]{64})$/)?.[1];
        assert.ok(fingerprint, electorate);
        assert.equal(electorate, G.electorate(4, fingerprint));
        const annToken = (await ann.page.locator("#my-token code").innerText()).trim();
        assert.match(annToken, /^[0-9a-f]{32}$/);
        assert.equal(await textOf(ann.page.locator("#my-token")), `${G.myToken} ${annToken}`);
        assert.equal(await textOf(ann.page.locator("#vote-h")), G.ballotTitle);
        const ballot = ann.page.locator(`form[action='${path}/ballot']`);
        for (const c of ["yes", "no", "abstain"]) {
          const label = ballot.locator("label", { has: ann.page.locator(`input[value=${c}]`) });
          assert.equal(await textOf(label), G.choice[c], c);
        }
        assert.equal(await textOf(ballot.locator("button[type=submit]")), G.ballotSubmit);
        await check(ann.page, "proposal, the vote open, the ballot");

        // --- She votes yes: the receipt, shown this once.
        const cast = await castBallot(ann.page, id, "yes");
        assert.equal(cast.status(), 200, await mainText(ann.page));
        const annReceipt = await receiptShown(ann.page);
        assert.match(annReceipt, /^[a-z2-7]{16}$/);
        assert.equal(
          await textOf(ann.page.locator("#receipt")),
          `${G.cast} ${G.receipt} ${annReceipt} ${G.keep}`,
        );
        assert.equal(await ann.page.locator("#form-error").count(), 0);
        await check(ann.page, "proposal, ballot cast, the receipt");

        await ann.page.goto(path);
        assert.equal(await ann.page.locator("#receipt").count(), 0);
        assert.ok(!(await ann.page.content()).includes(annReceipt), "the receipt is shown again");

        // --- A second ballot is refused, and no receipt comes with it.
        const again = await castBallot(ann.page, id, "no");
        assert.equal(again.status(), 409, "a second ballot was taken");
        assert.equal(await textOf(ann.page.locator("#form-error")), G.alreadyVoted);
        assert.equal(await ann.page.locator("#receipt").count(), 0);
        await check(ann.page, "proposal, a second ballot refused");

        // --- The others vote no and abstain; Dee looks and does not vote.
        const receipts = { yes: annReceipt };
        for (const [s, choice] of [
          [bea, "no"],
          [cat, "abstain"],
        ]) {
          await s.page.goto(path);
          const r = await castBallot(s.page, id, choice);
          assert.equal(r.status(), 200, await mainText(s.page));
          receipts[choice] = await receiptShown(s.page);
        }
        assert.equal(new Set(Object.values(receipts)).size, 3, "receipts repeat");
        assert.ok(!(await bea.page.content()).includes(annReceipt), "Bea sees Ann's receipt");
        await dee.page.goto(path);
        const deeToken = (await dee.page.locator("#my-token code").innerText()).trim();
        assert.notEqual(deeToken, annToken);

        // --- Eve joins after the vote opened: she is not on the frozen roll.
        const eve = await seller(`VoteEve${lang}`, off);
        await eve.page.goto(path);
        assert.equal(await eve.page.locator("#my-token").count(), 0);
        assert.equal(await textOf(eve.page.locator("#electorate")), electorate);
        const late = await castBallot(eve.page, id, "yes");
        assert.equal(late.status(), 403, "a member not on the roll voted");
        assert.equal(await textOf(eve.page.locator("#form-error")), G.notOnRoll);
        assert.equal(await eve.page.locator("#receipt").count(), 0);
        await check(eve.page, "proposal, a member not on the roll refused");

        // --- The vote closes: this read tallies and publishes.
        await closeVoteYesterday(server, id);
        await ann.page.goto(path);
        assert.equal(await storedPhase(server, id), "closed");
        assert.equal(await textOf(ann.page.locator("#phase")), G.phaseClosed(day(-14), day(-1)));
        const quorum = Math.ceil(Number(electorate.match(/^(\d+)/)[1]) / 5);
        assert.equal(
          await textOf(ann.page.locator("#result")),
          `${G.notPassed} ${G.result(1, 1, 1, 3)} ${G.quorum(quorum, true)}`,
        );
        assert.equal(await ann.page.locator(`form[action='${path}/ballot']`).count(), 0);
        assert.equal(await ann.page.locator(`form[action='${path}/comments']`).count(), 0);
        assert.equal(await textOf(ann.page.locator("#electorate")), electorate);
        assert.equal(await textOf(ann.page.locator("#my-token")), `${G.myToken} ${annToken}`);

        const { receipts: published, roll } = await publishedLists(ann.page);
        // Her receipt, with her choice; so are the others'; nothing else, sorted by receipt.
        assert.equal(published.length, 3, JSON.stringify(published));
        for (const [choice, receipt] of Object.entries(receipts)) {
          const row = published.find((r) => r.code === receipt);
          assert.ok(row, `receipt ${receipt} is not published`);
          assert.equal(row.line, `${receipt}: ${G.choice[choice]}`);
        }
        const codes = published.map((r) => r.code);
        assert.deepEqual(codes, [...codes].sort());
        // Her token marked voted, Dee's not; as many voted as receipts; the roll is the one
        // whose fingerprint was published when the vote opened.
        assert.equal(roll.length, 4, JSON.stringify(roll));
        assert.equal(roll.find((r) => r.code === annToken)?.line, `${annToken}: ${G.voted}`);
        assert.equal(roll.find((r) => r.code === deeToken)?.line, `${deeToken}: ${G.notVoted}`);
        assert.equal(roll.filter((r) => r.line.endsWith(`: ${G.voted}`)).length, published.length);
        const tokens = roll.map((r) => r.code);
        assert.deepEqual(tokens, [...tokens].sort());
        assert.equal(rollFingerprint(tokens), fingerprint);
        await check(ann.page, "proposal closed: result, receipts and roll");

        // Bea finds her own receipt with her choice.
        await bea.page.goto(path);
        const forBea = await publishedLists(bea.page);
        assert.equal(
          forBea.receipts.find((r) => r.code === receipts.no)?.line,
          `${receipts.no}: ${G.choice.no}`,
        );
      } finally {
        await closeContexts();
        await server.stop();
      }
    });

    test(`R7.4 R7.6 R10.1: on PostgreSQL an algorithm proposal starts from the set in force, a value out of range is refused by name, the change of q passes and the public changelog shows the new version with its diff without login; JavaScript off, axe on every page, ${lang}`, async (t) => {
      const server = await startPostgresServer();
      try {
        const check = await pageChecker(t, lang, server.baseUrl);
        const off = { lang, javaScriptEnabled: false, server };
        const params = async () => (await fetch(`${server.baseUrl}/api/params`)).json();

        // A visitor, not logged in: the changelog holds the baseline only.
        const visitorContext = await newContext(browser, {
          lang,
          javaScriptEnabled: false,
          baseURL: server.baseUrl,
        });
        contexts.push(visitorContext);
        const visitor = await visitorContext.newPage();
        const first = await visitor.goto("/changelog");
        assert.equal(first.status(), 200);
        assert.equal(new URL(visitor.url()).pathname, "/changelog");
        await expectHeading(visitor, G.changelogTitle);
        const baseline = visitor.locator("main section");
        assert.equal(await baseline.count(), 1, await mainText(visitor));
        assert.equal(await textOf(baseline.locator("h2")), G.version(1, day(0)));
        assert.equal(await textOf(baseline.locator("p")), G.baseline);
        await check(visitor, "changelog, the baseline only");

        const ann = await seller(`AlgoAnn${lang}`, off);
        const bea = await seller(`AlgoBea${lang}`, off);
        const cat = await seller(`AlgoCat${lang}`, off);

        // The params field starts from the set in force.
        const inForce = await params();
        assert.equal(inForce.version, 1);
        await ann.page.goto("/proposals/new");
        assert.deepEqual(JSON.parse(await ann.page.locator("#params").inputValue()), inForce.params);
        const oldQ = inForce.params.q;
        const newQ = oldQ === 0.3 ? 0.35 : 0.3;

        // q out of range: refused, named, her text kept.
        const tag = marker(`Gentler lower quantile ${lang}`);
        const texts = proposalTexts(tag);
        const bad = JSON.stringify({ ...inForce.params, q: 1.5 }, null, 2);
        const form = await fillProposal(ann.page, { ...texts, kind: "algorithm", params: bad });
        const refused = await submitProposal(ann.page);
        assert.equal(refused.status(), 400, "q = 1.5 was accepted");
        assert.equal(await textOf(ann.page.locator("#form-error")), G.invalid("q"));
        assert.equal(await form.locator("#params").inputValue(), bad);
        assert.equal(await form.locator("#kind").inputValue(), "algorithm");
        assert.equal(await form.locator("#title").inputValue(), texts.title);
        await check(ann.page, "new algorithm proposal refused, q out of range");

        await form.locator("#params").fill(JSON.stringify({ ...inForce.params, q: newQ }, null, 2));
        const published = await submitProposal(ann.page);
        assert.equal(published.status(), 200, await mainText(ann.page));
        const id = new URL(ann.page.url()).pathname.split("/").pop();
        const path = `/proposals/${id}`;
        assert.equal(new URL(ann.page.url()).pathname, path);
        const meta = `${G.kind.algorithm} · ${G.threshold.two_thirds} · ${G.by} `;
        assert.ok((await mainText(ann.page)).includes(meta), await mainText(ann.page));
        assert.equal(await textOf(ann.page.locator("#diff-h")), G.diffTitle);
        const diff = ann.page.locator("section:has(#diff-h)");
        assert.deepEqual(await tableRows(diff), [["q", String(oldQ), String(newQ)]]);
        await check(ann.page, "algorithm proposal with its diff");

        // The vote: two yes, one abstention; two thirds of yes and no.
        await openVoteToday(server, id);
        for (const [s, choice] of [
          [ann, "yes"],
          [bea, "yes"],
          [cat, "abstain"],
        ]) {
          await s.page.goto(path);
          const r = await castBallot(s.page, id, choice);
          assert.equal(r.status(), 200, await mainText(s.page));
        }
        assert.equal((await params()).version, 1, "enacted before the vote closed");

        await closeVoteYesterday(server, id);
        await ann.page.goto(path);
        const members = Number((await textOf(ann.page.locator("#electorate"))).match(/^(\d+)/)[1]);
        assert.equal(
          await textOf(ann.page.locator("#result")),
          `${G.passed} ${G.result(2, 0, 1, 3)} ${G.quorum(Math.ceil(members / 5), true)}`,
        );
        // Enacted, the proposal still shows what it changed (against the version before it).
        assert.deepEqual(await tableRows(ann.page.locator("section:has(#diff-h)")), [
          ["q", String(oldQ), String(newQ)],
        ]);
        await check(ann.page, "algorithm proposal passed");

        // In force at once (R7.4), recording the proposal that made it.
        const enacted = await params();
        assert.equal(enacted.version, 2);
        assert.equal(enacted.params.q, newQ);
        assert.equal(enacted.proposal, id);

        // The changelog, still without login: version 2 first, its proposal, its diff.
        const latest = await visitor.goto("/changelog");
        assert.equal(latest.status(), 200);
        assert.equal(new URL(visitor.url()).pathname, "/changelog");
        await expectHeading(visitor, G.changelogTitle);
        const sections = visitor.locator("main section");
        assert.equal(await sections.count(), 2, await mainText(visitor));
        const v2 = sections.nth(0);
        assert.equal(await textOf(v2.locator("h2")), G.version(2, day(0)));
        assert.equal(await textOf(v2.locator("p")), `${tag} ${G.decidedBy(id)}`);
        assert.deepEqual(await tableRows(v2), [["q", String(oldQ), String(newQ)]]);
        const v1 = sections.nth(1);
        assert.equal(await textOf(v1.locator("h2")), G.version(1, day(0)));
        assert.equal(await textOf(v1.locator("p")), G.baseline);
        assert.equal(await v1.locator("table").count(), 0);
        await check(visitor, "changelog with the new version and its diff, no login");
      } finally {
        await closeContexts();
        await server.stop();
      }
    });
  }
});
