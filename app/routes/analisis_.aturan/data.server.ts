/**
 * Loader and action of /analisis/aturan: every program with its rule versions (readable summary,
 * JSON, who and when) for any signed-in account — rules are not personal data — and adding a
 * version or a local program for kabupaten/OPD operators and administrators only.
 */
import { getDatabase } from "../../../db/connection.server";
import { canWrite } from "../../../analytics/access/scope";
import {
  addLocalProgram,
  addRuleVersion,
  listRuleVersions,
  RuleVersionError,
} from "../../../analytics/eligibility/rule-versions.server";
import { ruleSummary } from "../../../analytics/eligibility/summary";
import { requireAccount } from "~/auth/session.server";

export const editorRoles = ["admin", "kabupaten"] as const;

/** The current month in WIB, `YYYY-MM`. */
function currentMonth(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Jakarta", year: "numeric", month: "2-digit" }).format(new Date());
}

export async function loadAturan(request: Request) {
  const account = await requireAccount(request);
  const { pool } = await getDatabase();
  const [{ rows: programs }, versions] = await Promise.all([
    pool.query<{ kode: string; nama: string; unit: string; sumber_dana: string; tidak_boleh_bersama: string[]; rule: unknown }>(
      `SELECT kode, nama, unit::text, sumber_dana::text, tidak_boleh_bersama, rule FROM programs ORDER BY kode`,
    ),
    listRuleVersions(pool),
  ]);
  const month = currentMonth();
  return {
    canEdit: canWrite(account, "program"),
    month,
    programs: programs.map((p) => {
      const own = versions.filter((v) => v.program === p.kode);
      const applying = own.filter((v) => v.berlakuMulai <= month).at(-1) ?? own[0];
      return {
        kode: p.kode,
        nama: p.nama,
        unit: p.unit,
        sumberDana: p.sumber_dana,
        tidakBolehBersama: p.tidak_boleh_bersama,
        /** Starting point of the "add a version" form: the newest version's rule (else the catalogue's). */
        draft: JSON.stringify(own.at(-1)?.rule ?? p.rule, null, 2),
        versions: own.map((v, i) => ({
          version: v.version,
          berlakuMulai: v.berlakuMulai,
          sampai: own[i + 1]?.berlakuMulai ?? null,
          status: v === applying ? ("current" as const) : v.berlakuMulai > month ? ("future" as const) : ("past" as const),
          summary: ruleSummary(v.rule, p.unit, v.tidakBolehBersama),
          json: JSON.stringify(v.rule, null, 2),
          createdBy: v.createdBy,
          createdAt: v.createdAt,
          note: v.note,
        })),
      };
    }),
  };
}

export interface AturanActionResult {
  intent: "version" | "program";
  program: string;
  ok: boolean;
  problems: string[];
  saved: { program: string; versi: number; bulan: string } | null;
}

const list = (v: FormDataEntryValue | null) =>
  String(v ?? "")
    .split(/[\s,;|]+/)
    .map((x) => x.trim().toUpperCase())
    .filter(Boolean);

export async function aturanAction(request: Request): Promise<{ status: number; body: AturanActionResult }> {
  const account = await requireAccount(request, editorRoles);
  const { pool } = await getDatabase();
  const form = await request.formData();
  const intent = form.get("intent") === "program" ? "program" : "version";
  const program = String(form.get("program") ?? "").trim().toUpperCase();
  const input = {
    program,
    berlakuMulai: String(form.get("berlakuMulai") ?? ""),
    rule: String(form.get("rule") ?? ""),
    tidakBolehBersama: list(form.get("tidakBolehBersama")),
    note: String(form.get("note") ?? "") || undefined,
    ...(intent === "program"
      ? { nama: String(form.get("nama") ?? ""), unit: String(form.get("unit") ?? ""), sumberDana: String(form.get("sumberDana") ?? "") }
      : {}),
  };
  const actor = { id: account.id, username: account.username };
  try {
    const v = intent === "program" ? await addLocalProgram(pool, actor, input) : await addRuleVersion(pool, actor, input);
    return {
      status: 200,
      body: { intent, program, ok: true, problems: [], saved: { program: v.program, versi: v.version, bulan: v.berlakuMulai } },
    };
  } catch (err) {
    if (err instanceof RuleVersionError) return { status: 400, body: { intent, program, ok: false, problems: err.problems, saved: null } };
    throw err;
  }
}
