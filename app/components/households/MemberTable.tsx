/** The household's members. An operator with write rights opens a member's form from its name. */
import { Link } from "@remix-run/react";
import { anggota as a, households as s, valueLabel } from "~/i18n/id/households";
import { t } from "~/i18n";

export interface MemberListRow {
  id: number;
  nik: string;
  no_kk: string;
  nama: string;
  hubungan_krt: string | null;
  tanggal_lahir: string | null;
  jenjang_pendidikan: string | boolean | null;
  status_dukcapil: string | null;
}

export function MemberTable(props: { idRt: string; members: MemberListRow[]; canEdit: boolean }) {
  return (
    <section className="card member-card" aria-labelledby="judul-anggota">
      <div className="card-head">
        <h2 id="judul-anggota">{s.members}</h2>
        {props.canEdit ? (
          <Link className="button button-secondary" to={`/rumah-tangga/${encodeURIComponent(props.idRt)}/anggota/baru`}>
            {a.add}
          </Link>
        ) : null}
      </div>
      <div className="table-scroll">
        <table className="member-table">
          <thead>
            <tr>
              <th scope="col">{s.name}</th>
              <th scope="col">{s.nik}</th>
              <th scope="col">{s.noKk}</th>
              <th scope="col">{s.relation}</th>
              <th scope="col">{s.birthDate}</th>
              <th scope="col">{a.education}</th>
              <th scope="col">{s.dukcapil}</th>
            </tr>
          </thead>
          <tbody>
            {props.members.map((m) => (
              <tr key={m.id}>
                <td className="member-name">
                  {props.canEdit ? (
                    <Link
                      to={`/rumah-tangga/${encodeURIComponent(props.idRt)}/anggota/${m.id}`}
                      aria-label={t(a.editTitle, { name: m.nama })}
                    >
                      {m.nama} <span aria-hidden="true">✎</span>
                    </Link>
                  ) : (
                    m.nama
                  )}
                </td>
                <td className="mono" data-label={s.nik}>
                  {m.nik}
                </td>
                <td className="mono" data-label={s.noKk}>
                  {m.no_kk}
                </td>
                <td data-label={s.relation}>{valueLabel(m.hubungan_krt)}</td>
                <td data-label={s.birthDate}>{m.tanggal_lahir ?? "–"}</td>
                <td data-label={a.education}>{m.jenjang_pendidikan ? valueLabel(m.jenjang_pendidikan) : "–"}</td>
                <td data-label={s.dukcapil}>{m.status_dukcapil ? valueLabel(m.status_dukcapil) : "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
