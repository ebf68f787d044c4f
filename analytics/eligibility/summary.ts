/**
 * A rule in plain Bahasa Indonesia for people who do not read JSON (the rules page, the
 * household page's reasons): one line per condition, in the order the engine applies them.
 */
import type { MemberComponent, EligibilityRule } from "./rule";

const unitText: Record<string, string> = {
  individu: "perorangan (NIK)",
  keluarga: "keluarga (No. KK)",
  rumah_tangga: "rumah tangga (ID rumah tangga)",
};

const indicatorText: Record<string, string> = {
  rtlh: "rumah tidak layak huni (RTLH: sedikitnya 2 kriteria)",
  miskin_bps14: "miskin menurut 14 kriteria BPS (sedikitnya 9)",
};

export function componentText(c: MemberComponent): string {
  switch (c.kind) {
    case "hamil":
      return "ibu hamil";
    case "usia":
      return c.max >= 150 ? `usia ${c.min} tahun ke atas` : `usia ${c.min}–${c.max} tahun`;
    case "usia_sekolah":
      return `usia ${c.min}–${c.max} tahun dan masih sekolah`;
    case "disabilitas":
      return c.level === "berat" ? "penyandang disabilitas berat" : "penyandang disabilitas (ringan atau berat)";
    case "penyakit_kronis":
      return "penderita penyakit kronis";
  }
}

export function ruleSummary(rule: EligibilityRule, unit: string, tidakBolehBersama: string[] = []): string[] {
  const lines = [`Sasaran: ${unitText[unit] ?? unit}, terdaftar di DTKS dan masih hidup/tidak pindah pada awal periode.`];
  lines.push(
    rule.maxDesil === null
      ? "Tanpa batas desil."
      : `Desil rumah tangga paling tinggi ${rule.maxDesil} (desil tidak diketahui: tidak layak).`,
  );
  if (rule.householdIndicators.length)
    lines.push(`Rumah tangga harus: ${rule.householdIndicators.map((i) => indicatorText[i] ?? i).join(" dan ")}.`);
  if (rule.personConditions.length)
    lines.push(
      unit === "individu"
        ? `Orangnya harus: ${rule.personConditions.map(componentText).join(" dan ")}.`
        : `Sedikitnya satu anggota: ${rule.personConditions.map(componentText).join(" dan ")}.`,
    );
  if (rule.anyMemberComponent.length)
    lines.push(`Sedikitnya satu anggota rumah tangga termasuk salah satu komponen: ${rule.anyMemberComponent.map(componentText).join("; ")}.`);
  if (tidakBolehBersama.length) lines.push(`Tidak boleh bersamaan dengan: ${tidakBolehBersama.join(", ")}.`);
  if (rule.note) lines.push(`Catatan: ${rule.note}`);
  return lines;
}
