/**
 * Person names common in Lumajang (Javanese and Madurese, mostly Muslim). Synthetic people get
 * one to three parts; recipient lists write names in upper case, like real aid lists.
 */
import type { Random } from "./random";

export const maleNames = [
  "Ahmad", "Muhammad", "Moh", "Abdul", "Slamet", "Sutrisno", "Budi", "Agus", "Bambang", "Hadi",
  "Joko", "Suparman", "Sugeng", "Eko", "Heru", "Imam", "Samsul", "Rudi", "Wahyu", "Yusuf",
  "Sholeh", "Sukri", "Rahmat", "Hasan", "Suwarno", "Sumarno", "Teguh", "Rizky", "Fajar", "Dimas",
  "Arif", "Andi", "Fauzi", "Syaiful", "Ilham", "Bayu", "Dani", "Hendra", "Yanto", "Supriyadi",
  "Mistar", "Marsuki", "Sunardi", "Haryanto", "Kholil", "Zainal", "Anwar", "Mashuri", "Tohari", "Jumadi",
  "Paiman", "Sarip", "Misdi", "Buhari", "Nurhadi", "Rofiq", "Ridwan", "Lukman", "Wawan", "Gatot",
  "Sodiq", "Khoirul", "Saiful", "Mujib", "Nanang", "Suyono", "Kusnadi", "Darmaji", "Rohman", "Hafid",
];
export const femaleNames = [
  "Siti", "Sri", "Nur", "Sumiati", "Suliha", "Musrifah", "Kartini", "Sulastri", "Wati", "Ani",
  "Dewi", "Rina", "Yuli", "Endang", "Tutik", "Sunarti", "Lestari", "Aminah", "Fatimah", "Khotijah",
  "Halimah", "Rohmah", "Nurul", "Ayu", "Putri", "Anisa", "Aisyah", "Nadia", "Indah", "Maryam",
  "Suwarni", "Ponirah", "Painem", "Misnati", "Juwariyah", "Saudah", "Mutmainah", "Rukmini", "Sumarni", "Winarti",
  "Yuliani", "Erna", "Fitri", "Laila", "Zahrotul", "Umi", "Hartini", "Sulis", "Mariyam", "Romlah",
  "Kasiati", "Sunami", "Ningsih", "Eka", "Wulan", "Nia", "Novi", "Rita", "Susanti", "Hasanah",
];
export const maleSecondNames = [
  "Hidayat", "Santoso", "Riyadi", "Wibowo", "Prasetyo", "Setiawan", "Hariyanto", "Susilo", "Efendi", "Purnomo",
  "Rahman", "Hakim", "Fauzan", "Mustofa", "Ansori", "Syafii", "Hasyim", "Maulana", "Kurniawan", "Saputra",
  "Rohim", "Anshori", "Suprapto", "Wijaya", "Nugroho", "Hamid", "Ghofur", "Jailani", "Mubarok", "Arifin",
];
export const femaleSecondNames = [
  "Aminah", "Rahayu", "Wahyuni", "Lestari", "Handayani", "Astuti", "Kusuma", "Fitriani", "Sholihah", "Zahro",
  "Nurhayati", "Rohmawati", "Sulistyowati", "Maisaroh", "Khoiriyah", "Ningrum", "Safitri", "Utami", "Wulandari", "Hidayati",
];
const secondNamesOf = (sex: "L" | "P") => (sex === "L" ? maleSecondNames : femaleSecondNames);

export function personName(rng: Random, sex: "L" | "P"): string {
  const first = rng.pick(sex === "L" ? maleNames : femaleNames);
  const parts = rng.next();
  if (parts < 0.35) return first;
  const second = rng.pick(secondNamesOf(sex));
  if (second === first) return first;
  if (parts < 0.93) return `${first} ${second}`;
  const third = rng.pick(secondNamesOf(sex));
  return third === second || third === first ? `${first} ${second}` : `${first} ${second} ${third}`;
}

/** A name sharing no word with `name`: a different person for name_mismatch plants. */
export function unrelatedName(rng: Random, name: string, sex: "L" | "P"): string {
  const words = new Set(name.toLowerCase().split(/\s+/));
  for (;;) {
    const other = sex === "L" ? "P" : "L";
    const candidate = `${rng.pick(other === "L" ? maleNames : femaleNames)} ${rng.pick(secondNamesOf(other))}`;
    if (!candidate.toLowerCase().split(/\s+/).some((w) => words.has(w))) return candidate;
  }
}

/**
 * The spelling variants real lists carry (one-letter edits), which the name_mismatch check must
 * tolerate: a doubled letter dropped or added, `h` dropped after a consonant, `u`→`oe`.
 */
export function spellingVariant(rng: Random, name: string): string {
  const variants: ((s: string) => string)[] = [
    (s) => s.replace(/([a-z])\1/i, "$1"),
    (s) => s.replace(/([aiu])([a-z])/i, "$1$2$2"),
    (s) => s.replace(/([bcdgjkpst])h/i, "$1"),
    (s) => s.replace(/u/, "oe"),
  ];
  const start = rng.int(0, variants.length - 1);
  for (let i = 0; i < variants.length; i++) {
    const v = variants[(start + i) % variants.length](name);
    if (v !== name) return v;
  }
  return name;
}

export const dusunNames = [
  "Krajan", "Krajan Lor", "Krajan Kidul", "Wetan", "Kulon", "Tengah", "Sumberejo", "Sumbersari",
  "Gondang", "Karanganyar", "Kebonsari", "Sukorejo", "Tegalsari", "Kedungrejo", "Sidomulyo", "Banjarsari",
];
