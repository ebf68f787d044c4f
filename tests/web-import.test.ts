/**
 * Web import through the real route action (multipart upload), the job registry and the same
 * importer as the CLI, on the real database: CSV and XLSX load; a bad file reports its rows and
 * leaves the database unchanged; roles without import rights are refused. Then: the preview's
 * detected column mapping and a user mapping applied; rollback of batches (exact restore by table
 * checksums, refusals when a later batch, a manual edit or dependent rows stand in the way,
 * authorization); a zipped Shapefile with its validation report.
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
import { loader as pageLoader } from "../app/routes/data_.impor/route";
import { toWebMercator, WEB_MERCATOR_PRJ, writeShapefileZip, type PolygonFeature } from "../geo/boundaries/shapefile-writer";
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
  result: { rowsTotal: number; rowsInserted: number; rowsUpdated: number; notes: string[]; report?: Record<string, unknown> } | null;
  errors: { row: number; column: string; message: string }[];
  totalErrors: number;
}

/** A form post (preview start, rollback) through the same action. */
async function post(role: Role, fields: Record<string, string>): Promise<Response> {
  const request = new Request("http://localhost/data/impor", {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { Cookie: cookies[role]!, "Content-Type": "application/x-www-form-urlencoded" },
  });
  try {
    return (await uploadAction({ request, params: {}, context: {} })) as Response;
  } catch (e) {
    if (e instanceof Response) return e;
    throw e;
  }
}

async function preview(role: Role, kind: string, name: string, body: Buffer): Promise<Response> {
  const form = new FormData();
  form.set("intent", "preview");
  form.set("kind", kind);
  form.set("file", new File([new Uint8Array(body)], name));
  const request = new Request("http://localhost/data/impor", { method: "POST", body: form, headers: { Cookie: cookies[role]! } });
  try {
    return (await uploadAction({ request, params: {}, context: {} })) as Response;
  } catch (e) {
    if (e instanceof Response) return e;
    throw e;
  }
}

/** Uploads a CSV in one shot and waits for the job; returns the batch id of a real import. */
async function importCsv(role: Role, kind: string, name: string, text: string): Promise<number> {
  const res = await upload(role, kind, name, Buffer.from(text));
  const status = await waitForJob(role, ((await res.json()) as { jobId: string }).jobId);
  expect(status.errors).toEqual([]);
  expect(status.state).toBe("done");
  const { pool } = await testDatabase();
  return (await pool.query("SELECT max(id)::int AS id FROM import_batches")).rows[0].id;
}

/** Every stored column of every row, in key order, hashed: equal means restored exactly. */
async function checksum(table: string, key: string): Promise<string> {
  const { pool } = await testDatabase();
  return (await pool.query(`SELECT count(*) || ':' || md5(coalesce(string_agg(t::text, '|' ORDER BY t.${key}), '')) AS c FROM ${table} t`)).rows[0].c;
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
  const scopes: Partial<Record<Role, string>> = { admin: "", kabupaten: "3508", kecamatan: "350801", desa: "3508012001" };
  for (const [role, scopeCode] of Object.entries(scopes) as [Role, string][]) {
    const account = await createAccount(pool, { username: `impor.${role}`, displayName: role, password: "impor-web-2026", role, scopeCode });
    cookies[role] = (await serializeSessionCookie(await createSession(pool, account.id))).split(";")[0]!;
  }
});
afterAll(async () => resetData(await testDatabase()));

describe("web import", () => {
  it("imports a CSV through the upload with the importer's counts, recorded as the uploader", async () => {
    const uploads = path.resolve(process.env.TEPAT_DATA_DIR ?? "data", "uploads");
    const waiting = fs.existsSync(uploads) ? fs.readdirSync(uploads) : [];
    const res = await upload("kabupaten", "program", "program.csv", fs.readFileSync(path.join(fixtures, "program.csv")));
    expect(res.status).toBe(200);
    const { jobId } = (await res.json()) as { jobId: string };
    const status = await waitForJob("kabupaten", jobId);
    expect(status.state).toBe("done");
    expect(status.result?.rowsTotal).toBe(await count("programs"));
    const { pool } = await testDatabase();
    const batch = await pool.query("SELECT kind, file_name, imported_by FROM import_batches ORDER BY id DESC LIMIT 1");
    expect(batch.rows[0]).toEqual({ kind: "program", file_name: "program.csv", imported_by: "impor.kabupaten" });
    expect(fs.readdirSync(uploads)).toEqual(waiting);
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
    // The preview and the start of a kept upload are the same action, the same rules.
    const form = new FormData();
    form.set("intent", "preview");
    form.set("kind", "rumah_tangga");
    form.set("file", new File([new Uint8Array(Buffer.from("id_rt,kode_desa\n"))], "a.csv"));
    const asDesa = await uploadAction({ request: new Request("http://localhost/data/impor", { method: "POST", body: form, headers: { Cookie: cookies.desa! } }), params: {}, context: {} }).catch((e: unknown) => e as Response);
    expect((asDesa as Response).status).toBe(403);
    expect((await preview("kabupaten", "wilayah", "batas.geojson", Buffer.from("{}"))).status).toBe(403);
    expect((await post("kecamatan", { intent: "start", uploadId: "x", dryRun: "1" })).status).toBe(403);
  });
});

describe("column mapping preview", () => {
  const file = ["ID RT;Kode Desa;Alamat Lengkap;Lantai Rumah;Catatan", "RT501;35.08.01.2001;Dusun Baru;keramik;x", "RT502;3508012002;Dusun Lama;tanah;y"].join("\n");

  it("detects the mapping, refuses a bad one naming it, and imports with the user's mapping", async () => {
    const res = await preview("kabupaten", "rumah_tangga", "baru.csv", Buffer.from(file));
    expect(res.status).toBe(200);
    const { upload: up } = (await res.json()) as {
      upload: { id: string; preview: { type: string; headers: string[]; rows: string[][]; mapping: { header: string; column: string | null; how: string | null }[] } };
    };
    expect(up.preview.type).toBe("table");
    expect(up.preview.rows[0]).toEqual(["RT501", "35.08.01.2001", "Dusun Baru", "keramik", "x"]);
    expect(up.preview.mapping.map((m) => [m.header, m.column, m.how])).toEqual([
      ["ID RT", "id_rt", "exact"],
      ["Kode Desa", "kode_desa", "exact"],
      ["Alamat Lengkap", "alamat", "synonym"],
      ["Lantai Rumah", null, null],
      ["Catatan", null, null],
    ]);
    const before = await checksum("households", "id_rt");
    // Two headers on one column and the required kode_desa unmapped: refused, nothing runs.
    const bad = await post("kabupaten", {
      intent: "start",
      uploadId: up.id,
      dryRun: "0",
      mapping: JSON.stringify({ "ID RT": "id_rt", "Kode Desa": "", "Alamat Lengkap": "alamat", "Lantai Rumah": "alamat", Catatan: "" }),
    });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { mappingErrors: string[] };
    expect(body.mappingErrors).toEqual(
      expect.arrayContaining([expect.stringContaining('"Lantai Rumah" dan "Alamat Lengkap"'), "kolom wajib kode_desa belum dipetakan"]),
    );
    // Without a mapping for "Lantai Rumah"/"Catatan" the importer reports unknown columns.
    const unmapped = await post("kabupaten", { intent: "start", uploadId: up.id, dryRun: "1", mapping: JSON.stringify({ "Alamat Lengkap": "alamat" }) });
    const failed = await waitForJob("kabupaten", ((await unmapped.json()) as { jobId: string }).jobId);
    expect(failed.state).toBe("failed");
    expect(failed.errors.map((e) => e.column).sort()).toEqual(["Catatan", "Lantai Rumah"]);
    const mapping = JSON.stringify({ "ID RT": "id_rt", "Kode Desa": "kode_desa", "Alamat Lengkap": "alamat", "Lantai Rumah": "lantai", Catatan: "" });
    const dry = await post("kabupaten", { intent: "start", uploadId: up.id, dryRun: "1", mapping });
    const dryStatus = await waitForJob("kabupaten", ((await dry.json()) as { jobId: string }).jobId);
    expect(dryStatus.state).toBe("done");
    expect(dryStatus.result).toMatchObject({ rowsTotal: 2, rowsInserted: 2 });
    expect(await checksum("households", "id_rt")).toBe(before);
    // The same kept upload, imported for real with the same mapping.
    const real = await post("kabupaten", { intent: "start", uploadId: up.id, dryRun: "0", mapping });
    expect((await waitForJob("kabupaten", ((await real.json()) as { jobId: string }).jobId)).state).toBe("done");
    const { pool } = await testDatabase();
    const { rows } = await pool.query("SELECT id_rt, kode_desa, alamat, lantai::text FROM households WHERE id_rt IN ('RT501', 'RT502') ORDER BY 1");
    expect(rows).toEqual([
      { id_rt: "RT501", kode_desa: "3508012001", alamat: "Dusun Baru", lantai: "keramik" },
      { id_rt: "RT502", kode_desa: "3508012002", alamat: "Dusun Lama", lantai: "tanah" },
    ]);
    // A successful import removes the kept upload.
    expect((await post("kabupaten", { intent: "start", uploadId: up.id, dryRun: "1", mapping })).status).toBe(404);
  });

  it("keeps an upload to its owner", async () => {
    const res = await preview("kabupaten", "rumah_tangga", "baru.csv", Buffer.from(file));
    const { upload: up } = (await res.json()) as { upload: { id: string } };
    expect((await post("admin", { intent: "start", uploadId: up.id, dryRun: "1", mapping: "{}" })).status).toBe(404);
  });
});

describe("rollback of an import batch", () => {
  const header = "id_rt,kode_desa,alamat,lintang,bujur,desil,lantai";

  it("restores updated rows exactly and deletes inserted ones, latest batch first; refuses otherwise", async () => {
    const { pool } = await testDatabase();
    await pool.query("TRUNCATE members, households, import_batch_rows");
    await importCsv("admin", "rumah_tangga", "rt.csv", fs.readFileSync(path.join(fixtures, "rumah_tangga.csv"), "utf8"));
    const members = await importCsv("admin", "anggota", "anggota.csv", fs.readFileSync(path.join(fixtures, "anggota.csv"), "utf8"));
    const base = { households: await checksum("households", "id_rt"), members: await checksum("members", "id") };

    // Batch 2: moves RT001 (members follow its desa), changes RT002's desil and location, adds RT777.
    const second = await importCsv(
      "kabupaten",
      "rumah_tangga",
      "rt-2.csv",
      [header, "RT001,3508012002,Pindah,-8.1,113.1,5,keramik", "RT002,3508012001,Dusun Krajan,-8.2,113.2,9,", "RT777,3508012003,Baru,,,,"].join("\n"),
    );
    expect((await pool.query("SELECT rows_inserted, rows_updated FROM import_batches WHERE id = $1", [second])).rows[0]).toEqual({ rows_inserted: 1, rows_updated: 2 });
    expect((await pool.query("SELECT count(*)::int AS n FROM members WHERE id_rt = 'RT001' AND kode_desa = '3508012002'")).rows[0].n).toBe(3);
    // Batch 3 changes a row batch 2 inserted: batch 2 cannot go first.
    const third = await importCsv("admin", "rumah_tangga", "rt-3.csv", [header, "RT777,3508012003,Diubah,,,,"].join("\n"));
    const refused = await post("kabupaten", { intent: "rollback", batchId: String(second) });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: string }).error).toMatch(new RegExp(`1 baris rumah tangga diubah lagi oleh impor #${third}`));

    expect((await post("admin", { intent: "rollback", batchId: String(third) })).status).toBe(200);
    const ok = await post("kabupaten", { intent: "rollback", batchId: String(second) });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { rolledBack: unknown }).rolledBack).toMatchObject({ deleted: 1, restored: { households: 2, members: 3 } });
    expect({ households: await checksum("households", "id_rt"), members: await checksum("members", "id") }).toEqual(base);
    expect((await pool.query("SELECT count(*)::int AS n FROM import_batch_rows WHERE batch_id IN ($1, $2)", [second, third])).rows[0].n).toBe(0);

    // Marked in the history, audited, and not twice.
    const page = await (await pageLoader({ request: new Request("http://localhost/data/impor", { headers: { Cookie: cookies.admin! } }), params: {}, context: {} })).json();
    const line = (page as { history: { id: number; rolledBackAt: string | null; rolledBackBy: string | null; canRollback: boolean }[] }).history.find((h) => h.id === second)!;
    expect(line).toMatchObject({ rolledBackBy: "impor.kabupaten", canRollback: false });
    expect(line.rolledBackAt).not.toBeNull();
    const audit = await pool.query("SELECT actor, entity, action, after FROM audit_log WHERE entity = 'import' AND entity_key = $1", [String(second)]);
    expect(audit.rows).toEqual([{ actor: "impor.kabupaten", entity: "import", action: "rollback", after: { deleted: 1, restored: { households: 2, members: 3 } } }]);
    expect(((await (await post("admin", { intent: "rollback", batchId: String(second) })).json()) as { error: string }).error).toMatch(/sudah dibatalkan/);

    // A manual edit (as the household form makes it) after a batch blocks that batch's rollback.
    const fourth = await importCsv("admin", "rumah_tangga", "rt-4.csv", [header, "RT002,3508012001,Dusun Krajan Lor,,,,"].join("\n"));
    await pool.query("UPDATE households SET alamat = 'Disunting', version = version + 1, updated_at = now() WHERE id_rt = 'RT002'");
    const edited = await post("admin", { intent: "rollback", batchId: String(fourth) });
    expect(edited.status).toBe(409);
    expect(((await edited.json()) as { error: string }).error).toMatch(/1 baris rumah tangga disunting setelah impor ini/);

    // The first household batch: batch 4 changed RT002 since.
    const first = (await pool.query("SELECT min(id)::int AS id FROM import_batches WHERE file_name = 'rt.csv'")).rows[0].id;
    const later = await post("admin", { intent: "rollback", batchId: String(first) });
    expect(((await later.json()) as { error: string }).error).toMatch(new RegExp(`1 baris rumah tangga diubah lagi oleh impor #${fourth}`));

    // A new household whose members came in a later batch: the members still point at it.
    const lone = await importCsv("admin", "rumah_tangga", "rt-5.csv", [header, "RT888,3508012003,Sendiri,,,,"].join("\n"));
    const lonely = await importCsv("admin", "anggota", "anggota-5.csv", ["id_rt,nik,no_kk,nama", "RT888,3508014107900088,3508010101100088,Sendiri"].join("\n"));
    const blocked = await post("admin", { intent: "rollback", batchId: String(lone) });
    expect(blocked.status).toBe(409);
    expect(((await blocked.json()) as { error: string }).error).toMatch(/1 baris anggota rumah tangga masih merujuk rumah tangga yang ditambahkan impor ini/);
    // The members batch is the latest change of its rows: it goes first, then the household.
    expect((await post("admin", { intent: "rollback", batchId: String(lonely) })).status).toBe(200);
    expect((await post("admin", { intent: "rollback", batchId: String(lone) })).status).toBe(200);
    expect((await pool.query("SELECT count(*)::int AS n FROM households WHERE id_rt = 'RT888'")).rows[0].n).toBe(0);
    expect((await pool.query("SELECT count(*)::int AS n FROM members WHERE import_batch_id = $1", [members])).rows[0].n).toBe(5);
  });

  it("lets only importers roll back, and only the kinds they may import", async () => {
    const { pool } = await testDatabase();
    const batch = (await pool.query("SELECT max(id)::int AS id FROM import_batches WHERE rolled_back_at IS NULL")).rows[0].id;
    expect((await post("desa", { intent: "rollback", batchId: String(batch) })).status).toBe(403);
    expect((await post("kecamatan", { intent: "rollback", batchId: String(batch) })).status).toBe(403);
    const { rows } = await pool.query(
      "INSERT INTO import_batches (kind, file_name, checksum, imported_by, finished_at) VALUES ('wilayah', 'b.geojson', 'x', 'admin', now()) RETURNING id",
    );
    const res = await post("kabupaten", { intent: "rollback", batchId: String(rows[0].id) });
    expect(res.status).toBe(403);
    const admin = await post("admin", { intent: "rollback", batchId: String(rows[0].id) });
    expect(admin.status).toBe(409);
    expect(((await admin.json()) as { error: string }).error).toMatch(/batas wilayah tidak dapat dibatalkan/);
  });
});

describe("zipped Shapefile boundaries", () => {
  it("reprojects from the .prj, imports through the boundary importer and reports codes and features outside the kabupaten", async () => {
    const dir = "/work/shared/data/boundaries";
    const kab = await upload("admin", "wilayah", "lumajang-kabupaten.geojson", fs.readFileSync(path.join(dir, "lumajang-kabupaten.geojson")));
    expect((await waitForJob("admin", ((await kab.json()) as { jobId: string }).jobId)).state).toBe("done");
    const desa = JSON.parse(fs.readFileSync(path.join(dir, "lumajang-desa.geojson"), "utf8")) as {
      features: { properties: { code: string; name: string }; geometry: PolygonFeature["geometry"] }[];
    };
    const picked = desa.features.slice(0, 4).map((f) => ({ properties: { KDEPUM: f.properties.code, WADMKD: f.properties.name }, geometry: f.geometry }));
    // A fifth desa shifted 1° east: its code is Lumajang's, its shape lies outside the kabupaten.
    const far = desa.features[4];
    const shift = (c: unknown): unknown => (typeof (c as number[])[0] === "number" ? [(c as number[])[0] + 1, (c as number[])[1]] : (c as unknown[]).map(shift));
    picked.push({ properties: { KDEPUM: far.properties.code, WADMKD: far.properties.name }, geometry: { ...far.geometry, coordinates: shift(far.geometry.coordinates) } as PolygonFeature["geometry"] });
    const zip = writeShapefileZip("desa_lumajang", picked, {
      prj: WEB_MERCATOR_PRJ,
      project: toWebMercator,
      fields: [
        { name: "KDEPUM", length: 13 },
        { name: "WADMKD", length: 40 },
      ],
    });
    const res = await preview("admin", "wilayah", "desa.zip", zip);
    expect(res.status).toBe(200);
    const { upload: up } = (await res.json()) as { upload: { id: string; preview: Record<string, unknown> } };
    expect(up.preview).toMatchObject({ type: "boundary", format: "shapefile", features: 5, codeProperty: "KDEPUM", nameProperty: "WADMKD" });
    const run = await post("admin", { intent: "start", uploadId: up.id, dryRun: "0", codeProperty: "KDEPUM", nameProperty: "WADMKD" });
    const status = await waitForJob("admin", ((await run.json()) as { jobId: string }).jobId);
    expect(status.errors).toEqual([]);
    expect(status.state).toBe("done");
    const report = status.result!.report as {
      format: string;
      shapefile: { prj: string; crsName: string };
      kabupaten: string;
      levels: { level: string; features: number; known: number }[];
      outside: { code: string; why: string }[];
      desaMissingFromFile: string[];
    };
    expect(report.format).toBe("shapefile");
    expect(report.shapefile).toMatchObject({ prj: "reprojected", crsName: "WGS_1984_Web_Mercator_Auxiliary_Sphere" });
    expect(report.kabupaten).toBe("3508");
    // 3508012001–3 were seeded by this test; 3508012004 is new.
    expect(report.levels).toEqual([{ level: "desa", features: 5, known: 3 }]);
    expect(report.outside).toEqual([{ feature: 5, code: far.properties.code.replace(/\./g, ""), name: far.properties.name, why: "letak" }]);
    expect(status.result!.notes.join("\n")).toMatch(/diproyeksikan ulang dari WGS_1984_Web_Mercator_Auxiliary_Sphere/);
    // Reprojection is exact to the centimetre: the stored desa equals the GeoJSON one.
    const { pool } = await testDatabase();
    const { rows } = await pool.query(
      `SELECT ST_HausdorffDistance(r.geom, ST_SetSRID(ST_GeomFromGeoJSON($2), 4326)) AS d FROM regions r WHERE r.code = $1`,
      [desa.features[0].properties.code.replace(/\./g, ""), JSON.stringify(desa.features[0].geometry)],
    );
    expect(rows[0].d).toBeLessThan(1e-7);
  });

  it("refuses a Shapefile in metres without a .prj, writing nothing", async () => {
    const desa = JSON.parse(fs.readFileSync("/work/shared/data/boundaries/lumajang-desa.geojson", "utf8")) as {
      features: { properties: { code: string; name: string }; geometry: PolygonFeature["geometry"] }[];
    };
    const f = desa.features[10];
    const zip = writeShapefileZip("utm", [{ properties: { kode: f.properties.code, nama: f.properties.name }, geometry: f.geometry }], {
      project: toWebMercator,
      fields: [
        { name: "kode", length: 13 },
        { name: "nama", length: 40 },
      ],
    });
    const before = await checksum("regions", "code");
    const res = await upload("admin", "wilayah", "utm.zip", zip);
    const status = await waitForJob("admin", ((await res.json()) as { jobId: string }).jobId);
    expect(status.state).toBe("failed");
    expect(status.errors[0].message).toMatch(/tidak ada berkas \.prj/);
    expect(await checksum("regions", "code")).toBe(before);
  });
});
