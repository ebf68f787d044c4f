/**
 * The sync endpoint (POST /verifikasi/sinkron) and the photo route, called as real signed-in
 * accounts on the real database: idempotency by client_id, conflicts, scope, photo limits,
 * EXIF GPS read server-side, and the application move a visit result makes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, createSession } from "../accounts/accounts.server";
import type { Role } from "../../analytics/access/roles";
import { serializeSessionCookie } from "../../app/auth/session.server";
import { action as sync } from "../../app/routes/verifikasi.sinkron";
import { loader as photoLoader } from "../../app/routes/verifikasi.foto.$id";
import { jpegWithGps } from "../../app/offline/exif-gps";
import { resetData, testDatabase } from "../../tests/db";
import { statusOf } from "../../tests/route-status";
import type { Database } from "../connection.server";
import { MAX_PHOTO_BYTES, readExif, sniffImageMime } from "./photos.server";

let db: Database;
const cookies: Record<string, string> = {};
const ids: Record<string, number> = {};

/** A structurally minimal JPEG: SOI, a JFIF APP0 segment, EOI (enough for magic bytes and EXIF). */
const bareJpeg = new Uint8Array([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9,
]);
/** Tempurejo, Lumajang: 8°11'24.5"S 113°0'36"E. */
const photoLat = -8.190139;
const photoLon = 113.01;

let n = 0;
const newClientId = () => `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`;

function visit(over: Record<string, unknown> = {}) {
  return {
    clientId: newClientId(),
    taskId: ids.taskA,
    baseVersion: 1,
    visitedAt: "2026-11-20T03:15:00.000Z",
    result: "valid",
    notes: "Rumah dihuni, data sesuai.",
    changes: [],
    location: { lat: -8.1901, lon: 113.0102, accuracyM: 8 },
    ...over,
  };
}

function post(who: string, body: BodyInit, contentType?: string) {
  const headers = new Headers();
  if (cookies[who]) headers.set("Cookie", cookies[who]!);
  if (contentType) headers.set("Content-Type", contentType);
  const request = new Request("http://localhost/verifikasi/sinkron", { method: "POST", body, headers });
  return sync({ request, params: {}, context: {} });
}
const postJson = (who: string, v: unknown) => post(who, JSON.stringify(v), "application/json");
function postMultipart(who: string, v: unknown, photo?: Uint8Array<ArrayBuffer>, type = "image/jpeg") {
  const form = new FormData();
  form.set("visit", JSON.stringify(v));
  if (photo) form.set("photo", new Blob([photo], { type }), "rumah.jpg");
  return post(who, form);
}
async function body(res: Response) {
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  db = await testDatabase();
  await resetData(db);
  await db.pool.query(`INSERT INTO regions (code, level, name, parent_code) VALUES
    ('3508', 'kabupaten', 'Lumajang', NULL), ('350801', 'kecamatan', 'Tempursari', '3508'),
    ('3508012001', 'desa', 'Tempurejo', '350801'), ('3508012002', 'desa', 'Pundungsari', '350801')`);
  await db.pool.query(`INSERT INTO households (id_rt, kode_desa, alamat) VALUES ('RT-A', '3508012001', 'Krajan'), ('RT-B', '3508012002', 'Sumberan')`);
  const tasks = await db.pool.query<{ id: number }>(`INSERT INTO verification_tasks (kind, source_key, id_rt, kode_desa, title) VALUES
    ('tanpa_lokasi', 'tanpa_lokasi::RT-A', 'RT-A', '3508012001', 'A'),
    ('tanpa_lokasi', 'tanpa_lokasi::RT-B', 'RT-B', '3508012002', 'B'),
    ('nik_ganda', 'nik_ganda:x:RT-A', 'RT-A', '3508012001', 'C') RETURNING id`);
  [ids.taskA, ids.taskB, ids.taskC] = tasks.rows.map((r) => r.id);
  const people: Array<[string, Role, string]> = [
    ["desa.a", "desa", "3508012001"],
    ["desa.b", "desa", "3508012002"],
    ["kec", "kecamatan", "350801"],
    ["tamu", "guest", ""],
  ];
  for (const [username, role, scopeCode] of people) {
    const a = await createAccount(db.pool, { username, displayName: username, password: "sinkron-uji-2026", role, scopeCode });
    ids[username] = a.id;
    cookies[username] = (await serializeSessionCookie(await createSession(db.pool, a.id))).split(";")[0]!;
  }
});
afterAll(async () => resetData(db));

describe("POST /verifikasi/sinkron", () => {
  it("stores a visit once: the same client_id twice gives one row and the first outcome", async () => {
    const v = visit();
    const first = await body(await postJson("desa.a", v));
    expect(first).toMatchObject({ status: 200, json: { status: "saved", taskVersion: 2 } });
    const again = await body(await postJson("desa.a", v));
    expect(again).toEqual({ status: 200, json: { status: "duplicate", visitId: first.json.visitId, conflict: false } });
    const rows = await db.pool.query(
      `SELECT v.officer, v.result, v.conflict, round(ST_Y(v.location)::numeric, 4)::float8 AS lat, v.accuracy_m, t.status, t.result AS task_result, t.version
         FROM visits v JOIN verification_tasks t ON t.id = v.task_id WHERE v.client_id = $1`,
      [v.clientId],
    );
    expect(rows.rows).toEqual([
      { officer: "desa.a", result: "valid", conflict: false, lat: -8.1901, accuracy_m: 8, status: "selesai", task_result: "valid", version: 2 },
    ]);
    expect((await db.pool.query("SELECT count(*)::int AS n FROM visits")).rows[0].n).toBe(1);
    const audit = await db.pool.query("SELECT entity, action FROM audit_log WHERE actor = 'desa.a' ORDER BY id");
    expect(audit.rows).toEqual([
      { entity: "visit", action: "create" },
      { entity: "task", action: "update" },
    ]);
  });

  it("reports a conflict when the task was completed by someone else, keeps the visit, overwrites nothing", async () => {
    const res = await body(await postJson("kec", visit({ result: "tidak_valid", notes: "Rumah kosong" })));
    expect(res).toMatchObject({
      status: 409,
      json: { status: "conflict", reason: "completed", server: { version: 2, status: "selesai", result: "valid", completedBy: "desa.a" } },
    });
    const task = await db.pool.query("SELECT status, result, version FROM verification_tasks WHERE id = $1", [ids.taskA]);
    expect(task.rows[0]).toEqual({ status: "selesai", result: "valid", version: 2 });
    const stored = await db.pool.query("SELECT conflict, result FROM visits WHERE id = $1", [res.json.visitId]);
    expect(stored.rows[0]).toEqual({ conflict: true, result: "tidak_valid" });
  });

  it("reports a conflict when the task version moved on (reassigned while the officer was offline)", async () => {
    await db.pool.query("UPDATE verification_tasks SET assigned_to = $2, status = 'ditugaskan', version = 2 WHERE id = $1", [ids.taskC, ids.kec]);
    const res = await body(await postJson("desa.a", visit({ taskId: ids.taskC, baseVersion: 1 })));
    expect(res).toMatchObject({ status: 409, json: { status: "conflict", reason: "version", server: { version: 2, status: "ditugaskan" } } });
    expect((await db.pool.query("SELECT status FROM verification_tasks WHERE id = $1", [ids.taskC])).rows[0].status).toBe("ditugaskan");
    // Sent again (the phone never got the answer): the same conflict, no second row.
    const v = visit({ taskId: ids.taskC, baseVersion: 2 });
    expect((await postJson("desa.a", v)).status).toBe(200);
    expect((await postJson("desa.a", v)).status).toBe(200);
    expect((await db.pool.query("SELECT count(*)::int AS n FROM visits WHERE task_id = $1", [ids.taskC])).rows[0].n).toBe(2);
  });

  it("denies outside the scope, guests and anonymous senders", async () => {
    expect(await statusOf(() => postJson("desa.a", visit({ taskId: ids.taskB })))).toBe(403);
    expect(await statusOf(() => postJson("tamu", visit({ taskId: ids.taskB })))).toBe(403);
    expect(await statusOf(() => postJson("anonymous", visit({ taskId: ids.taskB })))).toBe(401);
    expect(await statusOf(() => postJson("desa.b", visit({ taskId: 999_999 })))).toBe(404);
    expect((await db.pool.query("SELECT count(*)::int AS n FROM visits WHERE task_id = $1", [ids.taskB])).rows[0].n).toBe(0);
  });

  it("rejects invalid payloads, naming the field", async () => {
    const res = await body(await postJson("desa.b", visit({ taskId: ids.taskB, result: "mungkin", clientId: "x" })));
    expect(res.status).toBe(400);
    const paths = (res.json.issues as Array<{ path: string }>).map((i) => i.path).sort();
    expect(paths).toEqual(["clientId", "result"]);
    const noChanges = await body(await postJson("desa.b", visit({ taskId: ids.taskB, result: "perlu_perubahan", changes: [] })));
    expect(noChanges.json.issues).toEqual([{ path: "changes", message: "hasil perlu_perubahan memerlukan minimal satu perubahan" }]);
  });

  it("limits photos by size and by magic bytes, whatever the declared type", async () => {
    const big = new Uint8Array(MAX_PHOTO_BYTES + 1);
    big.set(bareJpeg.subarray(0, 3));
    expect((await postMultipart("desa.b", visit({ taskId: ids.taskB }), big)).status).toBe(413);
    const fake = new TextEncoder().encode("<html>bukan foto</html>");
    const res = await body(await postMultipart("desa.b", visit({ taskId: ids.taskB }), fake, "image/jpeg"));
    expect(res).toMatchObject({ status: 415, json: { status: "invalid_photo", error: "bad_type" } });
    expect((await db.pool.query("SELECT count(*)::int AS n FROM photos")).rows[0].n).toBe(0);
    expect((await db.pool.query("SELECT count(*)::int AS n FROM visits WHERE task_id = $1", [ids.taskB])).rows[0].n).toBe(0);
  });

  it("stores a photo and reads its EXIF GPS on the server; the photo route is scoped", async () => {
    const jpeg = jpegWithGps(bareJpeg, photoLat, photoLon);
    expect(sniffImageMime(jpeg)).toBe("image/jpeg");
    const exif = await readExif(jpeg);
    expect(exif.lat).toBeCloseTo(photoLat, 5);
    expect(exif.lon).toBeCloseTo(photoLon, 5);

    const res = await body(await postMultipart("desa.b", visit({ taskId: ids.taskB, result: "perlu_perubahan", changes: [{ field: "alamat", value: "Sumberan RT 02" }] }), jpeg));
    expect(res).toMatchObject({ status: 200, json: { status: "saved" } });
    const { rows } = await db.pool.query(
      `SELECT p.id, p.mime, p.bytes, p.kode_desa, p.exif_lat, p.exif_lon, v.changes
         FROM visits v JOIN photos p ON p.id = v.photo_id WHERE v.id = $1`,
      [res.json.visitId],
    );
    expect(rows[0]).toMatchObject({ mime: "image/jpeg", bytes: jpeg.length, kode_desa: "3508012002", changes: [{ field: "alamat", value: "Sumberan RT 02" }] });
    expect(rows[0].exif_lat).toBeCloseTo(photoLat, 5);
    expect(rows[0].exif_lon).toBeCloseTo(photoLon, 5);

    const get = (who: string) => {
      const headers = new Headers(cookies[who] ? { Cookie: cookies[who]! } : {});
      return photoLoader({ request: new Request(`http://localhost/verifikasi/foto/${rows[0].id}`, { headers }), params: { id: String(rows[0].id) }, context: {} });
    };
    const ok = await get("desa.b");
    expect(ok.status).toBe(200);
    expect(ok.headers.get("Content-Type")).toBe("image/jpeg");
    expect(ok.headers.get("Cache-Control")).toBe("private, no-store");
    expect(new Uint8Array(await ok.arrayBuffer())).toEqual(jpeg);
    expect(await statusOf(() => get("kec"))).toBe(200);
    expect(await statusOf(() => get("desa.a"))).toBe(403);
    expect(await statusOf(() => get("tamu"))).toBe(403);
    expect(await statusOf(() => get("anonymous"))).toBe(302);
  });
});

describe("visit results move the registration", () => {
  async function applicationTask(nik: string) {
    const app = await db.pool.query<{ id: number }>(
      `INSERT INTO applications (channel, kode_desa, match, nik_kepala, no_kk, nama_kepala, household, members, registering_officer, status)
       VALUES ('aktif', '3508012001', 'baru', $1, '3508010101100009', 'Pendaftar Uji', '{}', '[]', 'desa.a', 'submitted') RETURNING id`,
      [nik],
    );
    const task = await db.pool.query<{ id: number }>(
      `INSERT INTO verification_tasks (kind, application_id, nik, kode_desa, title) VALUES ('pendaftaran_baru', $1, $2, '3508012001', 'Pendaftaran baru') RETURNING id`,
      [app.rows[0]!.id, nik],
    );
    return { applicationId: app.rows[0]!.id, taskId: task.rows[0]!.id };
  }

  it("kecamatan: valid → verified, tidak_valid → rejected (with the findings as reason)", async () => {
    const a = await applicationTask("3508010101900001");
    const res = await body(await postJson("kec", visit({ taskId: a.taskId })));
    expect(res.json).toMatchObject({ status: "saved", application: { moved: true, to: "verified" } });
    const b = await applicationTask("3508010101900002");
    const res2 = await body(await postJson("kec", visit({ taskId: b.taskId, result: "tidak_valid", notes: "Alamat tidak ditemukan" })));
    expect(res2.json).toMatchObject({ status: "saved", application: { moved: true, to: "rejected" } });
    const { rows } = await db.pool.query(
      `SELECT a.status, e.reason, e.facts ->> 'visitResult' AS result FROM applications a
         JOIN application_events e ON e.application_id = a.id WHERE a.id = ANY($1) ORDER BY a.id`,
      [[a.applicationId, b.applicationId]],
    );
    expect(rows).toEqual([
      { status: "verified", reason: null, result: "valid" },
      { status: "rejected", reason: "Alamat tidak ditemukan", result: "tidak_valid" },
    ]);
  });

  it("desa: the visit is recorded, the move is left to the kecamatan (role)", async () => {
    const c = await applicationTask("3508010101900003");
    const res = await body(await postJson("desa.a", visit({ taskId: c.taskId })));
    expect(res.json).toMatchObject({ status: "saved", application: { moved: false, reason: "role" } });
    expect((await db.pool.query("SELECT status FROM applications WHERE id = $1", [c.applicationId])).rows[0].status).toBe("submitted");
  });
});
