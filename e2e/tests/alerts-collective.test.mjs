// Safety alerts beyond one coop, in a real browser (SPEC R6.4, R6.5; issue 12 §7): what
// alerts.test.mjs (a coop alert, disputed, withdrawn by the coop's moderator) does not cover.
// In English and German, every flow with JavaScript off (R10.1), every page on the way checked
// with axe-core (zero violations) and on a 360 px phone (R10.2, R10.4):
//
// - a collective alert (posted to no coop) naming a buyer shows on the lookup of a seller who
//   shares no coop with its poster; disputed, it waits in the Dispute Resolution Committee's
//   queue (the committee named with `tessera committee add`); a committee member who filed the
//   dispute is refused the decision and the poster, on the committee too, is offered none
//   (recusal); another member upholds it: it stays live and leaves the queue;
// - the committee suspends the poster of a disputed collective alert from posting: her next
//   alert is refused with the page's message;
// - a coop's moderator escalates a disputed coop alert: it leaves the coop's queue, waits in the
//   committee's (whose member is not in the coop) and the committee withdraws it;
// - an anonymous alert ("a member") in a coop whose `anonymous_alerts` is on: the other members
//   see "a member", the poster and the coop's moderator see who posted; a coop with the setting
//   off refuses it.
//
// The committee's queue is the whole server's: the tests find their own alerts by a marker in
// the text, measure the dashboard's pending count before and after, and take their members off
// the committee again when done.

import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, test } from "node:test";

import {
  checkPage,
  launchBrowser,
  newContext,
  pseudonym,
  signUpBuyer,
  submitAndWait,
} from "./helpers.mjs";
import { NET, committee, includesName, mainText, newSeller, submitOk } from "./network.mjs";

const LANGS = ["en", "de"];

/** The strings the tests check (crates/web/locales/{en,de}/alerts.ftl). */
const AL = {
  en: {
    collective: "In the whole collective",
    inCoop: (c) => `In the coop ${c}`,
    posted: "The alert is live.",
    postedBy: (name, day) => `Posted by ${name} on ${day}`,
    postedAnonymous: (day) => `Posted by a member on ${day}`,
    oneAlert: "One live alert names this pseudonym.",
    disputed: "Disputed: a member has questioned this alert; it stays visible until a moderator decides.",
    withdrawnLine: "Withdrawn by a moderator.",
    disputedNotice: "Your dispute is recorded. The moderators will decide.",
    reason: {
      inaccurate: "Inaccurate",
      revenge: "Revenge",
      competitive_suppression: "Competitive suppression",
    },
    pending: (n) =>
      n === 1 ? "One disputed alert waits for your decision." : `${n} disputed alerts wait for your decision.`,
    queueLink: "Disputed alerts to decide",
    queueCommittee: "Dispute Resolution Committee",
    queueCoop: (c) => `Coop ${c}`,
    queueEmpty: "Nothing to decide.",
    open: "Details",
    openModerate: "Details and decision",
    uphold: "Uphold",
    withdraw: "Withdraw",
    suspend: "Suspend the poster from posting",
    escalate: "Escalate to the committee",
    decidedNotice: "Your decision is recorded.",
    recused: "You posted or disputed this alert, so you cannot decide it.",
    notAllowed:
      "You cannot post alerts here yet: new members wait the coop's minimum days, and suspended members cannot post.",
    anonymousRefused: "This coop does not allow anonymous alerts.",
    yours: (o) => `Your alert: ${AL.en.outcome[o]}`,
    theirs: (o) => `An alert you disputed: ${AL.en.outcome[o]}`,
    outcome: {
      upheld: "upheld.",
      withdrawn: "withdrawn.",
      suspended: "its poster was suspended from posting.",
      escalated: "escalated to the Dispute Resolution Committee.",
    },
  },
  de: {
    collective: "Im ganzen Kollektiv",
    inCoop: (c) => `In der Coop ${c}`,
    posted: "Die Warnung ist aktiv.",
    postedBy: (name, day) => `Veröffentlicht von ${name} am ${day}`,
    postedAnonymous: (day) => `Veröffentlicht von einem Mitglied am ${day}`,
    oneAlert: "Eine aktive Warnung nennt dieses Pseudonym.",
    disputed:
      "Angefochten: Ein Mitglied hat diese Warnung in Frage gestellt; sie bleibt sichtbar, bis eine Moderatorin entscheidet.",
    withdrawnLine: "Von einer Moderatorin zurückgezogen.",
    disputedNotice: "Dein Einspruch ist gespeichert. Die Moderatorinnen entscheiden.",
    reason: {
      inaccurate: "Unzutreffend",
      revenge: "Rache",
      competitive_suppression: "Verdrängung von Konkurrenz",
    },
    pending: (n) =>
      n === 1
        ? "Eine angefochtene Warnung wartet auf deine Entscheidung."
        : `${n} angefochtene Warnungen warten auf deine Entscheidung.`,
    queueLink: "Angefochtene Warnungen entscheiden",
    queueCommittee: "Schlichtungsausschuss",
    queueCoop: (c) => `Coop ${c}`,
    queueEmpty: "Nichts zu entscheiden.",
    open: "Details",
    openModerate: "Details und Entscheidung",
    uphold: "Bestätigen",
    withdraw: "Zurückziehen",
    suspend: "Verfasserin für Warnungen sperren",
    escalate: "An den Ausschuss weitergeben",
    decidedNotice: "Deine Entscheidung ist gespeichert.",
    recused: "Du hast diese Warnung veröffentlicht oder angefochten und kannst deshalb nicht über sie entscheiden.",
    notAllowed:
      "Du kannst hier noch keine Warnungen veröffentlichen: Neue Mitglieder warten die Mindesttage der Coop ab, gesperrte Mitglieder können nichts veröffentlichen.",
    anonymousRefused: "Diese Coop erlaubt keine anonymen Warnungen.",
    yours: (o) => `Deine Warnung: ${AL.de.outcome[o]}`,
    theirs: (o) => `Eine Warnung, die du angefochten hast: ${AL.de.outcome[o]}`,
    outcome: {
      upheld: "bestätigt.",
      withdrawn: "zurückgezogen.",
      suspended: "die Verfasserin wurde für Warnungen gesperrt.",
      escalated: "an den Schlichtungsausschuss weitergegeben.",
    },
  },
};

const FLAGS = ["unsafe", "aggressive", "boundary_violation", "non_payment", "time_waster", "scam", "other"];

/**
 * A marker no page shows unless the flow put it there, of letters only (digits could look like
 * a phone number to the contact-details check, R6.4).
 */
function marker(label) {
  const letters = [...randomBytes(6)].map((b) => String.fromCharCode(97 + (b % 26))).join("");
  return `${label}-${letters}`;
}

/** The text of an element, whitespace collapsed. */
async function textOf(locator) {
  return (await locator.innerText()).replace(/\s+/g, " ").trim();
}

/**
 * The page as the flow reached it, shown again in `viewer` (JavaScript on) at the same address,
 * for axe-core and the 360 px measurement (as in alerts.test.mjs: Playwright cannot evaluate in
 * a context with JavaScript off). The HTML is the server's answer the flow got, a refused post
 * included; the stylesheet and the rest come from the real server.
 */
async function replay(page, viewer) {
  const url = page.url();
  const html = await page.content();
  await viewer.route(
    (u) => u.href === url,
    (route) => route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html }),
    { times: 1 },
  );
  await viewer.goto(url);
  return viewer;
}

/** The line under an alert: { by, place, expires, day } ("Posted by X on DAY · place · until"). */
async function lineOf(item) {
  const parts = (await textOf(item.locator("p.help"))).split(" · ");
  assert.equal(parts.length, 3, parts.join(" · "));
  const day = parts[0].match(/\d{4}-\d{2}-\d{2}/)?.[0];
  assert.ok(day, `no day in ${parts[0]}`);
  return { by: parts[0], place: parts[1], expires: parts[2], day };
}

/** The decisions the alert page offers (the `action` of each moderate form). */
async function actionsOn(page, alertPath) {
  const values = await page
    .locator(`form[action='${alertPath}/moderate'] input[name=action]`)
    .evaluateAll((inputs) => inputs.map((i) => i.value));
  return values.sort();
}

/** The button of one decision on the alert page. */
function decision(page, alertPath, action) {
  return page.locator(
    `form[action='${alertPath}/moderate']:has(input[name=action][value=${action}]) button`,
  );
}

/** The section of the queue page under the heading `title`. */
function queueSection(page, title) {
  return page.locator("main section", { has: page.locator(`h2:text-is("${title}")`) });
}

/**
 * Fills the alert form on /alerts as given (every flag box set or cleared, so a form that came
 * back refused is filled the same way) and posts it; returns the response.
 */
async function postAlert(page, { place, flags, buyer = "", text, days = "14", anonymous = false }) {
  const form = page.locator("form[action='/alerts']");
  await form.locator("select[name=coop]").selectOption({ label: place });
  for (const f of FLAGS) {
    await form.locator(`input[name=flags][value=${f}]`).setChecked(flags.includes(f));
  }
  await form.locator("input[name=buyer]").fill(buyer);
  await form.locator("textarea[name=text]").fill(text);
  await form.locator("input[name=days]").fill(days);
  await form.locator("input[name=anonymous]").setChecked(anonymous);
  return submitAndWait(page, form.locator("button[type=submit]"));
}

/** Disputes the alert on its page (the seller is on it). */
async function disputeAlert(page, A, reason, context) {
  const form = page.locator("form[action$='/dispute']");
  await form.locator("select[name=reason]").selectOption(reason);
  await form.locator("textarea[name=context]").fill(context);
  const resp = await submitAndWait(page, form.locator("button[type=submit]"));
  assert.equal(resp.status(), 200, await mainText(page));
  assert.equal(await textOf(page.locator("#notice")), A.disputedNotice);
  assert.ok((await mainText(page)).includes(A.disputed), await mainText(page));
}

/** The count of the dashboard's "disputed alerts wait for your decision" line. */
async function pendingOnDashboard(page, A) {
  await page.goto("/dashboard");
  const text = await textOf(page.locator("#pending-disputes"));
  const n = /^\d+/.test(text) ? Number(text.match(/^\d+/)[0]) : 1;
  assert.equal(text, A.pending(n), "the dashboard's pending disputes line");
  return n;
}

/** The outcome line of one alert on the seller's dashboard (R6.5). */
async function outcomeOnDashboard(page, alertPath) {
  await page.goto("/dashboard");
  const line = page.locator("li.alert-outcome", { has: page.locator(`a[href='${alertPath}']`) });
  assert.equal(await line.count(), 1, await mainText(page));
  return textOf(line);
}

describe("collective alerts, the Dispute Resolution Committee, decisions, anonymous alerts (R6.4, R6.5)", () => {
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  /**
   * What every test needs: a JavaScript-on viewer for the page checks, sellers and buyers with
   * JavaScript off, and committee seats, all undone when the test ends.
   */
  async function setUp(t, lang) {
    const off = { lang, javaScriptEnabled: false };
    const contexts = [];
    const seats = [];
    t.after(async () => {
      // Off the committee first: the roster is the whole server's.
      for (const name of seats) {
        await committee("remove", name);
      }
      while (contexts.length) {
        await contexts.pop().close();
      }
    });
    const viewerContext = await newContext(browser, { lang });
    contexts.push(viewerContext);
    const viewer = await viewerContext.newPage();
    return {
      // Each page check is a subtest: a page that fails axe or 360 px is reported by name while
      // the flow goes on.
      check: (page, label) =>
        t.test(label, async () => checkPage(await replay(page, viewer), label, lang)),
      seller: async (prefix) => {
        const s = await newSeller(browser, prefix, off);
        contexts.push(s.context);
        return s;
      },
      buyer: async (prefix) => {
        const context = await newContext(browser, off);
        contexts.push(context);
        const name = pseudonym(prefix);
        await signUpBuyer(await context.newPage(), name, lang);
        return name;
      },
      onCommittee: async (s) => {
        await committee("add", s.name);
        seats.push(s.name);
      },
    };
  }

  /** A coop created by `owner` (so she moderates it), members joining at once (min days 0). */
  async function coopWith(owner, members, { lang, name, anonymous }) {
    await owner.page.goto("/coops");
    const form = owner.page.locator("form[action='/coops']");
    await form.locator("input[name=name]").fill(name);
    await form.locator("input[name=min_member_days]").fill("0");
    await form.locator("input[name=anonymous_alerts]").setChecked(anonymous);
    const resp = await submitAndWait(owner.page, form.locator("button[type=submit]"));
    assert.equal(resp.status(), 200, await mainText(owner.page));
    const coop = new URL(owner.page.url()).pathname;
    assert.match(coop, /^\/coops\/[^/]+$/);
    for (const s of members) {
      await submitOk(owner.page, `${coop}/invite`, { seller: s.name });
      await s.page.goto(coop);
      await submitOk(s.page, `${coop}/join`);
      assert.equal(await textOf(s.page.locator("#notice")), NET[lang].joined);
    }
    return { path: coop, id: coop.split("/").pop(), name };
  }

  for (const lang of LANGS) {
    const A = AL[lang];

    test(`R6.4 R6.5: a collective alert naming a buyer shows on another seller's lookup; disputed, it waits in the Dispute Resolution Committee's queue, the filer and the poster cannot decide it, the committee upholds it, JavaScript off, axe on every page, ${lang}`, async (t) => {
      const { check, seller, buyer: newBuyer, onCommittee } = await setUp(t, lang);
      const pia = await seller(`CoPost${lang}`); // posts the collective alert
      const lou = await seller(`CoLook${lang}`); // looks the buyer up, disputes the alert
      const dee = await seller(`CoDrc${lang}`); // decides it for the committee
      // All three sit on the committee: Dee decides; Lou and Pia are the parties (recusal).
      for (const s of [pia, lou, dee]) {
        await onCommittee(s);
      }
      const buyer = await newBuyer(`CoBuy${lang}`);

      // --- R6.4: Pia posts to the whole collective; she is in no coop at all.
      await pia.page.goto("/alerts");
      const tag = marker("pushed past the limit");
      const posted = await postAlert(pia.page, {
        place: A.collective,
        flags: ["unsafe", "boundary_violation"],
        buyer,
        text: tag,
        days: "7",
      });
      assert.equal(posted.status(), 200, await mainText(pia.page));
      assert.equal(await textOf(pia.page.locator("#notice")), A.posted);
      const mine = pia.page.locator("article.alert-item", { hasText: tag });
      assert.equal(await mine.count(), 1, await mainText(pia.page));
      const line = await lineOf(mine);
      assert.equal(line.place, A.collective);
      const alertPath = await mine.locator("a[href^='/alerts/']").getAttribute("href");
      assert.match(alertPath, /^\/alerts\/[^/?]+$/);
      await check(pia.page, "alerts, a collective alert posted");

      // --- Lou shares no coop with Pia, yet her lookup of the buyer shows the alert.
      await lou.page.goto("/coops");
      assert.equal(await lou.page.locator("#no-coops").count(), 1, await mainText(lou.page));
      const lookup = `/lookup?pseudonym=${encodeURIComponent(buyer)}`;
      await lou.page.goto(lookup);
      assert.equal(await textOf(lou.page.locator("#lookup-alerts")), A.oneAlert);
      const onLookup = lou.page.locator(".result article.alert-item");
      assert.equal(await onLookup.count(), 1);
      assert.ok((await textOf(onLookup)).includes(tag), await textOf(onLookup));
      const seen = await lineOf(onLookup);
      assert.equal(seen.place, A.collective);
      assert.equal(seen.by.toLowerCase(), A.postedBy(pia.name, seen.day).toLowerCase());
      await check(lou.page, "lookup with a collective alert");

      // --- The committee's queue before any dispute: an undisputed alert waits for nobody.
      const pendingBefore = await pendingOnDashboard(dee.page, A);
      await dee.page.goto("/alerts");
      await dee.page.getByRole("link", { name: A.queueLink }).click();
      await dee.page.waitForURL((u) => u.pathname === "/alerts/queue");
      const drc = queueSection(dee.page, A.queueCommittee);
      assert.equal(await drc.count(), 1, await mainText(dee.page));
      assert.equal(await drc.locator("article.alert-item", { hasText: tag }).count(), 0);

      // --- R6.5: Lou disputes it from her lookup.
      await onLookup.locator(`a[href='${alertPath}']`).click();
      await lou.page.waitForURL((u) => u.pathname === alertPath);
      const context = marker("they are rivals in the same bar");
      await disputeAlert(lou.page, A, "inaccurate", context);
      await check(lou.page, "one alert, collective, disputed");

      // Recusal: Lou sits on the committee but filed the dispute; she is offered no decision
      // (a decision posted anyway is refused with 403 "recused": crates/web/tests/http/alerts.rs).
      assert.deepEqual(await actionsOn(lou.page, alertPath), []);
      assert.ok((await mainText(lou.page)).includes(A.disputed));
      await check(lou.page, "one alert, its disputer on the committee");

      // Recusal: Pia sits on the committee too; her own alert is in its queue, but she is
      // offered no decision on it.
      await pia.page.goto("/alerts/queue");
      const piaQueued = queueSection(pia.page, A.queueCommittee).locator("article.alert-item", {
        hasText: tag,
      });
      assert.equal(await piaQueued.count(), 1, await mainText(pia.page));
      assert.equal(await textOf(piaQueued.locator(`a[href='${alertPath}']`)), A.open);
      await piaQueued.locator(`a[href='${alertPath}']`).click();
      await pia.page.waitForURL((u) => u.pathname === alertPath);
      assert.deepEqual(await actionsOn(pia.page, alertPath), []);
      assert.equal(await pia.page.locator(`form[action='${alertPath}/dispute']`).count(), 0);
      await check(pia.page, "one alert, its poster on the committee");

      // --- Dee: the dashboard counts it, the committee's queue holds it with the dispute.
      assert.equal(await pendingOnDashboard(dee.page, A), pendingBefore + 1);
      await dee.page.goto("/alerts/queue");
      const queued = queueSection(dee.page, A.queueCommittee).locator("article.alert-item", {
        hasText: tag,
      });
      assert.equal(await queued.count(), 1, await mainText(dee.page));
      const disputeLine = await textOf(queued.locator("ul.disputes"));
      assert.ok(
        disputeLine.includes(A.reason.inaccurate) && disputeLine.includes(context),
        disputeLine,
      );
      assert.equal((await lineOf(queued)).place, A.collective);
      const open = queued.locator(`a[href='${alertPath}']`);
      assert.equal(await textOf(open), A.openModerate);
      await check(dee.page, "alerts queue, the committee's, a disputed collective alert");

      await open.click();
      await dee.page.waitForURL((u) => u.pathname === alertPath);
      // A collective alert is the committee's already: nothing to escalate it to.
      assert.deepEqual(await actionsOn(dee.page, alertPath), ["suspend_poster", "uphold", "withdraw"]);
      await check(dee.page, "one alert, collective, the committee's decision");
      const uphold = decision(dee.page, alertPath, "uphold");
      assert.equal(await textOf(uphold), A.uphold);
      const decided = await submitAndWait(dee.page, uphold);
      assert.equal(decided.status(), 200, await mainText(dee.page));
      assert.equal(await textOf(dee.page.locator("#notice")), A.decidedNotice);
      assert.equal(await dee.page.locator("article.alert-item.withdrawn").count(), 0);
      await check(dee.page, "one alert, upheld by the committee");

      // --- Upheld: still live on the lookup, no longer "disputed … until a moderator decides",
      // out of the queue, and both sides are told.
      await lou.page.goto(lookup);
      assert.equal(await textOf(lou.page.locator("#lookup-alerts")), A.oneAlert);
      assert.ok((await textOf(lou.page.locator(".result article.alert-item"))).includes(tag));
      assert.ok(!(await mainText(lou.page)).includes(A.disputed), await mainText(lou.page));
      await dee.page.goto("/alerts/queue");
      assert.equal(
        await queueSection(dee.page, A.queueCommittee)
          .locator("article.alert-item", { hasText: tag })
          .count(),
        0,
      );
      assert.equal(await pendingOnDashboard(dee.page, A), pendingBefore);
      assert.equal(await outcomeOnDashboard(pia.page, alertPath), A.yours("upheld"));
      assert.equal(await outcomeOnDashboard(lou.page, alertPath), A.theirs("upheld"));
      await check(lou.page, "dashboard, a disputed alert upheld");
    });

    test(`R6.4 R6.5: the committee suspends the poster of a disputed collective alert from posting, and her next alert is refused, JavaScript off, axe on every page, ${lang}`, async (t) => {
      const { check, seller, onCommittee } = await setUp(t, lang);
      const pia = await seller(`SuPost${lang}`);
      const lou = await seller(`SuDisp${lang}`);
      const dee = await seller(`SuDrc${lang}`);
      await onCommittee(dee);

      await pia.page.goto("/alerts");
      const tag = marker("threatened to come back");
      const posted = await postAlert(pia.page, { place: A.collective, flags: ["aggressive"], text: tag });
      assert.equal(posted.status(), 200, await mainText(pia.page));
      const alertPath = await pia.page
        .locator("article.alert-item", { hasText: tag })
        .locator("a[href^='/alerts/']")
        .getAttribute("href");

      // Lou sees it in her list of live alerts and disputes it.
      await lou.page.goto("/alerts");
      await lou.page.locator(`article.alert-item a[href='${alertPath}']`).click();
      await lou.page.waitForURL((u) => u.pathname === alertPath);
      await disputeAlert(lou.page, A, "revenge", marker("she owes the poster money"));

      // Dee decides from the committee's queue: suspend the poster.
      const pendingBefore = await pendingOnDashboard(dee.page, A);
      assert.ok(pendingBefore >= 1, "the disputed collective alert is not counted");
      await dee.page.goto("/alerts/queue");
      const queued = queueSection(dee.page, A.queueCommittee).locator("article.alert-item", {
        hasText: tag,
      });
      assert.equal(await queued.count(), 1, await mainText(dee.page));
      assert.ok((await textOf(queued.locator("ul.disputes"))).includes(A.reason.revenge));
      await queued.locator(`a[href='${alertPath}']`).click();
      await dee.page.waitForURL((u) => u.pathname === alertPath);
      const suspend = decision(dee.page, alertPath, "suspend_poster");
      assert.equal(await textOf(suspend), A.suspend);
      const decided = await submitAndWait(dee.page, suspend);
      assert.equal(decided.status(), 200, await mainText(dee.page));
      assert.equal(await textOf(dee.page.locator("#notice")), A.decidedNotice);
      await check(dee.page, "one alert, its poster suspended by the committee");

      // Decided: out of the queue; the alert itself stays live (only "withdraw" removes it).
      await dee.page.goto("/alerts/queue");
      assert.equal(
        await queueSection(dee.page, A.queueCommittee)
          .locator("article.alert-item", { hasText: tag })
          .count(),
        0,
      );
      assert.equal(await pendingOnDashboard(dee.page, A), pendingBefore - 1);
      await lou.page.goto("/alerts");
      assert.equal(await lou.page.locator("article.alert-item", { hasText: tag }).count(), 1);
      assert.equal(await outcomeOnDashboard(pia.page, alertPath), A.yours("suspended"));
      assert.equal(await outcomeOnDashboard(lou.page, alertPath), A.theirs("suspended"));
      await check(pia.page, "dashboard, her alert's poster suspended");

      // --- Pia's next collective alert is refused with the page's message, her text kept.
      await pia.page.goto("/alerts");
      const next = marker("again the same buyer");
      const refused = await postAlert(pia.page, { place: A.collective, flags: ["scam"], text: next });
      assert.equal(refused.status(), 403, await mainText(pia.page));
      assert.equal(await textOf(pia.page.locator("#form-error")), A.notAllowed);
      assert.equal(await pia.page.locator("textarea[name=text]").inputValue(), next);
      assert.equal(await pia.page.locator("input[name=flags][value=scam]").isChecked(), true);
      await check(pia.page, "alerts, posting refused: the poster is suspended");
      await lou.page.goto("/alerts");
      assert.equal(await lou.page.locator("article.alert-item", { hasText: next }).count(), 0);
    });

    test(`R6.5: a coop's moderator escalates a disputed coop alert to the Dispute Resolution Committee, which finds it in its queue and withdraws it, JavaScript off, axe on every page, ${lang}`, async (t) => {
      const { check, seller, onCommittee } = await setUp(t, lang);
      const ann = await seller(`EsMod${lang}`); // creates the coop, so moderates it
      const bea = await seller(`EsPost${lang}`);
      const cat = await seller(`EsDisp${lang}`);
      const dee = await seller(`EsDrc${lang}`); // on the committee, not in the coop
      await onCommittee(dee);
      const coop = await coopWith(ann, [bea, cat], {
        lang,
        name: marker(`Escalation circle ${lang}`),
        anonymous: false,
      });

      await bea.page.goto("/alerts");
      const tag = marker("took the phone away");
      const posted = await postAlert(bea.page, {
        place: A.inCoop(coop.name),
        flags: ["unsafe"],
        text: tag,
      });
      assert.equal(posted.status(), 200, await mainText(bea.page));
      const alertPath = await bea.page
        .locator("article.alert-item", { hasText: tag })
        .locator("a[href^='/alerts/']")
        .getAttribute("href");
      await cat.page.goto(alertPath);
      const context = marker("the poster wants his regulars");
      await disputeAlert(cat.page, A, "competitive_suppression", context);

      // A disputed coop alert is the coop's to decide: not yet in the committee's queue.
      const pendingBefore = await pendingOnDashboard(dee.page, A);
      await dee.page.goto("/alerts/queue");
      assert.equal(
        await queueSection(dee.page, A.queueCommittee)
          .locator("article.alert-item", { hasText: tag })
          .count(),
        0,
      );

      // --- Ann escalates it from her coop's queue.
      await ann.page.goto("/alerts/queue");
      const coopQueue = queueSection(ann.page, A.queueCoop(coop.name));
      const queued = coopQueue.locator("article.alert-item", { hasText: tag });
      assert.equal(await queued.count(), 1, await mainText(ann.page));
      await queued.locator(`a[href='${alertPath}']`).click();
      await ann.page.waitForURL((u) => u.pathname === alertPath);
      assert.deepEqual(await actionsOn(ann.page, alertPath), [
        "escalate",
        "suspend_poster",
        "uphold",
        "withdraw",
      ]);
      const escalate = decision(ann.page, alertPath, "escalate");
      assert.equal(await textOf(escalate), A.escalate);
      const escalated = await submitAndWait(ann.page, escalate);
      assert.equal(escalated.status(), 200, await mainText(ann.page));
      assert.equal(await textOf(ann.page.locator("#notice")), A.decidedNotice);
      // Escalated once: it cannot be escalated again.
      assert.equal(await ann.page.locator("input[name=action][value=escalate]").count(), 0);
      await check(ann.page, "one alert, escalated by the coop's moderator");

      // It has left the coop's queue; it stays live for the coop, and both sides are told.
      await ann.page.goto("/alerts/queue");
      assert.equal(await coopQueue.locator("article.alert-item", { hasText: tag }).count(), 0);
      assert.ok((await textOf(coopQueue)).includes(A.queueEmpty), await textOf(coopQueue));
      await bea.page.goto("/alerts");
      assert.equal(await bea.page.locator("article.alert-item", { hasText: tag }).count(), 1);
      assert.equal(await outcomeOnDashboard(bea.page, alertPath), A.yours("escalated"));
      assert.equal(await outcomeOnDashboard(cat.page, alertPath), A.theirs("escalated"));
      await check(cat.page, "dashboard, a disputed alert escalated");

      // --- The committee: Dee, in no coop, finds it in its queue, with the dispute.
      assert.equal(await pendingOnDashboard(dee.page, A), pendingBefore + 1);
      await dee.page.goto("/alerts/queue");
      const drcQueued = queueSection(dee.page, A.queueCommittee).locator("article.alert-item", {
        hasText: tag,
      });
      assert.equal(await drcQueued.count(), 1, await mainText(dee.page));
      const drcLine = await lineOf(drcQueued);
      assert.equal(drcLine.place, A.inCoop(coop.name));
      assert.equal(drcLine.by.toLowerCase(), A.postedBy(bea.name, drcLine.day).toLowerCase());
      const disputeLine = await textOf(drcQueued.locator("ul.disputes"));
      assert.ok(
        disputeLine.includes(A.reason.competitive_suppression) && disputeLine.includes(context),
        disputeLine,
      );
      await check(dee.page, "alerts queue, the committee's, an escalated coop alert");
      await drcQueued.locator(`a[href='${alertPath}']`).click();
      await dee.page.waitForURL((u) => u.pathname === alertPath);
      // The committee does not escalate to itself.
      assert.deepEqual(await actionsOn(dee.page, alertPath), ["suspend_poster", "uphold", "withdraw"]);
      await check(dee.page, "one alert, escalated, the committee's decision");
      const withdraw = decision(dee.page, alertPath, "withdraw");
      assert.equal(await textOf(withdraw), A.withdraw);
      const decided = await submitAndWait(dee.page, withdraw);
      assert.equal(decided.status(), 200, await mainText(dee.page));
      assert.equal(await textOf(dee.page.locator("#notice")), A.decidedNotice);
      assert.ok((await mainText(dee.page)).includes(A.withdrawnLine), await mainText(dee.page));

      // Withdrawn by the committee: gone from the coop's list and from the committee's queue.
      await bea.page.goto("/alerts");
      assert.equal(await bea.page.locator("article.alert-item", { hasText: tag }).count(), 0);
      await dee.page.goto("/alerts/queue");
      assert.equal(
        await queueSection(dee.page, A.queueCommittee)
          .locator("article.alert-item", { hasText: tag })
          .count(),
        0,
      );
      assert.equal(await pendingOnDashboard(dee.page, A), pendingBefore);
      assert.equal(await outcomeOnDashboard(bea.page, alertPath), A.yours("withdrawn"));
      assert.equal(await outcomeOnDashboard(cat.page, alertPath), A.theirs("withdrawn"));
    });

    test(`R6.4: an anonymous alert in a coop that allows it shows "a member" to the other members and its poster to the coop's moderator; a coop that does not allow it refuses it, JavaScript off, axe on every page, ${lang}`, async (t) => {
      const { check, seller, buyer: newBuyer } = await setUp(t, lang);
      const ann = await seller(`AnMod${lang}`); // creates both coops, so moderates them
      const bea = await seller(`AnPost${lang}`);
      const cat = await seller(`AnRead${lang}`);
      const buyer = await newBuyer(`AnBuy${lang}`);
      const open = await coopWith(ann, [bea, cat], {
        lang,
        name: marker(`Anonymous circle ${lang}`),
        anonymous: true,
      });
      const named = await coopWith(ann, [bea], {
        lang,
        name: marker(`Named circle ${lang}`),
        anonymous: false,
      });

      // --- The coop whose anonymous_alerts is off refuses "a member", keeping what she typed.
      await bea.page.goto("/alerts");
      const tag = marker("followed me to the car");
      const alert = { flags: ["unsafe", "aggressive"], buyer, text: tag, anonymous: true };
      const refused = await postAlert(bea.page, { ...alert, place: A.inCoop(named.name) });
      assert.equal(refused.status(), 400, await mainText(bea.page));
      assert.equal(await textOf(bea.page.locator("#form-error")), A.anonymousRefused);
      assert.equal(await bea.page.locator("input[name=anonymous]").isChecked(), true);
      assert.equal(await bea.page.locator("textarea[name=text]").inputValue(), tag);
      assert.equal(await bea.page.locator("article.alert-item", { hasText: tag }).count(), 0);
      await check(bea.page, "alerts, an anonymous alert refused by the coop");

      // --- The coop that allows it: posted as "a member". She sees herself as its poster.
      const posted = await postAlert(bea.page, { ...alert, place: A.inCoop(open.name) });
      assert.equal(posted.status(), 200, await mainText(bea.page));
      assert.equal(await textOf(bea.page.locator("#notice")), A.posted);
      const mine = bea.page.locator("article.alert-item", { hasText: tag });
      assert.equal(await mine.count(), 1, await mainText(bea.page));
      const own = await lineOf(mine);
      assert.equal(own.place, A.inCoop(open.name));
      assert.equal(own.by.toLowerCase(), A.postedBy(bea.name, own.day).toLowerCase());
      const alertPath = await mine.locator("a[href^='/alerts/']").getAttribute("href");
      const day = own.day;

      // --- Cat, a member: "a member", and Bea's name nowhere on the list, the alert, the lookup.
      await cat.page.goto("/alerts");
      const catItem = cat.page.locator("article.alert-item", { hasText: tag });
      assert.equal(await catItem.count(), 1, await mainText(cat.page));
      assert.equal((await lineOf(catItem)).by, A.postedAnonymous(day));
      assert.ok(!includesName(await mainText(cat.page), bea.name), await mainText(cat.page));
      await check(cat.page, "alerts, an anonymous alert, a member");
      await catItem.locator(`a[href='${alertPath}']`).click();
      await cat.page.waitForURL((u) => u.pathname === alertPath);
      assert.equal((await lineOf(cat.page.locator("article.alert-item"))).by, A.postedAnonymous(day));
      assert.ok(!includesName(await mainText(cat.page), bea.name), await mainText(cat.page));
      await check(cat.page, "one alert, anonymous, a member");
      await cat.page.goto(`/lookup?pseudonym=${encodeURIComponent(buyer)}`);
      assert.equal(await textOf(cat.page.locator("#lookup-alerts")), A.oneAlert);
      const onLookup = cat.page.locator(".result article.alert-item");
      assert.equal((await lineOf(onLookup)).by, A.postedAnonymous(day));
      assert.ok(!includesName(await mainText(cat.page), bea.name), await mainText(cat.page));
      await check(cat.page, "lookup with an anonymous alert");

      // --- Ann, the coop's moderator, still sees who posted it: on the list and on its page.
      await ann.page.goto("/alerts");
      const annItem = ann.page.locator("article.alert-item", { hasText: tag });
      assert.equal(await annItem.count(), 1, await mainText(ann.page));
      assert.equal((await lineOf(annItem)).by.toLowerCase(), A.postedBy(bea.name, day).toLowerCase());
      await annItem.locator(`a[href='${alertPath}']`).click();
      await ann.page.waitForURL((u) => u.pathname === alertPath);
      const annLine = await lineOf(ann.page.locator("article.alert-item"));
      assert.equal(annLine.by.toLowerCase(), A.postedBy(bea.name, day).toLowerCase());
      await check(ann.page, "one alert, anonymous, the coop's moderator");
    });
  }
});
