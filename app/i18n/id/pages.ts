/** Placeholder pages that are still being built: what each will show. */
export const pages = {
  wilayah: {
    title: "Wilayah",
    intro: "Profil setiap kecamatan dan desa.",
    plans: [
      "Daftar kecamatan dan desa dengan jumlah rumah tangga, jiwa dan penerima bantuan",
      "Sebaran desil kesejahteraan per wilayah",
      "Perbandingan antarwilayah dan peringkat",
    ],
  },
  analisis: {
    title: "Analisis",
    intro: "Analisis ketepatan sasaran program bantuan.",
    plans: [
      "Kesalahan inklusi dan eksklusi per program",
      "Kelayakan rumah tangga menurut aturan program",
      "Kantong kemiskinan dan jangkauan layanan",
    ],
  },
  data: {
    title: "Data",
    intro: "Impor, mutu dan ekspor data.",
    plans: [
      "Riwayat impor: jenis, berkas, petugas, waktu dan jumlah baris",
      "Pemeriksaan mutu data (NIK, KK, lokasi) dan daftar temuan",
      "Ekspor data dalam format CSV",
    ],
  },
  verifikasi: {
    title: "Verifikasi",
    intro: "Verifikasi lapangan atas temuan data.",
    plans: [
      "Daftar temuan yang perlu dicek di lapangan",
      "Pencatatan hasil verifikasi dan koreksi lokasi",
      "Lembar kerja cetak untuk petugas desa",
    ],
  },
} as const;
