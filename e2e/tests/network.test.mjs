// The seller network in a real browser (SPEC §6, issue 12): (a) every network page in English
// and German passes axe-core with zero violations and fits a 360 px phone (R10.2, R10.4);
// (b)–(e) the flows with JavaScript off (R10.1): coops and a coop discussion, a direct
// message, buddies, check-ins, panic and the duress PIN (R6.2, R6.3, R6.6, R6.7); (f) a missed
// check-in on a second server on PostgreSQL, whose deadline the test moves in the database
// (the binary has only the system clock), reaching the buddies with its note, "I'm on it" seen
// by the other buddy, and the alarm notice updated on an open page by static/watch.js (R6.7).

import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, test } from "node:test";

import {
  PASSWORD,
  checkPage,
  launchBrowser,
  login,
  newContext,
  pathOf,
  submitAndWait,
} from "./helpers.mjs";
import {
  NET,
  alarmsOfKind,
  becomeBuddies,
  endCheckin,
  includesName,
  mainText,
  newSeller,
  panic,
  screen,
  setPin,
  startCheckin,
  submitForm,
  submitOk,
} from "./network.mjs";
import { startPostgresServer } from "./postgres.mjs";

const LANGS = ["en", "de"];

/** A marker no page shows unless the flow put it there. */
function marker(label) {
  return `${label}-${randomBytes(3).toString("hex")}`;
}

describe("seller network", () => {
  let browser;
  const contexts = [];
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  /** A seller whose context is closed after the test. */
  async function seller(prefix, opts) {
    const s = await newSeller(browser, prefix, opts);
    contexts.push(s.context);
    return s;
  }

  async function closeContexts() {
    while (contexts.length) {
      await contexts.pop().close();
    }
  }

  for (const lang of LANGS) {
    const N = NET[lang];

    test(`(a) every network page passes axe-core and fits 360 px, ${lang}`, async (t) => {
      const check = (page, label) => t.test(label, () => checkPage(page, label, lang));
      try {
        const ann = await seller(`NetA${lang}`, { lang });
        const bea = await seller(`NetB${lang}`, { lang });
        const cat = await seller(`NetC${lang}`, { lang });

        // Coops (R6.2): the list, a coop as moderator, invited, member, pending, the request
        // link page, a refused invitation.
        await ann.page.goto("/coops");
        await check(ann.page, "coops list, none yet");
        await submitOk(ann.page, "/coops", { name: `Harbour ${lang}`, scope: "Hamburg" });
        const coop = new URL(ann.page.url()).pathname;
        await check(ann.page, "coop page, new, moderator");
        await submitOk(ann.page, `${coop}/invite`, { seller: bea.name });
        assert.equal((await ann.page.locator("#notice").innerText()).trim(), N.invited(bea.name));
        await check(ann.page, "coop page, invitation sent, members table");
        const refused = await submitForm(ann.page, `${coop}/invite`, { seller: "nobody_at_all" });
        assert.ok(refused.status() >= 400, "an unknown seller was invited");
        await check(ann.page, "coop page with an error");
        await submitOk(ann.page, `${coop}/link`);
        const link = (await ann.page.locator("#coop-link").innerText()).trim();
        await check(ann.page, "coop page with a request link");
        await bea.page.goto(coop);
        await check(bea.page, "coop page, invited");
        await submitOk(bea.page, `${coop}/join`);
        assert.equal((await bea.page.locator("#notice").innerText()).trim(), N.joined);
        await check(bea.page, "coop page, member");
        await cat.page.goto(pathOf(link));
        await check(cat.page, "coop request page");
        await submitOk(cat.page, new URL(link).pathname);
        await check(cat.page, "coop page, pending");
        await ann.page.goto(coop);
        await check(ann.page, "coop members with actions (moderator)");
        await ann.page.goto("/coops");
        await check(ann.page, "coops list");

        // Messages (R6.3): a coop discussion, a direct conversation, a group invitation.
        await ann.page.goto(coop);
        await submitOk(ann.page, `${coop}/threads`, { title: `Tonight ${lang}` });
        await check(ann.page, "coop discussion, empty");
        await submitOk(ann.page, new URL(ann.page.url()).pathname, { body: "Who is out?" });
        await check(ann.page, "coop discussion with a message");
        await ann.page.goto("/messages");
        await check(ann.page, "messages list");
        await submitOk(ann.page, "/messages", { members: `${bea.name}, ${cat.name}`, title: "Group" });
        await bea.page.goto("/messages");
        await check(bea.page, "messages list with unread and an invitation");
        await bea.page.locator("main a", { hasText: "Group" }).click();
        await bea.page.waitForURL(/\/messages\/[^/]+$/);
        await check(bea.page, "group conversation, invited");
        await bea.page.goto("/messages");
        await submitOk(bea.page, "/messages", { members: ann.name });
        await check(bea.page, "direct conversation, empty");

        // Buddies, "on watch" and the PIN forms (R6.7, R6.6).
        await ann.page.goto("/buddies");
        await check(ann.page, "buddies, none");
        await submitOk(ann.page, "/buddies/ask", { seller: bea.name });
        assert.equal((await ann.page.locator("#notice").innerText()).trim(), N.asked);
        await check(ann.page, "buddies, asked");
        await bea.page.goto("/buddies");
        await check(bea.page, "buddies, a request to accept");
        await submitAndWait(bea.page, bea.page.locator("form[action='/buddies/accept'] button"));
        await check(bea.page, "buddies, watching over her");
        await submitOk(bea.page, "/buddies/watch", { hours: "2" });
        await check(bea.page, "buddies, on watch");
        await setPin(ann.page, "checkin", "2468");
        assert.equal((await ann.page.locator("#notice").innerText()).trim(), N.pinSaved);
        await check(ann.page, "buddies, PIN saved");
        const same = ann.page.locator("form[action='/buddies/pin']:has(input[value=duress])");
        await same.locator("input[name=pin]").fill("2468");
        await same.locator("input[name=password]").fill(PASSWORD);
        const equal = await submitAndWait(ann.page, same.locator("button"));
        assert.equal(equal.status(), 400, "the duress PIN may not equal the check-in PIN");
        await check(ann.page, "buddies, PIN refused");

        // Check-in (R6.6): the form, an open check-in, a wrong PIN; panic's "Saved".
        await ann.page.goto("/checkin");
        await check(ann.page, "check-in, start");
        await startCheckin(ann.page, { note: "a11y note" });
        await check(ann.page, "check-in, open");
        const wrong = await submitForm(ann.page, "/checkin/safe", { pin: "9753" });
        assert.equal(wrong.status(), 422);
        await check(ann.page, "check-in, wrong PIN");
        await panic(ann.page);
        await check(ann.page, "panic: Saved");

        // Alarms (R6.6, R6.7): the buddy's notice and badge on every page, the alarms page.
        await bea.page.goto("/dashboard");
        assert.ok((await bea.page.title()).startsWith("(1) "), await bea.page.title());
        await check(bea.page, "dashboard with the alarm notice");
        await bea.page.goto("/alarms");
        await check(bea.page, "alarms, one open");
        await submitAndWait(bea.page, bea.page.locator("form[action='/alarms/ack'] button"));
        await check(bea.page, "alarms, acknowledged");
        await submitAndWait(bea.page, bea.page.locator("form[action='/alarms/close'] button"));
        await check(bea.page, "alarms, closed");
        await ann.page.goto("/alarms");
        await check(ann.page, "alarms, none");
        await endCheckin(ann.page, "2468");
        assert.equal((await ann.page.locator("#notice").innerText()).trim(), N.ended);
        await check(ann.page, "check-in, ended");
      } finally {
        await closeContexts();
      }
    });

    test(`(b) two sellers in a coop: create, invite, accept, a coop discussion, JavaScript off, ${lang}`, async () => {
      try {
        const off = { lang, javaScriptEnabled: false };
        const ann = await seller(`CoopA${lang}`, off);
        const bea = await seller(`CoopB${lang}`, off);
        await ann.page.goto("/coops");
        await submitOk(ann.page, "/coops", { name: `Night shift ${lang}` });
        const coop = new URL(ann.page.url()).pathname;
        assert.match(coop, /^\/coops\/[^/]+$/);
        await submitOk(ann.page, `${coop}/invite`, { seller: bea.name });
        assert.equal((await ann.page.locator("#notice").innerText()).trim(), N.invited(bea.name));

        // She finds it on her coops page (no catalogue: only because she is invited).
        await bea.page.goto("/coops");
        await bea.page.locator("#coop-list a", { hasText: `Night shift ${lang}` }).click();
        await bea.page.waitForURL((u) => u.pathname === coop);
        await submitOk(bea.page, `${coop}/join`);
        assert.equal((await bea.page.locator("#notice").innerText()).trim(), N.joined);

        await ann.page.goto(coop);
        const topic = marker("topic");
        await submitOk(ann.page, `${coop}/threads`, { title: topic });
        const thread = new URL(ann.page.url()).pathname;
        const text = marker("coop message");
        await submitOk(ann.page, thread, { body: text });
        assert.ok((await mainText(ann.page)).includes(text));

        await bea.page.goto("/messages");
        await bea.page.locator("main a", { hasText: topic }).click();
        await bea.page.waitForURL((u) => u.pathname === thread);
        const seen = await mainText(bea.page);
        assert.ok(seen.includes(text) && includesName(seen, ann.name), seen);
        const reply = marker("reply");
        await submitOk(bea.page, thread, { body: reply });
        await ann.page.goto(thread);
        assert.ok((await mainText(ann.page)).includes(reply));
      } finally {
        await closeContexts();
      }
    });

    test(`(c) a direct message, JavaScript off, ${lang}`, async () => {
      try {
        const off = { lang, javaScriptEnabled: false };
        const ann = await seller(`DmA${lang}`, off);
        const bea = await seller(`DmB${lang}`, off);
        await ann.page.goto("/messages");
        await submitOk(ann.page, "/messages", { members: bea.name });
        const thread = new URL(ann.page.url()).pathname;
        const text = marker("direct");
        await submitOk(ann.page, thread, { body: text });
        await bea.page.goto("/dashboard");
        await bea.page.locator("#unread-messages a").click();
        await bea.page.waitForURL(/\/messages$/);
        await bea.page.locator(`main a[href='${thread}']`).click();
        await bea.page.waitForURL((u) => u.pathname === thread);
        assert.ok((await mainText(bea.page)).includes(text));
      } finally {
        await closeContexts();
      }
    });

    test(`(d) buddies, a check-in with a note, panic says only "Saved", JavaScript off, ${lang}`, async () => {
      try {
        const off = { lang, javaScriptEnabled: false };
        const ann = await seller(`BudA${lang}`, off);
        const bea = await seller(`BudB${lang}`, off);
        await becomeBuddies(ann, bea);

        const note = marker("hotel room 12");
        await startCheckin(ann.page, { minutes: 90, note });
        assert.ok(!(await ann.page.content()).includes(note), "the sealed note is shown to nobody");
        assert.equal(await ann.page.locator("form[action='/checkin/safe']").count(), 1);

        // Panic from another page: "Saved", nothing else.
        await ann.page.goto("/coops");
        const resp = await panic(ann.page);
        assert.equal(resp.status(), 200);
        assert.equal(await ann.page.title(), `${N.saved} · Tessera`);
        assert.equal((await ann.page.locator("main h1").innerText()).trim(), N.saved);
        assert.equal((await ann.page.locator("main p[role=status]").innerText()).trim(), N.savedText);
        const html = await ann.page.content();
        assert.ok(!/alarm/i.test(html) && !html.includes(note), "no visible sign beyond Saved");

        await bea.page.goto("/alarms");
        const alarm = alarmsOfKind(bea.page, N.kind.panic);
        assert.equal(await alarm.count(), 1, await mainText(bea.page));
        const text = (await alarm.innerText()).replace(/\s+/g, " ");
        assert.ok(text.includes(N.note(note)) && includesName(text, ann.name), text);
        // She herself sees nothing of it.
        await ann.page.goto("/alarms");
        assert.equal((await ann.page.locator("main").innerText()).includes(N.noAlarms), true);
        await endCheckin(ann.page);
      } finally {
        await closeContexts();
      }
    });

    test(`(e) the duress PIN ends a check-in exactly like "I'm safe" and alarms the buddy, JavaScript off, ${lang}`, async () => {
      try {
        const off = { lang, javaScriptEnabled: false };
        const ann = await seller(`DurA${lang}`, off);
        const bea = await seller(`DurB${lang}`, off);
        // They watch over each other, so her pages carry the alarm notice too (R6.7): it must
        // still say nothing of her own alarm.
        await becomeBuddies(ann, bea);
        await becomeBuddies(bea, ann);
        await setPin(ann.page, "duress", "8080");

        await startCheckin(ann.page, { note: marker("ordinary") });
        const safe = await endCheckin(ann.page);
        const afterSafe = await screen(ann.page);
        const duressNote = marker("duress note");
        await startCheckin(ann.page, { note: duressNote });
        const duress = await endCheckin(ann.page, "8080");
        const afterDuress = await screen(ann.page);

        assert.equal(duress.status(), safe.status());
        assert.equal(afterDuress.url, afterSafe.url);
        assert.equal(afterDuress.title, afterSafe.title);
        assert.equal(afterDuress.text, afterSafe.text);
        assert.equal(afterDuress.html, afterSafe.html, "the duress PIN's screen differs from I'm safe");
        assert.ok(afterSafe.text.includes(N.ended), afterSafe.text);
        assert.ok(!afterSafe.title.startsWith("("), afterSafe.title);
        for (const path of ["/dashboard", "/alarms"]) {
          await ann.page.goto(path);
          assert.ok(!(await ann.page.title()).startsWith("("), path);
          assert.ok(!(await mainText(ann.page)).includes(N.openAlarms(1)), path);
        }

        await bea.page.goto("/alarms");
        assert.equal(await bea.page.title(), `(1) ${N.alarmsTitle} · Tessera`);
        const alarm = alarmsOfKind(bea.page, N.kind.duress);
        assert.equal(await alarm.count(), 1, await mainText(bea.page));
        assert.ok((await alarm.innerText()).includes(N.note(duressNote)));
        assert.equal(await alarmsOfKind(bea.page, N.kind.panic).count(), 0);
      } finally {
        await closeContexts();
      }
    });
  }

  test("(f) a missed check-in on PostgreSQL reaches both buddies with its note; 'I'm on it' is seen by the other; the open page's notice updates", async (t) => {
    const server = await startPostgresServer();
    try {
      const off = { javaScriptEnabled: false, server };
      const ann = await seller("MissA", off);
      const bea = await seller("MissB", off);
      const cee = await seller("MissC", { ...off, lang: "de" });
      await becomeBuddies(ann, bea);
      await becomeBuddies(ann, cee);
      const note = marker("room 7, client Vik");
      await startCheckin(ann.page, { minutes: 15, note });
      const due = (seconds) =>
        server.sql(
          `UPDATE checkins SET due_at = ${Math.floor(Date.now() / 1000) + seconds} ` +
            `WHERE seller_id = (SELECT id FROM accounts WHERE pseudonym = '${ann.name.toLowerCase()}')`,
        );

      // The last five minutes: the check-in page and the dashboard say so, without script.
      await due(4 * 60);
      await ann.page.goto("/checkin");
      assert.equal((await ann.page.locator("#checkin-soon").innerText()).trim(), NET.en.soon);
      await ann.page.goto("/dashboard");
      assert.equal((await ann.page.locator("#checkin-line").innerText()).trim(), NET.en.soon);

      // Bea keeps a page open with JavaScript on: static/watch.js polls for alarms.
      const live = await newContext(browser, { baseURL: server.baseUrl });
      contexts.push(live);
      const livePage = await live.newPage();
      await login(livePage, bea.name);
      assert.equal(await livePage.title(), `${NET.en.dashboard} · Tessera`);

      // The deadline passes: the server's watcher raises the alarm within 30 s (API.md).
      await due(-1);
      const passed = Date.now();
      const missed = alarmsOfKind(bea.page, NET.en.kind.missed);
      for (;;) {
        await bea.page.goto("/alarms");
        if ((await missed.count()) > 0) {
          break;
        }
        assert.ok(Date.now() - passed < 30_000, "no missed check-in alarm within 30 s");
        await bea.page.waitForTimeout(1000);
      }
      const text = (await missed.innerText()).replace(/\s+/g, " ");
      assert.ok(text.includes(NET.en.note(note)) && includesName(text, ann.name), text);

      await submitAndWait(bea.page, missed.locator("form[action='/alarms/ack'] button"));
      const acked = await missed.innerText();
      assert.ok(includesName(acked, NET.en.acked(bea.name)), acked);
      await cee.page.goto("/alarms");
      const forCee = alarmsOfKind(cee.page, NET.de.kind.missed);
      const ceeText = (await forCee.innerText()).replace(/\s+/g, " ");
      assert.ok(includesName(ceeText, NET.de.acked(bea.name)), ceeText);
      assert.ok(ceeText.includes(NET.de.note(note)), ceeText);
      assert.equal(await forCee.locator("form[action='/alarms/ack']").count(), 0);

      // The open page learns of it by polling (every 30 s): the title badge and the notice.
      await livePage.waitForFunction(() => document.title.startsWith("(1) "), null, {
        timeout: 45_000,
      });
      assert.equal(await livePage.title(), `(1) ${NET.en.dashboard} · Tessera`);
      const notice = livePage.locator("#watch-notice[role=status] a[href='/alarms']");
      assert.equal((await notice.innerText()).trim(), NET.en.openAlarms(1));
      await t.test("dashboard with the notice the script added", () =>
        checkPage(livePage, "dashboard with the notice the script added", "en"),
      );

      // She herself sees nothing of her alarm.
      await ann.page.goto("/dashboard");
      assert.ok(!(await ann.page.title()).startsWith("("));
      assert.equal(await ann.page.locator("#watch-notice").count(), 0);
    } finally {
      await closeContexts();
      await server.stop();
    }
  });
});
