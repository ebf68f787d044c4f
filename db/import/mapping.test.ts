/** Column mapping: detection tolerant of case, spaces, punctuation and synonyms; validation; renaming. */
import { describe, expect, it } from "vitest";
import { columns as anggota } from "./kinds/anggota.server";
import { applyColumnMap, columnMapSchemaFor, detectMapping, headerToken } from "./mapping";

const names = anggota.map((c) => c.name);

describe("column mapping", () => {
  it("normalises headers: case, spaces, dots, BOM", () => {
    expect(headerToken("\uFEFF No. KK ")).toBe("no_kk");
    expect(headerToken("Tgl-Lahir")).toBe("tgl_lahir");
    expect(headerToken("NAMA  (Lengkap)")).toBe("nama_lengkap");
  });

  it("detects exact names and synonyms, never one column twice, exact names first", () => {
    const d = detectMapping("anggota", names, ["IDRT", "NIK", "NIK KK", "Nama Kepala Keluarga", "Tgl Lahir", "JK", "Nama", "Keterangan"]);
    expect(d.map((x) => [x.header, x.column, x.how])).toEqual([
      ["IDRT", "id_rt", "synonym"],
      ["NIK", "nik", "exact"],
      ["NIK KK", "no_kk", "synonym"],
      // "Nama" further right is an exact match, so the synonym does not take nama.
      ["Nama Kepala Keluarga", null, null],
      ["Tgl Lahir", "tanggal_lahir", "synonym"],
      ["JK", "jenis_kelamin", "synonym"],
      ["Nama", "nama", "exact"],
      ["Keterangan", null, null],
    ]);
    expect(detectMapping("anggota", names, ["Nama Kepala Keluarga"])[0].column).toBe("nama");
  });

  it("validates a user mapping and names what is wrong", () => {
    const header = ["A", "B", "no_kk", "D"];
    const schema = columnMapSchemaFor(anggota, header);
    expect(schema.safeParse({ A: "id_rt", B: "nik", D: "nama" }).success).toBe(true);
    const bad = schema.safeParse({ A: "id_rt", B: "id_rt", D: "bukan_kolom", X: "nama" });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.message).sort()).toEqual(
      [
        '"B" dan "A" sama-sama dipetakan ke id_rt',
        '"bukan_kolom" bukan kolom format ini',
        'kolom "X" tidak ada di berkas',
        "kolom wajib nik belum dipetakan",
      ].sort(),
    );
  });

  it("renames mapped headers before the importer checks them; '' ignores a column", () => {
    expect(applyColumnMap(["A", "Nama", "X"], ["a", "nama", "x"], { A: "id_rt", X: "" })).toEqual(["id_rt", "nama", ""]);
    expect(applyColumnMap(["A"], ["a"], undefined)).toEqual(["a"]);
  });
});
