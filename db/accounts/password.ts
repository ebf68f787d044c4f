/**
 * Password rules and hashing. bcryptjs (pure JS, cost 10) rather than a native argon2 binding:
 * nothing to compile or download on air-gapped government machines.
 */
import bcrypt from "bcryptjs";
import { z } from "zod";

export const PasswordSchema = z
  .string()
  .min(10, "Kata sandi minimal 10 karakter")
  .max(128, "Kata sandi maksimal 128 karakter")
  .regex(/[A-Za-z]/, "Kata sandi harus memuat huruf")
  .regex(/[0-9]/, "Kata sandi harus memuat angka");

/** Validates a new password; also refuses one that contains the username. */
export function checkNewPassword(password: string, username: string): string[] {
  const problems = PasswordSchema.safeParse(password).error?.issues.map((i) => i.message) ?? [];
  if (username && password.toLowerCase().includes(username.toLowerCase())) {
    problems.push("Kata sandi tidak boleh memuat nama pengguna");
  }
  return problems;
}

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, 10);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}
