/** GET /data/impor/status/:id — a web import job's progress and outcome (its owner or an admin). */
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { requireAccount } from "~/auth/session.server";
import { getJob } from "~/imports/jobs.server";
import { importerRoles } from "./data_.impor/data.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const account = await requireAccount(request, importerRoles);
  const job = getJob(params.id ?? "");
  if (!job || (job.owner !== account.username && account.role !== "admin")) throw new Response("Tidak ditemukan", { status: 404 });
  const { id, kind, fileName, dryRun, state, progress, result, errors, totalErrors, message } = job;
  return json(
    { id, kind, fileName, dryRun, state, progress, result, errors: errors.slice(0, 50), totalErrors, message },
    { headers: { "Cache-Control": "no-store" } },
  );
}
