/** Login, logout and access strings in Bahasa Indonesia. */
export const auth = {
  loginTitle: "Masuk ke Tepat",
  loginIntro: "Gunakan akun yang diberikan admin data kabupaten.",
  username: "Nama pengguna",
  password: "Kata sandi",
  submit: "Masuk",
  submitting: "Memeriksa…",
  logout: "Keluar",
  wrongCredentials: "Nama pengguna atau kata sandi salah.",
  required: "Wajib diisi.",
  forbiddenTitle: "Akses ditolak",
  forbiddenBody: "Akun Anda tidak berhak membuka data ini.",
  roles: {
    admin: "Administrator",
    kabupaten: "Kabupaten/OPD",
    kecamatan: "Operator kecamatan",
    desa: "Operator desa",
    guest: "Tamu",
  },
} as const;
