// The two-person requests beyond disputes and emergency changes, in a real browser (SPEC §7,
// R7.9), in English and German, every flow with JavaScript off (R10.1) and every page on the way
// checked with axe-core (zero violations) and on a 360 px phone (R10.2, R10.4):
//
// - R6.2, R7.9: a seller starts a coop, two sellers join, she makes one of them a moderator (the
//   dissolve form appears on that one's coop page, never on a plain member's); from the coop's
//   page she asks to dissolve it and lands on /approvals with the notice; she cannot approve her
//   own request (no Approve button, "you asked for this"); a plain member has nothing waiting;
//   the second moderator follows the proposals page's link to /approvals, sees "A coop's
//   dissolution" with its day and approves; the coop is then gone: its page answers 404 for all
//   three, it is off the coops list and nothing waits any more;
// - R7.9: on /approvals a Dispute Resolution Committee member (named with `tessera committee
//   add`) sees the reputation restore form and not the suspension form, a Governance committee
//   member the suspension form and not the restore form, a member on no committee neither; a
//   restore request with an unknown code is refused with the form error, keeping the typed
//   account and reason but never the code;
// - R2.11, R7.9 (charter 18.6): a seller deletes her account in settings asking for a restore
//   code: the deleted page shows "Your restore code" and one 26-character base32 code, and her
//   session is gone; a seller who does not ask for one gets no code.

import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, test } from "node:test";

import {
  PASSWORD,
  UI,
  checkPage,
  expectHeading,
  formError,
  launchBrowser,
  newContext,
  sessionCookie,
  submitAndWait,
} from "./helpers.mjs";
import { day, replay, textOf } from "./governance.mjs";
import { NET, committee, mainText, newSeller, submitOk } from "./network.mjs";

const LANGS = ["en", "de"];

/**
 * The English and German strings (crates/web/locales/{en,de}/{governance,coops,accounts}.ftl,
 * keys `approvals-*`, `approval-kind-*`, `coop-*`, `delete-*`, `deleted-*`).
 */
const TWO = {
  en: {
    proposalsTitle: "Proposals and votes",
    approvalsLink: "Requests waiting for a second member",
    approvalsTitle: "Requests waiting for a second member",
    waiting: "Waiting",
    none: "Nothing is waiting for you.",
    askedOn: "asked for on",
    yours: "(you asked for this)",
    approve: "Approve",
    requested: "Your request waits for a second member.",
    approved: "Approved. It is in effect now.",
    kindDissolution: "A coop's dissolution",
    suspendHeading: "Suspend an account after a vote",
    restoreHeading: "Restore a reputation",
    noRestoreCode: "There is no such restore code, or it was used already.",
    dissolveHeading: "Dissolve this coop",
    dissolveSubmit: "Ask to dissolve the coop",
    makeModerator: "Make moderator",
    moderator: "moderator",
    member: "member",
    moderated: (name, state) => `${name} is now: ${state}.`,
    coopNotFound: "There is no such coop.",
    restoreCodeLabel:
      "Give me a restore code: if I delete because of a platform error or a safety concern, the Dispute Resolution Committee can move my ratings to a new account with it",
    restoreCodeHeading: "Your restore code",
  },
  de: {
    proposalsTitle: "Vorschläge und Abstimmungen",
    approvalsLink: "Anträge, die auf ein zweites Mitglied warten",
    approvalsTitle: "Anträge, die auf ein zweites Mitglied warten",
    waiting: "Wartend",
    none: "Nichts wartet auf dich.",
    askedOn: "beantragt am",
    yours: "(dein Antrag)",
    approve: "Zustimmen",
    requested: "Dein Antrag wartet auf ein zweites Mitglied.",
    approved: "Zugestimmt. Es gilt ab sofort.",
    kindDissolution: "Die Auflösung einer Coop",
    suspendHeading: "Ein Konto nach einer Abstimmung sperren",
    restoreHeading: "Einen Ruf wiederherstellen",
    noRestoreCode: "Diesen Wiederherstellungscode gibt es nicht, oder er wurde schon benutzt.",
    dissolveHeading: "Diese Coop auflösen",
    dissolveSubmit: "Auflösung der Coop beantragen",
    makeModerator: "Zur Moderatorin machen",
    moderator: "Moderatorin",
    member: "Mitglied",
    moderated: (name, state) => `${name} ist jetzt: ${state}.`,
    coopNotFound: "Diese Coop gibt es nicht.",
    restoreCodeLabel:
      "Ich möchte einen Wiederherstellungscode: Lösche ich wegen eines Fehlers der Plattform oder aus Sicherheitsgründen, kann der Schlichtungsausschuss damit meine Bewertungen auf ein neues Konto übertragen",
    restoreCodeHeading: "Ihr Wiederherstellungscode",
  },
};

/** A restore code's shape: 128 random bits in lowercase base32, unpadded. */
const RESTORE_CODE = /^[a-z2-7]{26}$/;

/** A marker no page shows unless the flow put it there (letters only). */
function marker(label) {
  const letters = [...randomBytes(6)].map((b) => String.fromCharCode(97 + (b % 26))).join("");
  return `${label} ${letters}`;
}

/** A code of a restore code's shape that no deletion gave out. */
function unknownCode() {
  const alphabet = "abcdefghijklmnopqrstuvwxyz234567";
  return [...randomBytes(26)].map((b) => alphabet[b % 32]).join("");
}

/** The path of the page she is on. */
function pathname(page) {
  return new URL(page.url()).pathname;
}

describe("two-person requests on /approvals: a coop's dissolution, the committees' request forms, the restore code at deletion (R2.11, R6.2, R7.9)", () => {
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

  /** A seller in her own context (JavaScript off), closed after the test. */
  async function seller(prefix, lang) {
    const s = await newSeller(browser, prefix, { lang, javaScriptEnabled: false });
    contexts.push(s.context);
    return s;
  }

  /**
   * Each page check is a subtest on a copy of the page in a context with JavaScript on: a page
   * that fails axe or 360 px is reported by name while the flow goes on.
   */
  async function pageChecker(t, lang) {
    const viewerContext = await newContext(browser, { lang });
    contexts.push(viewerContext);
    const viewer = await viewerContext.newPage();
    return (page, label) =>
      t.test(label, async () => checkPage(await replay(page, viewer), label, lang));
  }

  /** The waiting requests of the /approvals page she is on. */
  function waitingItems(page) {
    return page.locator("#waiting li");
  }

  for (const lang of LANGS) {
    const T = TWO[lang];
    const N = NET[lang];

    test(`R6.2 R7.9 R10.1: a moderator asks to dissolve her coop from its page and cannot approve it herself, a plain member has nothing to approve, the second moderator approves on /approvals and the coop's page answers 404 for everyone; JavaScript off, axe on every page, ${lang}`, async (t) => {
      const check = await pageChecker(t, lang);
      try {
        const ann = await seller(`DisModA${lang}`, lang); // starts the coop, asks
        const bea = await seller(`DisModB${lang}`, lang); // made moderator, approves
        const cat = await seller(`DisMember${lang}`, lang); // a plain member

        // The coop, with two more members.
        const coopName = marker(`Dissolving ${lang}`);
        await ann.page.goto("/coops");
        await submitOk(ann.page, "/coops", { name: coopName });
        const coop = pathname(ann.page);
        assert.match(coop, /^\/coops\/[^/]+$/);
        await expectHeading(ann.page, coopName);
        assert.equal(await textOf(ann.page.locator("#dissolve-h")), T.dissolveHeading);
        await check(ann.page, "coop page, new, with the dissolve form");
        for (const s of [bea, cat]) {
          await ann.page.goto(coop);
          await submitOk(ann.page, `${coop}/invite`, { seller: s.name });
          assert.equal(await textOf(ann.page.locator("#notice")), N.invited(s.name));
          await s.page.goto(coop);
          await submitOk(s.page, `${coop}/join`);
          assert.equal(await textOf(s.page.locator("#notice")), N.joined);
          // A plain member: no dissolve form.
          assert.equal(await s.page.locator(`form[action='${coop}/dissolve']`).count(), 0);
          assert.equal(await s.page.locator("#dissolve-h").count(), 0);
        }
        await check(cat.page, "coop page, a plain member, no dissolve form");

        // Ann makes Bea a moderator from the members table.
        await ann.page.goto(coop);
        const beaRow = ann.page.locator("#members tbody tr", { hasText: bea.name });
        assert.equal(await beaRow.count(), 1, await mainText(ann.page));
        const promote = beaRow.locator(
          "form:has(input[name=action][value=make_moderator]) button[type=submit]",
        );
        assert.equal(await textOf(promote), T.makeModerator);
        const promoted = await submitAndWait(ann.page, promote);
        assert.equal(promoted.status(), 200, await formError(ann.page));
        assert.equal(await textOf(ann.page.locator("#notice")), T.moderated(bea.name, T.moderator));
        const beaRowNow = ann.page.locator("#members tbody tr", { hasText: bea.name });
        assert.ok(
          (await textOf(beaRowNow.locator("td").first())).endsWith(`(${T.moderator})`),
          await textOf(beaRowNow),
        );
        assert.equal(await beaRowNow.locator("input[name=action][value=make_moderator]").count(), 0);
        await check(ann.page, "coop page, a member made moderator");

        await bea.page.goto(coop);
        assert.ok((await textOf(bea.page.locator("#my-state"))).endsWith(`(${T.moderator})`));
        assert.equal(await textOf(bea.page.locator("#dissolve-h")), T.dissolveHeading);
        assert.equal(await bea.page.locator(`form[action='${coop}/dissolve']`).count(), 1);
        await check(bea.page, "coop page, the second moderator, with the dissolve form");

        // Ann asks to dissolve it, from the coop's page.
        await ann.page.goto(coop);
        const form = ann.page.locator(`form[action='${coop}/dissolve']`);
        await form.locator("#dissolve-reason").fill(marker(`We stop meeting ${lang}`));
        const asked = await submitAndWait(
          ann.page,
          form.getByRole("button", { name: T.dissolveSubmit, exact: true }),
        );
        assert.equal(asked.status(), 200, await formError(ann.page));
        assert.equal(pathname(ann.page), `${coop}/dissolve`);
        await expectHeading(ann.page, T.approvalsTitle);
        assert.equal(await textOf(ann.page.locator("#notice")), T.requested);
        assert.equal(await textOf(ann.page.locator("#waiting-h")), T.waiting);
        const mine = waitingItems(ann.page);
        assert.equal(await mine.count(), 1, await mainText(ann.page));
        assert.equal(await textOf(mine), `${T.kindDissolution}, ${T.askedOn} ${day(0)} ${T.yours}`);
        // The two-person rule: no button for the one who asked.
        assert.equal(await mine.locator("form, button").count(), 0);
        assert.equal(await ann.page.locator("main form[action^='/approvals/']").count(), 0);
        assert.equal(await ann.page.getByRole("button", { name: T.approve }).count(), 0);
        // A coop moderator on no committee: neither committee form.
        assert.equal(await ann.page.locator("form[action='/suspensions']").count(), 0);
        assert.equal(await ann.page.locator("form[action='/restorations']").count(), 0);
        await check(ann.page, "approvals page after asking to dissolve, her own request");

        // The coop still stands until a second member approves.
        await ann.page.goto(coop);
        await expectHeading(ann.page, coopName);

        // A plain member: nothing waits for her.
        await cat.page.goto("/approvals");
        await expectHeading(cat.page, T.approvalsTitle);
        assert.equal(await textOf(cat.page.locator("#none-waiting")), T.none);
        assert.equal(await waitingItems(cat.page).count(), 0);
        await check(cat.page, "approvals page, nothing waiting");

        // Bea follows the proposals page's link and approves.
        await bea.page.goto("/proposals");
        await expectHeading(bea.page, T.proposalsTitle);
        const link = bea.page.locator("#approvals-link");
        assert.equal(await textOf(link), T.approvalsLink);
        assert.equal(await link.getAttribute("href"), "/approvals");
        await check(bea.page, "proposals page with the approvals link");
        await link.click();
        await bea.page.waitForURL((u) => u.pathname === "/approvals");
        await expectHeading(bea.page, T.approvalsTitle);
        const theirs = waitingItems(bea.page);
        assert.equal(await theirs.count(), 1, await mainText(bea.page));
        const line = `${T.kindDissolution}, ${T.askedOn} ${day(0)}`;
        assert.equal(await textOf(theirs), `${line} ${T.approve}`);
        assert.ok(!(await textOf(theirs)).includes(T.yours));
        const approve = theirs.locator("form[action^='/approvals/'] button[type=submit]");
        assert.equal(await approve.count(), 1);
        assert.equal(await textOf(approve), T.approve);
        assert.equal(await approve.getAttribute("aria-label"), `${T.approve}: ${T.kindDissolution}, ${day(0)}`);
        await check(bea.page, "approvals page, a dissolution to approve");
        const approved = await submitAndWait(bea.page, approve);
        assert.equal(approved.status(), 200, await formError(bea.page));
        await expectHeading(bea.page, T.approvalsTitle);
        assert.equal(await textOf(bea.page.locator("#notice")), T.approved);
        assert.equal(await textOf(bea.page.locator("#none-waiting")), T.none);
        await check(bea.page, "approvals page after approving the dissolution");

        // The coop is gone, for all three.
        for (const s of [ann, bea, cat]) {
          const gone = await s.page.goto(coop);
          assert.equal(gone.status(), 404, `${s.name}: the coop's page answered ${gone.status()}`);
          await expectHeading(s.page, UI[lang].errorTitle);
          assert.equal(await textOf(s.page.locator("main p[role=alert]")), T.coopNotFound);
        }
        await check(bea.page, "coop page after the dissolution (404)");
        await ann.page.goto("/coops");
        assert.equal(await ann.page.locator(`main a[href='${coop}']`).count(), 0, await mainText(ann.page));
        assert.ok(!(await mainText(ann.page)).includes(coopName));
        await check(ann.page, "coops list after the dissolution");
        await ann.page.goto("/approvals");
        assert.equal(await textOf(ann.page.locator("#none-waiting")), T.none);
        await check(ann.page, "approvals page of the one who asked, after the approval");
      } finally {
        await closeContexts();
      }
    });

    test(`R7.9 R10.1: on /approvals a Dispute Resolution Committee member sees the restore form, a Governance committee member the suspension form, a member on no committee neither; a restore with an unknown code is refused, the account and reason kept, the code not; JavaScript off, axe on every page, ${lang}`, async (t) => {
      const check = await pageChecker(t, lang);
      const seats = [];
      try {
        const dora = await seller(`RestDisp${lang}`, lang);
        const gwen = await seller(`RestGov${lang}`, lang);
        const olga = await seller(`RestNone${lang}`, lang);
        await committee("add", dora.name, "disputes");
        seats.push([dora.name, "disputes"]);
        await committee("add", gwen.name, "governance");
        seats.push([gwen.name, "governance"]);

        // The Dispute Resolution Committee member: the restore form only.
        await dora.page.goto("/proposals");
        await dora.page.locator("#approvals-link").click();
        await dora.page.waitForURL((u) => u.pathname === "/approvals");
        await expectHeading(dora.page, T.approvalsTitle);
        assert.equal(await textOf(dora.page.locator("#restore-h")), T.restoreHeading);
        const restore = dora.page.locator("form[action='/restorations']");
        assert.equal(await restore.count(), 1);
        assert.equal(await dora.page.locator("form[action='/suspensions']").count(), 0);
        assert.equal(await dora.page.locator("#suspend-h").count(), 0);
        await check(dora.page, "approvals page, Dispute Resolution Committee, the restore form");

        // The Governance committee member: the suspension form only.
        await gwen.page.goto("/approvals");
        await expectHeading(gwen.page, T.approvalsTitle);
        assert.equal(await textOf(gwen.page.locator("#suspend-h")), T.suspendHeading);
        const suspend = gwen.page.locator("form[action='/suspensions']");
        assert.equal(await suspend.count(), 1);
        for (const field of ["account", "proposal", "until"]) {
          assert.equal(await suspend.locator(`[name=${field}]`).count(), 1, field);
        }
        assert.equal(await gwen.page.locator("form[action='/restorations']").count(), 0);
        assert.equal(await gwen.page.locator("#restore-h").count(), 0);
        await check(gwen.page, "approvals page, Governance committee, the suspension form");

        // A member on no committee: neither.
        await olga.page.goto("/approvals");
        await expectHeading(olga.page, T.approvalsTitle);
        assert.equal(await olga.page.locator("form[action='/suspensions']").count(), 0);
        assert.equal(await olga.page.locator("form[action='/restorations']").count(), 0);
        assert.equal(await textOf(olga.page.locator("#none-waiting")), T.none);
        await check(olga.page, "approvals page, a member on no committee");

        // A restore with a code no deletion gave out: refused; the code is not typed back.
        const code = unknownCode();
        const reason = marker(`Verified by a call ${lang}`);
        await restore.locator("#r-code").fill(code);
        await restore.locator("#r-account").fill(olga.name);
        await restore.locator("#r-reason").fill(reason);
        const refused = await submitAndWait(dora.page, restore.locator("button[type=submit]"));
        assert.equal(refused.status(), 404, `an unknown restore code answered ${refused.status()}`);
        assert.equal(pathname(dora.page), "/restorations");
        await expectHeading(dora.page, T.approvalsTitle);
        assert.equal(await textOf(dora.page.locator("#form-error")), T.noRestoreCode);
        assert.equal(await dora.page.locator("#notice").count(), 0);
        const again = dora.page.locator("form[action='/restorations']");
        assert.equal(await again.locator("#r-account").inputValue(), olga.name);
        assert.equal(await again.locator("#r-reason").inputValue(), reason);
        assert.equal(await again.locator("#r-code").inputValue(), "");
        assert.ok(!(await dora.page.content()).includes(code), "the refused code is in the page");
        await check(dora.page, "approvals page, a restore refused for an unknown code");

        // Nothing was asked: nothing of hers waits.
        await dora.page.goto("/approvals");
        for (const item of await waitingItems(dora.page).all()) {
          assert.ok(!(await textOf(item)).includes(T.yours), await textOf(item));
        }
      } finally {
        for (const [name, which] of seats) {
          await committee("remove", name, which);
        }
        await closeContexts();
      }
    });

    test(`R2.11 R7.9 R10.1: a seller deletes her account asking for a restore code and is shown one 26-character code once; without asking, no code; JavaScript off, axe on every page, ${lang}`, async (t) => {
      const check = await pageChecker(t, lang);
      try {
        const rae = await seller(`RestoreMe${lang}`, lang);
        const sue = await seller(`NoRestore${lang}`, lang);

        await rae.page.goto("/settings");
        const del = rae.page.locator("form[action='/settings/delete']");
        assert.equal(await textOf(del.locator("label[for=restore_code]")), T.restoreCodeLabel);
        assert.equal(await del.locator("#restore_code").isChecked(), false, "asked by default");
        await check(rae.page, "settings with the restore code checkbox");
        await del.locator("#current_password_delete").fill(PASSWORD);
        await del.locator("#restore_code").check();
        await del.locator("#confirm").check();
        const deleted = await submitAndWait(
          rae.page,
          del.getByRole("button", { name: UI[lang].deleteSubmit, exact: true }),
        );
        assert.equal(deleted.status(), 200, `deletion failed: ${await formError(rae.page)}`);
        await expectHeading(rae.page, UI[lang].deletedTitle);
        assert.equal(await textOf(rae.page.locator("#restore-h")), T.restoreCodeHeading);
        const codes = rae.page.locator("main code.secret");
        assert.equal(await codes.count(), 1);
        const code = (await codes.innerText()).trim();
        assert.match(code, RESTORE_CODE);
        assert.equal(await sessionCookie(rae.context), undefined, "session cookie kept after deletion");
        await check(rae.page, "deleted page with the restore code");

        // Without the checkbox: no code.
        await sue.page.goto("/settings");
        const plain = sue.page.locator("form[action='/settings/delete']");
        await plain.locator("#current_password_delete").fill(PASSWORD);
        await plain.locator("#confirm").check();
        const gone = await submitAndWait(
          sue.page,
          plain.getByRole("button", { name: UI[lang].deleteSubmit, exact: true }),
        );
        assert.equal(gone.status(), 200, `deletion failed: ${await formError(sue.page)}`);
        await expectHeading(sue.page, UI[lang].deletedTitle);
        assert.equal(await sue.page.locator("#restore-h").count(), 0);
        assert.equal(await sue.page.locator("code.secret").count(), 0);
        assert.ok(!(await mainText(sue.page)).includes(T.restoreCodeHeading));
        await check(sue.page, "deleted page without a restore code");
      } finally {
        await closeContexts();
      }
    });
  }
});
