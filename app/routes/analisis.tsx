/** Placeholder: the analisis section is being built; the page says what it will show. */
import { type MetaFunction } from "@remix-run/node";
import { PlaceholderPage } from "~/components/shell/PlaceholderPage";
import { common, pages } from "~/i18n";

export const meta: MetaFunction = () => [{ title: `${pages.analisis.title} — ${common.productName}` }];

export default function AnalisisPage() {
  return <PlaceholderPage {...pages.analisis} />;
}
