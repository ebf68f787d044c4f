/** GET /data/impor/galat/:id — the job's error report as CSV (file, row, column, message). */
import { type LoaderFunctionArgs } from "@remix-run/node";
import { requireAccount } from "~/auth/session.server";
import { errorReportCsv, getJob } from "~/imports/jobs.server";
import { importerRoles } from "./data_.impor/data.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const account = await requireAccount(request, importerRoles);
  const job = getJob(params.id ?? "");
  if (!job || (job.owner !== account.username && account.role !== "admin")) throw new Response("Tidak ditemukan", { status: 404 });
  const name = job.fileName.replace(/[^\w.-]+/g, "_").replace(/\.\w+$/, "");
  return new Response("\uFEFF" + errorReportCsv(job), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="galat-${name}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
