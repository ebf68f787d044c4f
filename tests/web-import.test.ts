/**
 * Web import through the real route action (multipart upload), the job registry and the same
 * importer as the CLI, on the real database: CSV and XLSX load; a bad file reports its rows and
 * leaves the database unchanged; roles without import rights are refused.
 */
import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, createSession } from "../db/accounts/accounts.server";
import type { Role } from "../analytics/access/roles";
import { serializeSessionCookie } from "../app/auth/session.server";
import { action as uploadAction } from "../app/routes/data_.impor/route";
import { loader as statusLoader } from "../app/routes/data_.impor.status.$id";
import { loader as errorReportLoader } from "../app/routes/data_.impor.galat.$id";
import { resetData, testDatabase } from "./db";

const fixtures = path.resolve("db/import/fixtures");
const cookies: Partial<Record<Role, string>> = {};

async function upload(role: Role, kind: string, name: string, body: Buffer, dryRun = false): Promise<Response> {
  const form = new FormData();
  form.set("kind", kind);
  if (dryRun) form.set("dryRun", "on");
  form.set("file", new File([new Uint8Array(body)], name));
  const request = new Request("http://localhost/data/impor", { method: "POST", body: form, headers: { Cookie: cookies[role]! } });
  try {
    return (await uploadAction({ request, params: {}, context: {} })) as Response;
  } catch (e) {
    if (e instanceof Response) return e;
    throw e;
  }
}

interface Status {
  state: string;
  result: { rowsTotal: number; rowsInserted: number } | null;
  errors: { row: number; column: string; message: string }[];
  totalErrors: number;
}

async function waitForJob(role: Role, jobId: string): Promise<Status> {
  for (let i = 0; i < 200; i++) {
    const res = await statusLoader({
      request: new Request(`http://localhost/data/impor/status/${jobId}`, { headers: { Cookie: cookies[role]! } }),
      params: { id: jobId },
      context: {},
    });
    const status = (await res.json()) as Status;
    if (status.state !== "running") return status;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("import job did not finish");
}

async function count(table: string): Promise<number> {
  const { pool } = await testDatabase();
  return (await pool.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n;
}

beforeAll(async () => {
  const { pool } = await testDatabase();
  await resetData(await testDatabase());
  await pool.query(`INSERT INTO regions (code, level, name) VALUES ('3508', 'kabupaten', 'Lumajang'), ('350801', 'kecamatan', 'K'),
    ('3508012001', 'desa', 'A'), ('3508012002', 'desa', 'B'), ('3508012003', 'desa', 'C')`);
  const scopes: Partial<Record<Role, string>> = { admin: "", kabupaten: "3508", desa: "3508012001" };
  for (const [role, scopeCode] of Object.entries(scopes) as [Role, string][]) {
    const account = await createAccount(pool, { username: `impor.${role}`, displayName: role, password: "impor-web-2026", role, scopeCode });
    cookies[role] = (await serializeSessionCookie(await createSession(pool, account.id))).split(";")[0]!;
  }
});
afterAll(async () => resetData(await testDatabase()));

describe("web import", () => {
  it("imports a CSV through the upload with the importer's counts, recorded as the uploader", async () => {
    const res = await upload("kabupaten", "program", "program.csv", fs.readFileSync(path.join(fixtures, "program.csv")));
    expect(res.status).toBe(200);
    const { jobId } = (await res.json()) as { jobId: string };
    const status = await waitForJob("kabupaten", jobId);
    expect(status.state).toBe("done");
    expect(status.result?.rowsTotal).toBe(await count("programs"));
    const { pool } = await testDatabase();
    const batch = await pool.query("SELECT kind, file_name, imported_by FROM import_batches ORDER BY id DESC LIMIT 1");
    expect(batch.rows[0]).toEqual({ kind: "program", file_name: "program.csv", imported_by: "impor.kabupaten" });
    expect(fs.readdirSync(path.resolve(process.env.TEPAT_DATA_DIR ?? "data", "uploads"))).toEqual([]);
  });

  it("imports an XLSX workbook (first sheet) through the same importer", async () => {
    const csv = fs.readFileSync(path.join(fixtures, "rumah_tangga.csv"), "utf8").trim().split("\n");
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("DTKS");
    // Naive split is enough for this fixture's header; the quoted address is kept whole below.
    for (const line of csv) ws.addRow(line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.slice(0, -1).map((c) => c.replace(/,$/, "").replace(/^"|"$/g, "").replace(/""/g, '"')));
    const before = await count("households");
    const res = await upload("admin", "rumah_tangga", "dtks.xlsx", Buffer.from(await wb.xlsx.writeBuffer()));
    const status = await waitForJob("admin", ((await res.json()) as { jobId: string }).jobId);
    expect(status.errors).toEqual([]);
    expect(status.state).toBe("done");
    expect((await count("households")) - before).toBe(csv.length - 1);
  });

  it("reports a bad file's rows, offers the error report, and writes nothing", async () => {
    const before = { households: await count("households"), batches: await count("import_batches") };
    const res = await upload("admin", "rumah_tangga", "salah.csv", fs.readFileSync(path.join(fixtures, "bad-code.csv")));
    const jobId = ((await res.json()) as { jobId: string }).jobId;
    const status = await waitForJob("admin", jobId);
    expect(status.state).toBe("failed");
    expect(status.errors[0]).toMatchObject({ row: 3, column: "lantai" });
    expect({ households: await count("households"), batches: await count("import_batches") }).toEqual(before);
    const report = await errorReportLoader({
      request: new Request(`http://localhost/data/impor/galat/${jobId}`, { headers: { Cookie: cookies.admin! } }),
      params: { id: jobId },
      context: {},
    });
    expect(report.headers.get("Content-Type")).toContain("text/csv");
    const text = await report.text();
    expect(text).toContain("berkas,baris,kolom,pesan");
    expect(text).toContain("salah.csv,3,lantai,");
  });

  it("refuses desa operators, and boundaries from kabupaten operators", async () => {
    expect((await upload("desa", "program", "program.csv", Buffer.from("kode\n"))).status).toBe(403);
    expect((await upload("kabupaten", "wilayah", "batas.geojson", Buffer.from("{}"))).status).toBe(403);
  });
});
