/**
 * Raising verification tasks from pemadanan on the targeting fixture (hand-computed), the queue
 * list per scope with groups and counts, and assignment rules — on the real database.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, type Account } from "../accounts/accounts.server";
import { withTransaction, type Database } from "../connection.server";
import { loadFixture, nik } from "../../analytics/targeting/fixture.server";
import { resetData, testDatabase } from "../../tests/db";
import { assignTask, listTasks, raisePemadananTasks } from "./tasks.server";

let db: Database;
const accounts: Record<string, Account> = {};

/**
 * Every task the fixture must raise, worked out by hand:
 * - meninggal: Paijo (H5; PBI_JKN finding), Sarmi (H2; died 2025-12-01, no program), Budi (H1;
 *   died 2026-08-01: after the findings period, but dead by today per Dukcapil).
 * - pindah: Tumini (H5).
 * - nik_tidak_valid: Dewi (H6, DTKS). The recipient NIK "3508011234" is in no household: no task.
 * - nik_ganda: Siti in H1 and in H6 (one task per household).
 * - tanpa_lokasi: all six households (the fixture sets no location).
 */
const expected = [
  `meninggal:${nik.paijo}:H5`,
  `meninggal:${nik.sarmi}:H2`,
  `meninggal:${nik.budi}:H1`,
  `pindah:${nik.tumini}:H5`,
  `nik_tidak_valid:${nik.dewi}:H6`,
  `nik_ganda:${nik.siti}:H1`,
  `nik_ganda:${nik.siti}:H6`,
  ...["H1", "H2", "H3", "H4", "H5", "H6"].map((h) => `tanpa_lokasi::${h}`),
].sort();

/**
 * The findings rows the engine writes on this fixture for the kinds that raise tasks (see
 * analytics/targeting/fixture.server.ts expectedFindings), plus ones that must raise nothing:
 * an exclusion, and the same death reported by a second program (one task, not two).
 */
async function insertFindings() {
  await db.pool.query(
    `INSERT INTO findings (program, periode, jenis, nik, no_kk, id_rt, kode_desa, keterangan) VALUES
      ('PBI_JKN', '2026-S1', 'deceased', $1, NULL, NULL, NULL, 'Meninggal 2026-02-11 menurut Dukcapil'),
      ('PKH', '2026-S1', 'deceased', $1, NULL, NULL, NULL, 'Meninggal 2026-02-11 menurut Dukcapil'),
      ('PBI_JKN', '2026-S1', 'moved', $2, NULL, NULL, NULL, 'Pindah 2026-03-01 menurut Dukcapil'),
      ('PBI_JKN', '2026-S1', 'invalid_nik', '3508011234', NULL, NULL, '3508012002', 'NIK penerima tidak valid: panjang'),
      (NULL, NULL, 'invalid_nik', $3, '3508020000000006', 'H6', '3508022001', 'NIK di DTKS tidak valid: nomor urut 0000'),
      (NULL, NULL, 'duplicate_nik', $4, '3508010000000001', 'H1', '3508012001', 'NIK tercatat di 2 rumah tangga DTKS (H1, H6)'),
      (NULL, NULL, 'duplicate_nik', $4, '3508020000000006', 'H6', '3508022001', 'NIK tercatat di 2 rumah tangga DTKS (H1, H6)'),
      ('PBI_JKN', '2026-S1', 'exclusion', $5, NULL, 'H4', '3508012002', 'Memenuhi syarat PBI_JKN tetapi tidak menerima')`,
    [nik.paijo, nik.tumini, nik.dewi, nik.siti, nik.rina],
  );
}

beforeAll(async () => {
  db = await testDatabase();
  await resetData(db);
  await loadFixture(db.pool);
  await insertFindings();
  const make = async (username: string, role: Account["role"], scopeCode: string) => {
    accounts[username] = await createAccount(db.pool, { username, displayName: username, password: "tugas-verval-2026", role, scopeCode });
  };
  await make("admin", "admin", "");
  await make("kab", "kabupaten", "3508");
  await make("kec1", "kecamatan", "350801");
  await make("kec2", "kecamatan", "350802");
  await make("desaA", "desa", "3508012001");
  await make("desaA2", "desa", "3508012001");
  await make("desaB", "desa", "3508012002");
  await make("tamu", "guest", "");
});
afterAll(async () => resetData(db));

describe("raisePemadananTasks", () => {
  it("raises exactly the hand-computed tasks, once", async () => {
    const first = await raisePemadananTasks(db.pool);
    expect(first.inserted).toBe(expected.length);
    expect(first.byKind).toEqual({ meninggal: 3, pindah: 1, nik_tidak_valid: 1, nik_ganda: 2, tanpa_lokasi: 6 });
    const { rows } = await db.pool.query<{ source_key: string; kode_desa: string; status: string }>(
      "SELECT source_key, kode_desa, status FROM verification_tasks ORDER BY source_key",
    );
    expect(rows.map((r) => r.source_key)).toEqual(expected);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(["terbuka"]));

    // Again, and after the same findings are written again (a new findings run): nothing new.
    await db.pool.query("DELETE FROM findings");
    await insertFindings();
    const again = await raisePemadananTasks(db.pool);
    expect(again).toEqual({ inserted: 0, byKind: {} });
    const count = await db.pool.query("SELECT count(*)::int AS n FROM verification_tasks");
    expect(count.rows[0].n).toBe(expected.length);
  });

  it("keeps a task's state when re-raised, and adds only new sources within the scope prefix", async () => {
    await db.pool.query("UPDATE verification_tasks SET status = 'selesai', result = 'valid' WHERE source_key = 'tanpa_lokasi::H3'");
    await db.pool.query(`INSERT INTO households (id_rt, kode_desa) VALUES ('H7', '3508012001'), ('H8', '3508022001')`);
    const scoped = await raisePemadananTasks(db.pool, "350801");
    expect(scoped).toEqual({ inserted: 1, byKind: { tanpa_lokasi: 1 } });
    const { rows } = await db.pool.query("SELECT status FROM verification_tasks WHERE source_key = 'tanpa_lokasi::H3'");
    expect(rows[0].status).toBe("selesai");
    expect((await raisePemadananTasks(db.pool)).inserted).toBe(1); // H8, outside 350801 before
    await db.pool.query("DELETE FROM verification_tasks WHERE id_rt IN ('H7', 'H8')");
    await db.pool.query("DELETE FROM households WHERE id_rt IN ('H7', 'H8')");
    await db.pool.query("UPDATE verification_tasks SET status = 'terbuka', result = NULL WHERE source_key = 'tanpa_lokasi::H3'");
  });
});

describe("queue", () => {
  it("lists only the account's wilayah, grouped, with counts per desa", async () => {
    const desaA = await listTasks(db.pool, accounts.desaA!);
    // Desa A holds H1 and H2: meninggal Budi, meninggal Sarmi, nik_ganda Siti@H1, tanpa_lokasi ×2.
    expect(desaA.total).toBe(5);
    expect(new Set(desaA.tasks.map((t) => t.kodeDesa))).toEqual(new Set(["3508012001"]));
    expect(desaA.tasks.every((t) => t.group === "pemadanan")).toBe(true);
    expect(desaA.counts).toEqual([
      expect.objectContaining({ kodeDesa: "3508012001", group: "pemadanan", open: 5, overdue: 0, done: 0 }),
    ]);
    const budi = desaA.tasks.find((t) => t.nik === nik.budi)!;
    expect(budi).toMatchObject({ kind: "meninggal", anggota: "Budi Santoso", kepala: "Budi Santoso", title: "Meninggal 2026-08-01 menurut Dukcapil" });

    const kec2 = await listTasks(db.pool, accounts.kec2!);
    expect(new Set(kec2.tasks.map((t) => t.idRt))).toEqual(new Set(["H5", "H6"]));
    expect((await listTasks(db.pool, accounts.admin!)).total).toBe(expected.length);
    expect((await listTasks(db.pool, accounts.kab!, { kind: "nik_ganda" })).tasks.map((t) => t.idRt).sort()).toEqual(["H1", "H6"]);
  });

  it("assigns (kecamatan), takes (desa), refuses the rest, flags overdue, and audits", async () => {
    const task = (await listTasks(db.pool, accounts.admin!, { kind: "pindah" })).tasks[0]!; // H5, desa C (kec 350802)
    const run = (a: Account, input: Parameters<typeof assignTask>[2]) => withTransaction(db.pool, (c) => assignTask(c, a, input));

    expect(await run(accounts.kec1!, { taskId: task.id, version: task.version, assignee: accounts.kec1!.id })).toEqual({ ok: false, error: "not_allowed" });
    expect(await run(accounts.tamu!, { taskId: task.id, version: task.version })).toEqual({ ok: false, error: "not_allowed" });
    expect(await run(accounts.kec2!, { taskId: 999_999, version: 1 })).toEqual({ ok: false, error: "not_found" });
    // desaA's scope does not cover desa C.
    expect(await run(accounts.kec2!, { taskId: task.id, version: task.version, assignee: accounts.desaA!.id })).toEqual({ ok: false, error: "bad_officer" });
    const ok = await run(accounts.kec2!, { taskId: task.id, version: task.version, assignee: accounts.kec2!.id, dueDate: "2020-01-31" });
    expect(ok).toMatchObject({ ok: true, assignedTo: accounts.kec2!.id, version: task.version + 1 });
    expect(await run(accounts.kec2!, { taskId: task.id, version: task.version, assignee: accounts.kec2!.id })).toEqual({ ok: false, error: "stale" });
    const after = (await listTasks(db.pool, accounts.kec2!, { kind: "pindah" })).tasks[0]!;
    expect(after).toMatchObject({ status: "ditugaskan", dueDate: "2020-01-31", overdue: true, assignedName: "kec2" });
    expect((await listTasks(db.pool, accounts.kec2!, { overdue: true })).total).toBe(1);
    expect((await listTasks(db.pool, accounts.kec2!, { mine: true })).tasks.map((t) => t.id)).toEqual([task.id]);

    // A desa operator takes an unassigned task of its desa; not one already taken, not for someone else.
    const sarmi = (await listTasks(db.pool, accounts.desaA!, { kind: "meninggal" })).tasks.find((t) => t.nik === nik.sarmi)!;
    expect(await run(accounts.desaA!, { taskId: sarmi.id, version: sarmi.version, assignee: accounts.desaA2!.id })).toEqual({ ok: false, error: "not_allowed" });
    expect(await run(accounts.desaA!, { taskId: sarmi.id, version: sarmi.version, dueDate: "2020-01-01" })).toMatchObject({ ok: true, assignedTo: accounts.desaA!.id });
    expect(await run(accounts.desaA2!, { taskId: sarmi.id, version: sarmi.version + 1 })).toEqual({ ok: false, error: "not_allowed" });
    const taken = (await listTasks(db.pool, accounts.desaA!, { mine: true })).tasks[0]!;
    expect(taken).toMatchObject({ id: sarmi.id, dueDate: null, overdue: false }); // a desa operator sets no due date

    const audit = await db.pool.query("SELECT actor, entity, entity_key, reason FROM audit_log WHERE entity = 'task' ORDER BY id");
    expect(audit.rows).toEqual([
      { actor: "kec2", entity: "task", entity_key: String(task.id), reason: "tugaskan" },
      { actor: "desaA", entity: "task", entity_key: String(sarmi.id), reason: "ambil tugas" },
    ]);
  });
});
