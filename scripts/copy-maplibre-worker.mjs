// maplibre-gl 6 locates its worker via import.meta.url, which the Remix bundle rewrites (blank map,
// "Worker failed to load"). Copy the worker into public/ so the map can call setWorkerUrl().
// Runs before every `remix build`; copies only when the file changed.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dist = path.join(root, "node_modules", "maplibre-gl", "dist");
const target = path.join(root, "public", "maplibre-gl-worker.mjs");
const candidates = ["maplibre-gl-worker.mjs", "maplibre-gl-csp-worker.js"].map((f) => path.join(dist, f));
const source = candidates.find((f) => fs.existsSync(f));
if (!source) {
  console.error(`maplibre-gl worker not found in ${dist}: run npm install`);
  process.exit(1);
}
const data = fs.readFileSync(source);
if (!fs.existsSync(target) || !fs.readFileSync(target).equals(data)) {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, data);
  console.log(`maplibre worker → ${path.relative(root, target)} (${Math.round(data.length / 1024)} KiB)`);
}
