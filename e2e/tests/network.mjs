// Helpers for the seller network's browser tests (SPEC §6): the English and German strings they
// check (crates/web/locales/{en,de}/{network,coops,safety}.ftl), sellers in their own browser
// contexts, and the forms of the coop, message, buddy, check-in and alarm pages. Every action
// submits the real form and waits for the page it leads to, so it works with JavaScript off.

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { promisify } from "node:util";

import {
  BINARY,
  DATA_DIR,
  PASSWORD,
  cliInvitation,
  formError,
  joinAsSeller,
  newContext,
  pseudonym,
  submitAndWait,
} from "./helpers.mjs";

export const NET = {
  en: {
    dashboard: "Dashboard",
    alarmsTitle: "Alarms",
    saved: "Saved",
    savedText: "Saved.",
    ended: "Your check-in has ended.",
    soon: 'Less than 5 minutes left: say "I\'m safe" or extend it.',
    kind: { missed: "Missed check-in", panic: "Panic", duress: "Duress" },
    note: (n) => `Note: ${n}`,
    acked: (name) => `${name} is on it.`,
    openAlarms: (n) =>
      n === 1 ? "1 open alarm of a member you watch over" : `${n} open alarms of members you watch over`,
    noAlarms: "No alarms.",
    asked: "Asked.",
    pinSaved: "PIN saved.",
    joined: "You are now a member.",
    invited: (name) => `${name} is invited.`,
  },
  de: {
    dashboard: "Übersicht",
    alarmsTitle: "Alarme",
    saved: "Gespeichert",
    savedText: "Gespeichert.",
    ended: "Dein Check-in ist beendet.",
    soon: "Weniger als 5 Minuten übrig: sag „Ich bin sicher“ oder verlängere.",
    kind: { missed: "Check-in verpasst", panic: "Notruf", duress: "Notfall-PIN" },
    note: (n) => `Notiz: ${n}`,
    acked: (name) => `${name} kümmert sich.`,
    openAlarms: (n) =>
      n === 1
        ? "1 offener Alarm eines Mitglieds, auf das du aufpasst"
        : `${n} offene Alarme von Mitgliedern, auf die du aufpasst`,
    noAlarms: "Keine Alarme.",
    asked: "Gefragt.",
    pinSaved: "PIN gespeichert.",
    joined: "Sie sind jetzt Mitglied.",
    invited: (name) => `${name} ist eingeladen.`,
  },
};

/**
 * A new seller in a browser context of her own, joined with an invitation (the run.sh server's
 * unless `server` gives another) and on her dashboard. Returns { name, context, page }.
 */
export async function newSeller(
  browser,
  prefix,
  { lang = "en", javaScriptEnabled = true, server } = {},
) {
  const context = await newContext(browser, {
    lang,
    javaScriptEnabled,
    ...(server ? { baseURL: server.baseUrl } : {}),
  });
  const page = await context.newPage();
  const name = pseudonym(prefix);
  const invitation = server ? await server.invitation() : await cliInvitation();
  await joinAsSeller(page, invitation, name, lang);
  return { name, context, page };
}

/** Submits the form whose action is `action` (the first such form) after filling `fields`. */
export async function submitForm(page, action, fields = {}, { button } = {}) {
  const form = page.locator(`form[action='${action}']`).first();
  for (const [field, value] of Object.entries(fields)) {
    await form.locator(`[name='${field}']`).fill(value);
  }
  return submitAndWait(page, form.locator(button ?? "button[type=submit]"));
}

/** Like submitForm, and asserts the answer was a success (2xx after redirects). */
export async function submitOk(page, action, fields = {}, opts = {}) {
  const resp = await submitForm(page, action, fields, opts);
  assert.ok(
    resp.status() < 400,
    `${action} answered ${resp.status()} on ${page.url()}: ${await formError(page)}`,
  );
  return resp;
}

/**
 * Whether `text` names the seller. The buddies and alarms pages show the canonical (lower-case)
 * pseudonym, the messages and coops pages the display form (R2.2): both name the same member.
 */
export function includesName(text, name) {
  return text.toLowerCase().includes(name.toLowerCase());
}

export async function mainText(page) {
  return (await page.locator("main").innerText()).replace(/\s+/g, " ").trim();
}

/**
 * The operator's CLI on the run.sh server's data folder: `tessera committee add|remove NAME
 * --committee disputes` (R7.8). Until governance elects the committees, this is how a seller
 * comes to sit on the Dispute Resolution Committee, which decides collective alerts (R6.5).
 */
export async function committee(action, name, which = "disputes") {
  // Keep the tests' own variables away from the CLI's `TESSERA_*` configuration layer.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith("TESSERA_")),
  );
  const { stdout } = await promisify(execFile)(
    BINARY,
    ["committee", action, name, "--committee", which, "--data-dir", DATA_DIR],
    { env, timeout: 30_000 },
  );
  const done = action === "add" ? `added to the ${which} committee` : `removed from the ${which} committee`;
  assert.equal(stdout.trim(), done, `tessera committee ${action} ${name}`);
}

// ---------------------------------------------------------------------------------------------
// Buddies, PINs, check-ins, panic, alarms (R6.6, R6.7)

/** `seller` asks `buddy` to watch over her, and `buddy` accepts; both on the buddies page. */
export async function becomeBuddies(seller, buddy) {
  await seller.page.goto("/buddies");
  await submitOk(seller.page, "/buddies/ask", { seller: buddy.name });
  await buddy.page.goto("/buddies");
  const row = buddy.page.locator("#i-watch li", { hasText: seller.name });
  await submitAndWait(buddy.page, row.locator("form[action='/buddies/accept'] button"));
  const listed = await buddy.page.locator("#i-watch").innerText();
  assert.ok(includesName(listed, seller.name), `not listed under 'I watch over': ${listed}`);
}

export async function setPin(page, role, pin) {
  await page.goto("/buddies");
  const form = page.locator(`form[action='/buddies/pin']:has(input[name=role][value=${role}])`);
  await form.locator("input[name=pin]").fill(pin);
  await form.locator("input[name=password]").fill(PASSWORD);
  const resp = await submitAndWait(page, form.locator("button[type=submit]"));
  assert.equal(resp.status(), 200, `setting the ${role} PIN: ${await formError(page)}`);
}

/** Starts a check-in on the check-in page; returns its id (the hidden field of its forms). */
export async function startCheckin(page, { minutes = 60, note = "" } = {}) {
  await page.goto("/checkin");
  await submitOk(page, "/checkin/start", { minutes: String(minutes), note });
  const id = await page.locator("form[action='/checkin/safe'] input[name=id]").getAttribute("value");
  assert.ok(id, "no open check-in on the check-in page after starting one");
  return id;
}

/** "I'm safe" on the check-in page, with `pin` if given; returns the response. */
export async function endCheckin(page, pin) {
  await page.goto("/checkin");
  return submitOk(page, "/checkin/safe", pin === undefined ? {} : { pin });
}

/** The discreet control in the page header (R6.7). */
export async function panic(page) {
  return submitAndWait(page, page.locator("#panic-form button"));
}

/** The alarm sections of the alarms page whose heading starts with `kind`. */
export function alarmsOfKind(page, kind) {
  return page.locator("section.alarm", { has: page.locator(`h2:text-matches("^${kind} –")`) });
}

/**
 * The page as the seller sees it, with what differs between any two loads taken out: the CSRF
 * token of each form (the same within one session, but not across sessions) and check-in ids.
 */
export async function screen(page) {
  const html = (await page.content())
    .replace(/name="csrf" value="[^"]*"/g, 'name="csrf" value="…"')
    .replace(/name="id" value="[^"]*"/g, 'name="id" value="…"');
  return { url: page.url(), title: await page.title(), html, text: await mainText(page) };
}
