// The SQLite file is moved away under a running server and put back (as a lost or remounted
// volume, or a restore, looks to the process): calls fail fast with UNAVAILABLE, health says
// NOT_SERVING, and service resumes by itself (test/support/outage-drill.ts). Times are printed.
import { rename } from "node:fs/promises";
import { test } from "node:test";
import { appPerFile } from "./support/app-per-file";
import { outageDrill } from "./support/outage-drill";

const app = appPerFile();

test("with the SQLite file moved away calls fail fast with UNAVAILABLE, and service resumes when it returns", async () => {
  const { file } = app.database;
  const figures = await outageDrill(app.server, {
    database: "SQLite (file moved away, then back)",
    takeAway: () => rename(file, `${file}-away`),
    bringBack: () => rename(`${file}-away`, file),
  });
  console.log(figures);
});
