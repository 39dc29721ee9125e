// A second Tessera server of the test's own, on a fresh PostgreSQL database (SPEC R9.2), for the
// flows that need data the real clock would take minutes to produce. The release binary has only
// the system clock, and on purpose no option to shift it (an operator could misuse one); so a
// test moves a check-in's deadline by editing its row with psql, and the server's watcher does
// the rest as it would in production (R6.6).
//
// The PostgreSQL server is E2E_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres,
// trust authentication); each server gets a database tessera_e2e_<random> that stop() drops.

import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

import { BINARY, cliInvitation } from "./helpers.mjs";

export const POSTGRES_URL =
  process.env.E2E_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** The URL of database `name` on the PostgreSQL server of `POSTGRES_URL`. */
function databaseUrl(name) {
  const u = new URL(POSTGRES_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Runs one SQL statement with psql (stopping at the first error); returns its rows as text. */
export async function psql(url, sql) {
  const { stdout } = await promisify(execFile)(
    "psql",
    [url, "-v", "ON_ERROR_STOP=1", "-qAt", "-c", sql],
    { timeout: 30_000 },
  );
  return stdout.trim();
}

/** The binary's environment without the tests' `TESSERA_*` variables (its configuration layer). */
function serverEnv() {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith("TESSERA_")),
  );
  env.TESSERA_LOG = process.env.TESSERA_LOG ?? "warn";
  return env;
}

/** Resolves with the first match of `re` in what `stream` prints, or rejects after `ms`. */
function waitForLine(stream, re, ms, what) {
  return new Promise((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(() => {
      stream.off("data", onData);
      reject(new Error(`${what}: not printed within ${ms} ms; printed:\n${seen}`));
    }, ms);
    function onData(chunk) {
      seen += chunk.toString();
      const m = seen.match(re);
      if (m) {
        clearTimeout(timer);
        stream.off("data", onData);
        resolve(m);
      }
    }
    stream.on("data", onData);
  });
}

/**
 * Starts `tessera serve` on a new database of its own. Returns
 * { baseUrl, databaseUrl, invitation(), sql(statement), stop() }.
 */
export async function startPostgresServer() {
  const name = `tessera_e2e_net_${randomBytes(6).toString("hex")}`;
  await psql(POSTGRES_URL, `CREATE DATABASE ${name}`);
  const url = databaseUrl(name);
  const dataDir = mkdtempSync(join(tmpdir(), "tessera-e2e-pg."));
  const child = spawn(
    BINARY,
    ["serve", "--data-dir", dataDir, "--database-url", url, "--listen", "127.0.0.1:0"],
    { env: serverEnv(), stdio: ["ignore", "pipe", "pipe"] },
  );
  let stderr = "";
  child.stderr.on("data", (c) => {
    stderr += c.toString();
  });
  const exited = once(child, "exit");

  async function stop() {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
    await psql(POSTGRES_URL, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }

  try {
    const [, baseUrl] = await waitForLine(
      child.stdout,
      /Tessera is listening on (http:\/\/\S+)/,
      60_000,
      "the PostgreSQL server's address",
    ).catch((e) => {
      throw new Error(`${e.message}\nserver stderr:\n${stderr}`);
    });
    const health = await fetch(`${baseUrl}/healthz`);
    assert.equal(health.status, 200, "the PostgreSQL server is not healthy");
    return {
      baseUrl,
      databaseUrl: url,
      invitation: () => cliInvitation({ dataDir, baseUrl, databaseUrl: url }),
      sql: (statement) => psql(url, statement),
      stop,
      stderr: () => stderr,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
