// Browser tests drive Debian's Chromium (playwright-core never downloads a browser here).
// `npm test` must pass on a fresh machine, so install the package when it is missing and we
// are allowed to (root with apt); otherwise say exactly what to run.
import { execFileSync } from "node:child_process";
import fs from "node:fs";

const CHROMIUM = process.env.TEPAT_CHROMIUM ?? "/usr/bin/chromium";
if (!fs.existsSync(CHROMIUM)) {
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot || !fs.existsSync("/usr/bin/apt-get")) {
    console.error(`Chromium not found at ${CHROMIUM}. Install it: sudo apt-get install -y chromium`);
    process.exit(1);
  }
  console.error("Installing Debian's chromium for the browser tests (apt-get)…");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  execFileSync("apt-get", ["install", "-y", "-qq", "chromium", "fonts-dejavu-core"], { stdio: "inherit", env });
}
