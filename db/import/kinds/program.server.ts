/**
 * program (program catalogue) → programs. The eligibility rule comes from the `aturan` column
 * (JSON checked by EligibilityRuleSchema) or, for the six default programs, their default rule.
 * Each imported rule is also recorded as a rule version (program_rules, rule-versions.server.ts).
 */
import { defaultPrograms, EligibilityRuleSchema } from "../../../analytics/eligibility/rule";
import { versionImportedPrograms } from "../../../analytics/eligibility/rule-versions.server";
import * as codes from "../../codes";
import { CellProblem, codeOf, programCode, text, type CellParser } from "../fields";
import { quoteIdent, runUpsert } from "../staging.server";
import { batchColumn, plainColumns, reportDuplicates } from "./common.server";
import type { ColumnSpec, CsvKind } from "./types";

const defaultRules = Object.fromEntries(defaultPrograms.map((p) => [p.kode, p.rule]));

/** `PKH|BPNT` → canonical codes joined by `|`. */
const programList = (): CellParser => (raw) => {
  const items = raw.split("|").map((v) => v.trim().toUpperCase().replace(/[\s-]+/g, "_")).filter(Boolean);
  const bad = items.find((v) => !/^[A-Z0-9_]{1,32}$/.test(v));
  if (bad) return new CellProblem(`"${bad}" bukan kode program (pisahkan beberapa kode dengan |)`);
  return items.length ? items.join("|") : null;
};

/** The eligibility rule as JSON text, validated by EligibilityRuleSchema and re-serialised with its defaults. */
const ruleJson = (): CellParser => (raw) => {
  const v = raw.trim();
  if (!v) return null;
  let json: unknown;
  try {
    json = JSON.parse(v);
  } catch {
    return new CellProblem("aturan bukan JSON yang valid");
  }
  const r = EligibilityRuleSchema.safeParse(json);
  if (r.success) return JSON.stringify(r.data);
  const i = r.error.issues[0];
  return new CellProblem(`aturan tidak valid: ${i.path.join(".") || "(akar)"}: ${i.message}`);
};

export const columns: ColumnSpec[] = [
  { name: "kode", cell: programCode(), required: true },
  { name: "nama", cell: text(), required: true },
  { name: "unit", cell: codeOf(codes.programUnits), required: true, sqlType: "program_unit" },
  { name: "sumber_dana", cell: codeOf(codes.fundingSources), required: true, sqlType: "funding_source" },
  { name: "tidak_boleh_bersama", cell: programList() },
  { name: "aturan", cell: ruleJson() },
];

export const program: CsvKind = {
  kind: "program",
  columns,
  checkRow(get) {
    const kode = get("kode") ?? "";
    if (get("aturan") === null && !(kode in defaultRules))
      return { column: "aturan", message: `aturan wajib diisi untuk program ${kode} (aturan bawaan hanya ada untuk ${Object.keys(defaultRules).join(", ")})` };
    if ((get("tidak_boleh_bersama") ?? "").split("|").includes(kode))
      return { column: "tidak_boleh_bersama", message: `program ${kode} tidak dapat dilarang bersama dirinya sendiri` };
    return null;
  },
  async check(ctx) {
    await reportDuplicates(ctx, ["kode"], "kode", "kode program");
  },
  async merge(ctx) {
    const result = await runUpsert(ctx.client, {
      table: "programs",
      conflict: ["kode"],
      columns: [
        ...plainColumns(columns, ctx.present, ["tidak_boleh_bersama", "aturan"]),
        {
          name: "tidak_boleh_bersama",
          expr: `COALESCE(string_to_array(s.tidak_boleh_bersama, '|'), '{}'::text[])`,
          onUpdate: ctx.present.has("tidak_boleh_bersama") ? undefined : null,
        },
        { name: "rule", expr: `COALESCE(s.aturan::jsonb, $2::jsonb -> s.kode)`, onUpdate: ctx.present.has("aturan") ? undefined : null },
        batchColumn(),
      ],
      from: `FROM ${quoteIdent(ctx.stage)} s`,
      orderBy: "s.row_no",
      extraSet: ["updated_at = now()"],
      params: [ctx.batchId, JSON.stringify(defaultRules)],
    });
    const { rows } = await ctx.client.query<{ kode: string }>(
      `SELECT DISTINCT x AS kode FROM ${quoteIdent(ctx.stage)} s, unnest(string_to_array(s.tidak_boleh_bersama, '|')) x
       WHERE NOT EXISTS (SELECT 1 FROM programs p WHERE p.kode = x) ORDER BY 1`,
    );
    if (rows.length) ctx.notes.push(`tidak_boleh_bersama menyebut program yang belum ada: ${rows.map((r) => r.kode).join(", ")}`);
    // Rule versions (program_rules): version 1 for new programs, a new version when the rule changed.
    const versions = await versionImportedPrograms(ctx.client, quoteIdent(ctx.stage), ctx.importedBy, ctx.batchId);
    if (versions) ctx.notes.push(`${versions} versi aturan program dicatat`);
    return result;
  },
};
