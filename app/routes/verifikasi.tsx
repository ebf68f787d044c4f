/**
 * Placeholder: the verifikasi section is being built; the page says what it will show. Also the
 * layout of the verifikasi child routes (/verifikasi/daftar, /verifikasi/permohonan, …): they
 * render in its outlet, the placeholder only when no child route matched.
 */
import { type MetaFunction } from "@remix-run/node";
import { useOutlet } from "@remix-run/react";
import { PlaceholderPage } from "~/components/shell/PlaceholderPage";
import { common, pages } from "~/i18n";

export const meta: MetaFunction = () => [{ title: `${pages.verifikasi.title} — ${common.productName}` }];

export default function VerifikasiPage() {
  const outlet = useOutlet();
  return outlet ?? <PlaceholderPage {...pages.verifikasi} />;
}
