import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  // The same `~/` → app/ alias as tsconfig.json and the Remix compiler.
  resolve: { alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) } },
  test: {
    include: ["{app,geo,db,analytics,seeds,cli,tests}/**/*.test.{ts,tsx}"],
    exclude: ["**/node_modules/**"],
    globalSetup: ["./tests/global-setup.ts"],
    // One shared database: test files run one after another (2-core machines; the embedded
    // server serialises transactions anyway).
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 240_000,
  },
});
