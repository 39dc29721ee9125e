// Safety alerts and disputes in a real browser (SPEC R6.4, R6.5; issue 12 §7), in English and
// German, every flow with JavaScript off (R10.1): three sellers in a coop that lets members post
// at once (min_member_days 0); Bea posts an alert naming a buyer with a phone number in its text,
// is warned about contact details (R6.4), keeps what she typed and posts it as it is; Ann, the
// coop's moderator, sees it on the buyer's lookup; Cat disputes it and it shows "Disputed" but
// stays live (R6.5); Ann decides it from her queue and withdraws it; it disappears from Cat's
// alerts and from the lookup, and the poster's and the disputer's dashboards say so. Every alerts
// page on the way (the list with and without the warning, one alert as a member and as the
// moderator, the queue, the lookup with an alert) passes axe-core with zero violations and fits
// a 360 px phone (R10.2, R10.4).

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
import { NET, includesName, mainText, newSeller, submitOk } from "./network.mjs";

const LANGS = ["en", "de"];

/** The strings the tests check (crates/web/locales/{en,de}/{alerts,screening}.ftl). */
const AL = {
  en: {
    contactWarning:
      "This text looks like it contains contact details. Remove them, or post as it is?",
    postAnyway: "Post as it is",
    posted: "The alert is live.",
    inCoop: (c) => `In the coop ${c}`,
    oneAlert: "One live alert names this pseudonym.",
    noAlerts: "No active alerts name this pseudonym.",
    disputed: "Disputed: a member has questioned this alert; it stays visible until a moderator decides.",
    disputedNotice: "Your dispute is recorded. The moderators will decide.",
    reason: "Personal dispute",
    pendingOne: "One disputed alert waits for your decision.",
    queueLink: "Disputed alerts to decide",
    queueCoop: (c) => `Coop ${c}`,
    queueEmpty: "Nothing to decide.",
    notModerator: "You moderate no coop and do not sit on the Dispute Resolution Committee.",
    withdraw: "Withdraw",
    decidedNotice: "Your decision is recorded.",
    yoursWithdrawn: "Your alert: withdrawn.",
    disputedWithdrawn: "An alert you disputed: withdrawn.",
  },
  de: {
    contactWarning: "Dieser Text scheint Kontaktdaten zu enthalten. Entfernen oder so veröffentlichen?",
    postAnyway: "So veröffentlichen",
    posted: "Die Warnung ist aktiv.",
    inCoop: (c) => `In der Coop ${c}`,
    oneAlert: "Eine aktive Warnung nennt dieses Pseudonym.",
    noAlerts: "Keine aktiven Warnungen nennen dieses Pseudonym.",
    disputed:
      "Angefochten: Ein Mitglied hat diese Warnung in Frage gestellt; sie bleibt sichtbar, bis eine Moderatorin entscheidet.",
    disputedNotice: "Dein Einspruch ist gespeichert. Die Moderatorinnen entscheiden.",
    reason: "Persönlicher Streit",
    pendingOne: "Eine angefochtene Warnung wartet auf deine Entscheidung.",
    queueLink: "Angefochtene Warnungen entscheiden",
    queueCoop: (c) => `Coop ${c}`,
    queueEmpty: "Nichts zu entscheiden.",
    notModerator: "Du moderierst keine Coop und bist nicht im Schlichtungsausschuss.",
    withdraw: "Zurückziehen",
    decidedNotice: "Deine Entscheidung ist gespeichert.",
    yoursWithdrawn: "Deine Warnung: zurückgezogen.",
    disputedWithdrawn: "Eine Warnung, die du angefochten hast: zurückgezogen.",
  },
};

/**
 * A marker no page shows unless the flow put it there, of letters only: digits in it could
 * themselves look like a phone number to the contact-details check (R6.4) and blur what the
 * test asserts about the warning.
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
 * The page as the flow reached it, shown again in `viewer` (a context with JavaScript on) at the
 * same address: axe-core and the 360 px measurement run inside the page, and Playwright cannot
 * evaluate anything in a context with JavaScript off (it waits forever). The HTML is the
 * server's answer the flow got, a 422 to a post included (which cannot simply be loaded again);
 * the stylesheet and everything else come from the real server.
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

describe("safety alerts and disputes (R6.4, R6.5)", () => {
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

  for (const lang of LANGS) {
    const A = AL[lang];
    const N = NET[lang];

    test(`R6.4 R6.5: an alert naming a buyer, the contact-details warning, a dispute and a moderator's withdrawal, JavaScript off, axe on every page, ${lang}`, async (t) => {
      // Each page check is a subtest: a page that fails axe or 360 px is reported by name while
      // the flow goes on to the next page.
      const viewerContext = await newContext(browser, { lang });
      contexts.push(viewerContext);
      const viewer = await viewerContext.newPage();
      const check = (page, label) =>
        t.test(label, async () => checkPage(await replay(page, viewer), label, lang));
      try {
        const off = { lang, javaScriptEnabled: false };
        const seller = async (prefix) => {
          const s = await newSeller(browser, prefix, off);
          contexts.push(s.context);
          return s;
        };
        const ann = await seller(`AlMod${lang}`); // creates the coop, so moderates it
        const bea = await seller(`AlPost${lang}`); // posts the alert
        const cat = await seller(`AlDisp${lang}`); // disputes it

        // The buyer the alert names: an account must exist under that pseudonym.
        const buyerContext = await newContext(browser, off);
        contexts.push(buyerContext);
        const buyer = pseudonym(`AlBuy${lang}`);
        await signUpBuyer(await buyerContext.newPage(), buyer, lang);

        // The coop, with no waiting days before members post (the default is 7).
        const coopName = marker(`Alert circle ${lang}`);
        await ann.page.goto("/coops");
        await submitOk(ann.page, "/coops", { name: coopName, min_member_days: "0" });
        const coop = new URL(ann.page.url()).pathname;
        assert.match(coop, /^\/coops\/[^/]+$/);
        const coopId = coop.split("/").pop();
        for (const s of [bea, cat]) {
          await submitOk(ann.page, `${coop}/invite`, { seller: s.name });
          await s.page.goto(coop);
          await submitOk(s.page, `${coop}/join`);
          assert.equal((await s.page.locator("#notice").innerText()).trim(), N.joined);
        }

        // --- R6.4: Bea posts; the phone number in her text draws the warning.
        await bea.page.goto("/alerts");
        await check(bea.page, "alerts, the form, no alerts yet");
        const form = bea.page.locator("form[action='/alerts']");
        await form.locator("select[name=coop]").selectOption(coopId);
        await form.locator("input[name=flags][value=non_payment]").check();
        await form.locator("input[name=flags][value=aggressive]").check();
        await form.locator("input[name=buyer]").fill(buyer);
        const tag = marker("refused to pay");
        const text = `${tag}, then kept calling from 0151 2345 6789`;
        await form.locator("textarea[name=text]").fill(text);
        await form.locator("input[name=days]").fill("10");
        const warned = await submitAndWait(bea.page, form.locator("button[type=submit]"));
        assert.equal(warned.status(), 422, "a text with a phone number was posted without a warning");
        assert.equal(await textOf(bea.page.locator("#contact-warning")), A.contactWarning);
        // No generic error beside the warning: she is asked, not refused.
        assert.equal(await bea.page.locator("#form-error").count(), 0);
        // Everything she typed is still there, so "post as it is" posts the same alert.
        assert.equal(await form.locator("select[name=coop]").inputValue(), coopId);
        for (const flag of ["non_payment", "aggressive"]) {
          assert.ok(await form.locator(`input[name=flags][value=${flag}]`).isChecked(), flag);
        }
        assert.equal(await form.locator("input[name=flags]:checked").count(), 2);
        assert.equal(await form.locator("input[name=buyer]").inputValue(), buyer);
        assert.equal(await form.locator("textarea[name=text]").inputValue(), text);
        assert.equal(await form.locator("input[name=days]").inputValue(), "10");
        assert.equal(await form.locator("input[name=anonymous]").isChecked(), false);
        await check(bea.page, "alerts, the contact-details warning");

        // Nothing is published before she confirms: Ann's lookup shows no alert yet.
        const lookup = `/lookup?pseudonym=${encodeURIComponent(buyer)}`;
        await ann.page.goto(lookup);
        assert.equal(await textOf(ann.page.locator("#lookup-alerts")), A.noAlerts);

        const confirm = form.locator("button[name=confirm]");
        assert.equal(await textOf(confirm), A.postAnyway);
        const posted = await submitAndWait(bea.page, confirm);
        assert.equal(posted.status(), 200);
        assert.equal(new URL(bea.page.url()).pathname, "/alerts");
        assert.equal((await bea.page.locator("#notice").innerText()).trim(), A.posted);
        const mine = bea.page.locator("article.alert-item", { hasText: tag });
        assert.equal(await mine.count(), 1, await mainText(bea.page));
        const mineText = await textOf(mine);
        assert.ok(mineText.includes(text), `posted as it is, phone number and all: ${mineText}`);
        assert.ok(mineText.includes(A.inCoop(coopName)), mineText);
        assert.ok(includesName(mineText, buyer), mineText);
        const alertPath = await mine.locator("a[href^='/alerts/']").getAttribute("href");
        assert.match(alertPath, /^\/alerts\/[^/?]+$/);
        await check(bea.page, "alerts, one live alert, posted");

        // A text without contact details is posted at once: the warning above came from the
        // phone number, not from the rest of the form.
        const plain = marker("no show twice");
        await form.locator("select[name=coop]").selectOption(coopId);
        await form.locator("input[name=flags][value=time_waster]").check();
        await form.locator("textarea[name=text]").fill(plain);
        const direct = await submitAndWait(bea.page, form.locator("button[type=submit]"));
        assert.equal(direct.status(), 200, await mainText(bea.page));
        assert.equal(await bea.page.locator("#contact-warning").count(), 0);
        assert.equal(await bea.page.locator("article.alert-item", { hasText: plain }).count(), 1);

        // --- The alert naming the buyer appears on the other seller's lookup.
        await ann.page.goto(lookup);
        assert.equal(await textOf(ann.page.locator("#lookup-alerts")), A.oneAlert);
        const onLookup = ann.page.locator(".result article.alert-item");
        assert.equal(await onLookup.count(), 1);
        assert.ok((await textOf(onLookup)).includes(text));
        assert.equal(await onLookup.locator(`a[href='${alertPath}']`).count(), 1);
        await check(ann.page, "lookup with an alert");

        // --- R6.5: Cat disputes it. She is a member, not a moderator: no decision buttons.
        await cat.page.goto("/alerts");
        await cat.page.locator(`article.alert-item a[href='${alertPath}']`).click();
        await cat.page.waitForURL((u) => u.pathname === alertPath);
        assert.equal(await cat.page.locator(`form[action='${alertPath}/moderate']`).count(), 0);
        await check(cat.page, "one alert, a member who may dispute");
        const dispute = cat.page.locator(`form[action='${alertPath}/dispute']`);
        await dispute.locator("select[name=reason]").selectOption("personal_dispute");
        const context = marker("they fell out last week");
        await dispute.locator("textarea[name=context]").fill(context);
        const disputed = await submitAndWait(cat.page, dispute.locator("button[type=submit]"));
        assert.equal(disputed.status(), 200, await mainText(cat.page));
        assert.equal((await cat.page.locator("#notice").innerText()).trim(), A.disputedNotice);
        assert.ok((await mainText(cat.page)).includes(A.disputed), await mainText(cat.page));
        await check(cat.page, "one alert, disputed");

        // A dispute never hides the alert: it stays live, marked, for everyone who sees it.
        await bea.page.goto("/alerts");
        const stillLive = bea.page.locator("article.alert-item", { hasText: tag });
        assert.ok((await textOf(stillLive)).includes(A.disputed));
        await ann.page.goto(lookup);
        assert.equal(await textOf(ann.page.locator("#lookup-alerts")), A.oneAlert);
        assert.ok((await textOf(ann.page.locator(".result article.alert-item"))).includes(A.disputed));

        // Cat moderates nothing: her queue says so.
        await cat.page.goto("/alerts/queue");
        assert.ok((await mainText(cat.page)).includes(A.notModerator));
        await check(cat.page, "alerts queue, not a moderator");

        // --- Ann, the coop's moderator: the dashboard, the link, the queue with the dispute.
        await ann.page.goto("/dashboard");
        assert.equal(await textOf(ann.page.locator("#pending-disputes")), A.pendingOne);
        await ann.page.goto("/alerts");
        await ann.page.getByRole("link", { name: A.queueLink }).click();
        await ann.page.waitForURL((u) => u.pathname === "/alerts/queue");
        const section = ann.page.locator("main section", {
          has: ann.page.locator(`h2:text-is("${A.queueCoop(coopName)}")`),
        });
        const queued = section.locator("article.alert-item", { hasText: tag });
        assert.equal(await queued.count(), 1, await mainText(ann.page));
        const disputeLine = await textOf(queued.locator("ul.disputes"));
        assert.ok(disputeLine.includes(A.reason) && disputeLine.includes(context), disputeLine);
        // The undisputed alert waits for no decision.
        assert.equal(await section.locator("article.alert-item", { hasText: plain }).count(), 0);
        await check(ann.page, "alerts queue with a disputed alert");

        await queued.locator(`a[href='${alertPath}']`).click();
        await ann.page.waitForURL((u) => u.pathname === alertPath);
        const actions = await ann.page
          .locator(`form[action='${alertPath}/moderate'] input[name=action]`)
          .evaluateAll((inputs) => inputs.map((i) => i.value));
        assert.deepEqual(actions.sort(), ["escalate", "suspend_poster", "uphold", "withdraw"]);
        await check(ann.page, "one alert, the moderator's decision");
        const withdraw = ann.page.locator(
          `form[action='${alertPath}/moderate']:has(input[name=action][value=withdraw]) button`,
        );
        assert.equal(await textOf(withdraw), A.withdraw);
        const decided = await submitAndWait(ann.page, withdraw);
        assert.equal(decided.status(), 200, await mainText(ann.page));
        assert.equal((await ann.page.locator("#notice").innerText()).trim(), A.decidedNotice);
        await check(ann.page, "one alert, withdrawn, the moderator");

        // --- Withdrawn: gone for everyone, and the queue is empty again.
        await cat.page.goto("/alerts");
        assert.equal(await cat.page.locator("article.alert-item", { hasText: tag }).count(), 0);
        assert.equal(await cat.page.locator(`a[href='${alertPath}']`).count(), 0);
        // The other, undisputed alert of the coop is still there: the list is not just empty.
        assert.equal(await cat.page.locator("article.alert-item", { hasText: plain }).count(), 1);
        await ann.page.goto(lookup);
        assert.equal(await textOf(ann.page.locator("#lookup-alerts")), A.noAlerts);
        assert.equal(await ann.page.locator(".result article.alert-item").count(), 0);
        await ann.page.goto("/alerts/queue");
        assert.equal(await ann.page.locator("article.alert-item", { hasText: tag }).count(), 0);
        assert.ok((await mainText(ann.page)).includes(A.queueEmpty), await mainText(ann.page));
        await check(ann.page, "alerts queue, nothing to decide");

        // --- The poster and the disputer learn the outcome on their dashboards (R6.5).
        await bea.page.goto("/dashboard");
        const beaOutcome = bea.page.locator("li.alert-outcome");
        assert.equal(await beaOutcome.count(), 1);
        assert.equal(await textOf(beaOutcome), A.yoursWithdrawn);
        assert.equal(await beaOutcome.locator("a").getAttribute("href"), alertPath);
        await cat.page.goto("/dashboard");
        const catOutcome = cat.page.locator("li.alert-outcome");
        assert.equal(await catOutcome.count(), 1);
        assert.equal(await textOf(catOutcome), A.disputedWithdrawn);
        await check(bea.page, "dashboard with an alert's outcome");
      } finally {
        await closeContexts();
      }
    });
  }
});
