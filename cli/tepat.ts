/**
 * `npm run tepat -- <command> …`: import, export and seed against the configured database
 * (DATABASE_URL, else the embedded one). Each command lives beside its logic; this only routes.
 */
type Command = (argv: string[]) => Promise<number>;

const commands: Record<string, { help: string; load: () => Promise<Command> }> = {
  import: {
    help: "import <wilayah|rumah_tangga|anggota|penduduk|penerima|program> <file>",
    load: async () => (await import("../db/import/cli.server")).runImportCommand,
  },
  export: {
    help: "export <indikator|temuan|cakupan> [--program P] [--periode P] [--tingkat T] [--tanggal YYYY-MM-DD] --out <file>",
    load: async () => (await import("../analytics/export-cli.server")).runExportCommand,
  },
  seed: {
    help: "seed [--households N] [--seed S] [--boundaries desa.geojson] [--out DIR]",
    load: async () => (await import("../seeds/cli.server")).runSeedCommand,
  },
};

function usage(): string {
  return ["Penggunaan: npm run tepat -- <perintah>", ...Object.values(commands).map((c) => `  ${c.help}`)].join("\n");
}

async function main(): Promise<number> {
  const [name, ...rest] = process.argv.slice(2);
  const command = name ? commands[name] : undefined;
  if (!command) {
    console.error(usage());
    return name === "help" || name === "--help" ? 0 : 2;
  }
  const run = await command.load();
  try {
    return await run(rest);
  } finally {
    // Close the pool (and the embedded server when this process owns it) so the process exits.
    const { closeDatabaseIfOpen } = await import("../db/connection.server");
    await closeDatabaseIfOpen().catch(() => {});
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
