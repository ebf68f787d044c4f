import { describe, expect, it } from "vitest";
import { canonicalTokens, jaroWinkler, nameSimilarity, namesMatch } from "./names";

describe("jaroWinkler", () => {
  it("matches the textbook values", () => {
    expect(jaroWinkler("martha", "marhta")).toBeCloseTo(0.961, 3);
    expect(jaroWinkler("dixon", "dicksonx")).toBeCloseTo(0.813, 3);
    expect(jaroWinkler("abc", "abc")).toBe(1);
    expect(jaroWinkler("abc", "xyz")).toBe(0);
  });
});

describe("canonicalTokens", () => {
  it("drops titles and degrees, expands Muhammad, folds old spelling", () => {
    expect(canonicalTokens("H. Moch. Djoko Soetjipto, S.Pd., M.Si.")).toEqual(["muhamad", "yoko", "sucipto"]);
    expect(canonicalTokens("Hj. St. Aminah")).toEqual(["siti", "amina"]);
    expect(canonicalTokens("I Nyoman Sukarta")).toEqual(["nyoman", "sukarta"]);
  });
});

// Real-looking pairs: the same person written two ways…
const samePerson: Array<[string, string]> = [
  ["Soekarno", "SUKARNO"],
  ["Djoko Susilo", "Joko Susilo"],
  ["Tjahjo Kumolo", "Cahyo Kumolo"],
  ["Achmad Fauzi", "Ahmad Fauzi"],
  ["Chairul Tanjung", "Khairul Tanjung"],
  ["H. Muhammad Yusuf, S.Pd.", "Muhamad Jusuf"],
  ["Moh. Ridwan", "Mohammad Ridwan"],
  ["Siti Nurhaliza", "Siti Nur Haliza"],
  ["I Nyoman Sukarta", "Nyoman Sukarta"],
  ["Dewi Sartika", "Dewi Sartikah"],
  ["Fitri Handayani", "Pitri Handayani"],
  ["Ramadhan Saputra", "Ramadan Saputra"],
  ["Abdullah Syafii", "Abd. Syafi'i"],
  ["Sri Wahyuni", "Sri Wahyni"],
  ["Nyai Soetarmi", "Nyai Sutarmi"],
  ["Oemar Bakri", "Umar Bakri"],
  ["Ny. Sumiati", "SUMIATI"],
  // The seed generator's one-letter variants: doubled letter, h after a consonant, u→oe.
  ["KHOIRUL ANAM", "Koirul Anam"],
  ["Bhakti Pertiwi", "BAKTI PERTIWI"],
  ["Ani Suryani", "ANNI SURYANI"],
  ["Sutrisno", "SOETRISNO"],
  ["Ghofur", "Gofur"],
]
// …and different people, often sharing a common first name.
const differentPeople: Array<[string, string]> = [
  ["Budi Santoso", "Siti Aminah"],
  ["Agus Salim", "Agus Setiawan"],
  ["Sri Wahyuni", "Sri Rahayu"],
  ["Ahmad Fauzi", "Ahmad Fauzan"],
  ["Dewi Lestari", "Dewi Sartika"],
  ["Muhammad Rizki", "Muhammad Ridwan"],
  ["Siti Aminah", "Siti Aisyah"],
  ["Sukarno", "Sukarni Wibowo"],
  ["Agus", "Agus Salim"],
  ["Bambang Hermanto", "Hermanto"],
];

describe("namesMatch", () => {
  it.each(samePerson)("%s ≈ %s", (a, b) => {
    expect(namesMatch(a, b), `${nameSimilarity(a, b)}`).toBe(true);
  });
  it.each(differentPeople)("%s ≠ %s", (a, b) => {
    expect(namesMatch(a, b), `${nameSimilarity(a, b)}`).toBe(false);
  });
  it("is symmetric", () => {
    for (const [a, b] of [...samePerson, ...differentPeople]) expect(nameSimilarity(a, b)).toBe(nameSimilarity(b, a));
  });
});
