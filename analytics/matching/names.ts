/**
 * Name comparison for pemadanan: is a recipient's name the Dukcapil name, allowing for spelling
 * variants? Indonesian names are written in old (pre-1972) and new spelling (Soekarno/Sukarno,
 * Djoko/Joko, Tjahjo/Cahyo, Achmad/Ahmad), with or without titles and degrees (H., Hj., Dr.,
 * S.Pd.), abbreviations (Moh./Muh. for Muhammad) and doubled letters (Muhamad/Muhammad).
 *
 * Method (documented for users, see `nameMatchMethod`):
 * 1. canonical tokens: lower case, accents and punctuation removed, titles/degrees dropped,
 *    Muhammad/Abdul abbreviations expanded, then spelling folded: oe→u, oo→u, dj→y, tj→c, j→y,
 *    ch/kh→h, sh→sy, th→t, dh→d, q→k, f/v→p, doubled letters collapsed, a final h after a vowel
 *    dropped; a second reading also drops any h after a consonant (Khoirul/Koirul), and the
 *    better of the two readings counts;
 * 2. identical canonical strings (spaces ignored) score 1;
 * 3. otherwise each token of the shorter name is paired with its best unused token of the other
 *    by Jaro–Winkler (an initial matches a token with that first letter at 0.95); the score is
 *    the weakest pair, so "Agus Salim" vs "Agus Setiawan" fails on the surname; a one-word name
 *    against a longer one is discounted ×0.88 (a dropped surname is not proof of identity);
 * 4. the names match when the score is at least `NAME_MATCH_THRESHOLD` (0.9).
 */

export const NAME_MATCH_THRESHOLD = 0.9;

export const nameMatchMethod =
  "Nama dibandingkan setelah dinormalkan (huruf kecil, tanpa tanda baca, gelar dan sapaan dibuang, " +
  "ejaan lama disamakan: oe→u, dj→j→y, tj→c, ch/kh→h, f/v→p, huruf ganda dirapatkan), lalu setiap kata " +
  "dipasangkan dengan kata paling mirip (Jaro–Winkler). Nama dianggap berbeda bila pasangan terlemah " +
  `di bawah ${NAME_MATCH_THRESHOLD}.`;

/** Titles, honorifics and degrees (dots removed) that say nothing about identity. */
const TITLES = new Set([
  "h", "hj", "haji", "hajjah", "dr", "drs", "dra", "ir", "prof", "kh", "ust", "ustadz", "ustad", "ustadzah",
  "tn", "ny", "nn", "sdr", "sdri", "bpk", "bapak", "ibu", "bu", "pak", "alm", "almh", "almarhum", "almarhumah",
  "spd", "spdi", "sh", "se", "skom", "ssos", "ssi", "skm", "sag", "sip", "sst", "ssit", "sked", "skep",
  "sfarm", "sp", "shi", "sthi", "ssn", "sei", "mpd", "mpdi", "msi", "mm", "mh", "mt", "mkes", "mag", "mkom",
  "amd", "amdkeb", "amdkep", "amk", "ama", "bsc", "ba", "mba", "phd", "spog", "spa", "sppd",
]);
/** Balinese birth-order and gender prefixes: dropped only when other tokens remain. */
const PREFIXES = new Set(["i", "ni"]);
const ALIASES: Record<string, string> = Object.fromEntries([
  ...["m", "md", "mhd", "moh", "mohd", "moch", "mochd", "muh", "much", "mochamad", "mochammad", "mohamad",
    "mohammad", "mohamed", "muhamad", "muchamad", "muchammad", "mukhammad", "muhamat", "mohamat"].map(
    (t) => [t, "muhammad"] as const,
  ),
  ["abd", "abdul"],
  ["st", "siti"],
]);

/** Folds old and variant spellings onto one canonical form (applied per token). */
export function foldSpelling(token: string): string {
  let t = token
    .replace(/oe/g, "u")
    .replace(/oo/g, "u")
    .replace(/dj/g, "j")
    .replace(/tj/g, "c")
    .replace(/j/g, "y")
    .replace(/[ck]h/g, "h")
    .replace(/sh/g, "sy")
    .replace(/th/g, "t")
    .replace(/dh/g, "d")
    .replace(/q/g, "k")
    .replace(/[fv]/g, "p")
    .replace(/(.)\1+/g, "$1");
  if (t.length > 2) t = t.replace(/([aeiou])h$/, "$1");
  return t;
}

/**
 * Canonical tokens. `dropConsonantH` also drops an h after a consonant before folding
 * (Khoirul/Koirul, Bhakti/Bakti), a second reading compared alongside the first, because the
 * default reading keeps kh/ch ≈ h for Achmad/Ahmad.
 */
export function canonicalTokens(name: string, dropConsonantH = false): string[] {
  const raw = name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/'/g, "")
    .split(/[\s,;/()]+/)
    .map((t) => t.replace(/[^a-z.]/g, ""))
    .filter(Boolean);
  const tokens: string[] = [];
  for (const withDots of raw) {
    const plain = withDots.replace(/\./g, "");
    if (!plain) continue;
    // "St." abbreviates Siti; the degree Sarjana Teknik is written "S.T.".
    if (/^s\.t\.?$/.test(withDots)) continue;
    if (TITLES.has(plain)) continue;
    tokens.push(ALIASES[plain] ?? plain);
  }
  const kept = tokens.length > 1 ? tokens.filter((t, i) => !(i === 0 && PREFIXES.has(t))) : tokens;
  return kept.map((t) => foldSpelling(dropConsonantH ? t.replace(/([bcdfgjklmnpqrstvwxz])h/g, "$1") : t)).filter(Boolean);
}

/** Jaro–Winkler similarity (prefix scale 0.1, prefix up to 4). */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  if (!a.length || !b.length) return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const aMatched = new Array<boolean>(a.length).fill(false);
  const bMatched = new Array<boolean>(b.length).fill(false);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    const lo = Math.max(0, i - window);
    const hi = Math.min(b.length - 1, i + window);
    for (let j = lo; j <= hi; j++) {
      if (bMatched[j] || a[i] !== b[j]) continue;
      aMatched[i] = bMatched[j] = true;
      matches++;
      break;
    }
  }
  if (!matches) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < a.length; i++) {
    if (!aMatched[i]) continue;
    while (!bMatched[k]) k++;
    if (a[i] !== b[k]) transpositions++;
    k++;
  }
  const m = matches;
  const jaro = (m / a.length + m / b.length + (m - transpositions / 2) / m) / 3;
  let prefix = 0;
  while (prefix < 4 && prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

function tokenSimilarity(a: string, b: string): number {
  if (a.length === 1 || b.length === 1) return a[0] === b[0] ? 0.95 : 0;
  return jaroWinkler(a, b);
}

function shortFirst(a: string[], b: string[]): [string[], string[]] {
  return a.length <= b.length ? [a, b] : [b, a];
}

/** Weakest best-pair similarity of the tokens of `short` against unused tokens of `long`. */
function weakestPair(short: string[], long: string[]): number {
  const used = new Array<boolean>(long.length).fill(false);
  let weakest = 1;
  for (const token of short) {
    let best = 0;
    let bestIndex = -1;
    long.forEach((other, i) => {
      if (used[i]) return;
      const s = tokenSimilarity(token, other);
      if (s > best) {
        best = s;
        bestIndex = i;
      }
    });
    if (bestIndex >= 0) used[bestIndex] = true;
    weakest = Math.min(weakest, best);
  }
  return weakest;
}

/** Similarity 0–1 of two names after canonicalisation (see the module comment). */
export function nameSimilarity(nameA: string, nameB: string): number {
  const plain = similarityOf(canonicalTokens(nameA), canonicalTokens(nameB));
  if (plain === 1) return 1;
  return Math.max(plain, similarityOf(canonicalTokens(nameA, true), canonicalTokens(nameB, true)));
}

function similarityOf(a: string[], b: string[]): number {
  if (!a.length || !b.length) return a.length === b.length ? 1 : 0;
  if (a.join("") === b.join("")) return 1;
  // Greedy pairing depends on order: with equal lengths, take the better of both directions.
  const weakest =
    a.length === b.length ? Math.max(weakestPair(a, b), weakestPair(b, a)) : weakestPair(...shortFirst(a, b));
  const short = a.length <= b.length ? a : b;
  const long = a.length <= b.length ? b : a;
  let score = weakest;
  if (short.length === 1 && long.length > 1) score *= 0.88;
  return Math.round(score * 1000) / 1000;
}

export function namesMatch(nameA: string, nameB: string, threshold = NAME_MATCH_THRESHOLD): boolean {
  return nameSimilarity(nameA, nameB) >= threshold;
}

/**
 * A cheap key equal for names that trivially match (case, spaces, punctuation). Mirrors the SQL
 * pre-filter of the findings engine, which sends only pairs with different keys to `namesMatch`.
 */
export function trivialNameKey(name: string): string {
  return name.toLowerCase().replace(/[^a-z]/g, "");
}
