/** Shared UI strings in Bahasa Indonesia: app shell, navigation, generic words. */
export const common = {
  productName: "Tepat",
  tagline: "Analitik kemiskinan berbasis peta untuk pemerintah daerah",
  skipToContent: "Lewati ke konten utama",
  mainNav: "Navigasi utama",
  nav: {
    beranda: "Beranda",
    peta: "Peta",
    wilayah: "Wilayah",
    analisis: "Analisis",
    data: "Data",
    verifikasi: "Verifikasi",
  },
  footer: "Tepat — data sintetis untuk demonstrasi kecuali dinyatakan lain.",
  underConstruction: "Sedang dibangun",
  willShow: "Halaman ini akan menampilkan:",
  backHome: "Kembali ke beranda",
  notFoundTitle: "Halaman tidak ditemukan",
  notFoundBody: "Alamat yang Anda buka tidak ada di aplikasi ini.",
  errorTitle: "Terjadi kesalahan",
  errorBody: "Maaf, halaman ini gagal dimuat. Coba muat ulang; jika tetap gagal, hubungi admin data.",
  loading: "Memuat…",
} as const;
