import { describe, expect, it } from "vitest";
import { diffCharacteristics } from "./changes";
import { assessApplicant } from "./initial-assessment";
import { InstrumentSchema, rankHouseholds, scoreHousehold, type Instrument } from "./ranking";
import { checkTransition, nextStatuses } from "./workflow";

describe("initial assessment (Mojokerto Ps 9)", () => {
  const two = {
    status_bangunan: "milik_sendiri",
    dinding: "tembok",
    atap: "genteng",
    lantai: "keramik",
    aset_mobil: false,
    aset_ac: false,
    aset_tabung_gas_5_5kg: false,
  };

  it("stays eligible with exactly 2 conditions", () => {
    const r = assessApplicant(two);
    expect(r.metCount).toBe(2);
    expect(r.eligible).toBe(true);
    expect(r.uncertain).toBe(false);
  });

  it("is not eligible with exactly 3 conditions, and says which", () => {
    const r = assessApplicant({ ...two, aset_ac: true });
    expect(r.metCount).toBe(3);
    expect(r.eligible).toBe(false);
    expect(r.conditions.filter((c) => c.holds).map((c) => c.id)).toEqual(["rumah_milik_sendiri", "rumah_layak_permanen", "punya_ac"]);
  });

  it("needs all three of wall, roof and floor for the permanent-house condition", () => {
    expect(assessApplicant({ ...two, lantai: "tanah" }).conditions[1]!.holds).toBe(false);
    expect(assessApplicant({ ...two, atap: "jerami_ijuk_rumbia" }).conditions[1]!.holds).toBe(false);
    expect(assessApplicant({ ...two, lantai: null }).conditions[1]!.holds).toBeNull();
  });

  it("flags a verdict that unknown answers could overturn", () => {
    const r = assessApplicant({ status_bangunan: "milik_sendiri", aset_mobil: true });
    expect(r).toMatchObject({ metCount: 2, unknownCount: 3, eligible: true, uncertain: true });
  });
});

describe("change detection", () => {
  it("reports changed characteristics, ignoring case, blanks and untouched fields", () => {
    const changes = diffCharacteristics(
      { lantai: "keramik", atap: "genteng", dinding: "tembok", jumlah_kamar: 2 },
      { lantai: "tanah", atap: "GENTENG", dinding: "", jumlah_kamar: 3 },
      ["lantai", "atap", "dinding", "jumlah_kamar", "luas_lantai"],
    );
    expect(changes).toEqual([
      { field: "lantai", before: "keramik", after: "tanah" },
      { field: "jumlah_kamar", before: 2, after: 3 },
    ]);
  });

  it("finds no change when the application repeats the registry", () => {
    expect(diffCharacteristics({ lantai: "keramik" }, { lantai: "keramik" }, ["lantai"])).toEqual([]);
  });
});

describe("status transitions", () => {
  it("lets only the right role make each move, with its required facts", () => {
    expect(checkTransition("draft", "submitted", "desa", {})).toEqual({ ok: true });
    expect(checkTransition("draft", "submitted", "guest", {})).toEqual({ ok: false, reason: "role_not_allowed" });
    expect(checkTransition("submitted", "verified", "desa", { visitResult: "valid" })).toEqual({ ok: false, reason: "role_not_allowed" });
    expect(checkTransition("submitted", "verified", "kecamatan", {})).toEqual({ ok: false, reason: "missing", missing: ["visitResult"] });
    expect(checkTransition("verified", "approved", "desa", { meetingDate: "2026-11-20", minutesRef: "BA/12/2026" })).toEqual({ ok: true });
    expect(checkTransition("verified", "approved", "desa", { meetingDate: "2026-11-20" })).toMatchObject({ missing: ["minutesRef"] });
    expect(checkTransition("proposed", "decreed", "kecamatan", { decreeNumber: "1" })).toEqual({ ok: false, reason: "role_not_allowed" });
    expect(checkTransition("proposed", "decreed", "kabupaten", { decreeNumber: "SK 400/12/2026" })).toEqual({ ok: true });
    expect(checkTransition("draft", "decreed", "admin", { decreeNumber: "x" })).toEqual({ ok: false, reason: "no_such_transition" });
  });

  it("lists the moves a role may offer", () => {
    expect(nextStatuses("submitted", "kecamatan")).toEqual(["verified", "rejected"]);
    expect(nextStatuses("submitted", "desa")).toEqual([]);
  });
});

describe("ranking with a local instrument", () => {
  const instrument: Instrument = { version: 1, name: "TKPK 2026", weights: { rtlh: 0.5, tanpa_jamban: 0.3, lansia: 0.2 } };

  it("validates that weights sum to 1", () => {
    expect(InstrumentSchema.safeParse(instrument).success).toBe(true);
    expect(InstrumentSchema.safeParse({ ...instrument, weights: { rtlh: 0.5, lansia: 0.4 } }).success).toBe(false);
  });

  it("explains a score as its weighted parts", () => {
    const { score, parts } = scoreHousehold(instrument, { rtlh: 1, tanpa_jamban: 0, lansia: null });
    expect(score).toBe(0.5);
    expect(parts.find((p) => p.indicator === "lansia")).toEqual({ indicator: "lansia", weight: 0.2, value: null, contribution: 0 });
  });

  it("orders by desil, then score, then extra keys, then id; unknown desil last", () => {
    const ranked = rankHouseholds(
      instrument,
      [
        { id: "D", desil: null, indicators: { rtlh: 1, tanpa_jamban: 1, lansia: 1 } },
        { id: "C", desil: 2, indicators: { rtlh: 1, tanpa_jamban: 0, lansia: 0 }, keys: { jiwa: 3 } },
        { id: "B", desil: 2, indicators: { rtlh: 0, tanpa_jamban: 1, lansia: 1 }, keys: { jiwa: 6 } },
        { id: "A", desil: 1, indicators: { rtlh: 0, tanpa_jamban: 0, lansia: 0 } },
        { id: "E", desil: 2, indicators: { rtlh: 1, tanpa_jamban: 0, lansia: 0 }, keys: { jiwa: 5 } },
      ],
      [{ key: "jiwa", direction: "desc" }],
    );
    // B, C and E tie at 0.5 within desil 2; more people first breaks the tie (B 6, E 5, C 3).
    expect(ranked.map((r) => `${r.rank}:${r.id}`)).toEqual(["1:A", "2:B", "3:E", "4:C", "5:D"]);
  });
});
