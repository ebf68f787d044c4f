/** A small link from the household page to its verval score and rank explanation. */
import { Link } from "@remix-run/react";
import { vervalPenetapan } from "~/i18n/id/verval-penetapan";

export function RankingLink({ idRt }: { idRt: string }) {
  return (
    <p className="no-print" data-testid="ranking-link">
      <Link to={`/verifikasi/peringkat/${encodeURIComponent(idRt)}`}>{vervalPenetapan.explain.link}</Link>
    </p>
  );
}
