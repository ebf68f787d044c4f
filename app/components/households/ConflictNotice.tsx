/**
 * Optimistic-lock conflict: someone saved this member after the operator opened the form. Shows,
 * per field that differs, the operator's value beside the stored one, and who changed it last.
 */
import { anggota as a, valueLabel } from "~/i18n/id/households";
import { formatDateTime, t } from "~/i18n";

const plain = new Set(["nik", "no_kk", "nama", "tanggal_lahir"]);
const show = (field: string, v: string | undefined) => (!v ? a.empty : plain.has(field) ? v : valueLabel(v));

export function ConflictNotice(props: {
  mine: Record<string, string>;
  stored: Record<string, string>;
  lastChange: { actor: string; at: string } | null;
}) {
  const fields = Object.keys(a.fields).filter((f) => (props.mine[f] ?? "") !== (props.stored[f] ?? ""));
  return (
    <section className="conflict" role="alert" aria-labelledby="judul-konflik" data-testid="conflict">
      <h2 id="judul-konflik">{a.staleTitle}</h2>
      {props.lastChange ? <p>{t(a.staleBy, { actor: props.lastChange.actor, at: formatDateTime(props.lastChange.at) })}</p> : null}
      <p>{a.staleBody}</p>
      {fields.length ? (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{a.field}</th>
                <th scope="col">{a.yourValue}</th>
                <th scope="col">{a.storedValue}</th>
              </tr>
            </thead>
            <tbody>
              {fields.map((f) => (
                <tr key={f}>
                  <th scope="row">{a.fields[f]}</th>
                  <td>{show(f, props.mine[f])}</td>
                  <td>{show(f, props.stored[f])}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
