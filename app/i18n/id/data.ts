/** The data section hub: household work, freshness, imports. */
export const data = {
  title: "Data",
  intro: "Pemutakhiran data rumah tangga, lokasi, dan kesegaran data per desa.",
  links: {
    search: { title: "Cari rumah tangga", body: "Cari dengan NIK, No. KK, nama atau alamat; ubah data dan lokasi." },
    locate: { title: "Lokasi rumah tangga", body: "Daftar rumah tangga yang belum berlokasi atau di luar batas desa." },
  },
  freshnessTitle: "Kesegaran data",
  freshnessIntro: "Perbup Lumajang Ps 20: DTKS dan data program dimutakhirkan paling sedikit setiap 3 bulan.",
  freshnessSummary: "{overdue} dari {total} desa terlambat memutakhirkan salah satu sumber data",
  sources: { rumah_tangga: "Rumah tangga", anggota: "Anggota", penduduk: "Dukcapil", penerima: "Penerima" } as Record<string, string>,
  never: "belum pernah",
  overdue: "terlambat",
  daysAgo: "{n} hari lalu",
  desa: "Desa",
  loginForPersonal: "Masuk untuk mencari dan memutakhirkan rumah tangga.",
  importLink: "Impor data (CSV, XLSX, GeoJSON)",
  accountsLink: "Akun pengguna",
  auditLink: "Log audit",
  importCli: "Impor juga bisa lewat baris perintah: npm run tepat -- import <jenis> <berkas>",
} as const;
