/**
 * The registration form (pendaftaran), phone first: four numbered sections (registration,
 * members, house, assets & facilities) with a sticky step bar. One zod schema validates in the
 * browser as the officer types (conform) and again on the server.
 */
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, useNavigation } from "@remix-run/react";
import { useState } from "react";
import * as codes from "../../../db/codes";
import { RegistrationSchema } from "../../../db/verval/registration-schema";
import { t } from "~/i18n";
import { vervalDaftar as s } from "~/i18n/id/verval-daftar";
import { SelectField, TextAreaField, TextField, TriField } from "./Fields";

export interface DesaOption {
  code: string;
  name: string;
  kecamatan: string | null;
}

const housingSelects = [
  ["status_bangunan", codes.buildingTenures],
  ["status_lahan", codes.landTenures],
  ["lantai", codes.floorMaterials],
  ["dinding", codes.wallMaterials],
  ["kondisi_dinding", codes.conditions],
  ["atap", codes.roofMaterials],
  ["kondisi_atap", codes.conditions],
] as const;
const facilitySelects = [
  ["sumber_air_minum", codes.waterSources],
  ["sumber_penerangan", codes.lightingSources],
  ["bahan_bakar_memasak", codes.cookingFuels],
  ["fasilitas_bab", codes.toiletFacilities],
  ["jenis_kloset", codes.toiletTypes],
  ["pembuangan_tinja", codes.sewageDisposals],
] as const;
const memberSelects = [
  ["status_perkawinan", codes.maritalStatuses],
  ["partisipasi_sekolah", codes.schoolParticipations],
  ["jenjang_pendidikan", codes.educationLevels],
  ["status_bekerja", codes.workStatuses],
  ["lapangan_usaha", codes.sectors],
  ["disabilitas", codes.disabilityLevels],
] as const;
/** The assets the initial assessment reads are asked first; the others fold away. */
const assessedAssets = ["aset_mobil", "aset_ac", "aset_tabung_gas_5_5kg"] as const;
const otherAssets = codes.assetColumns.filter((c) => !(assessedAssets as readonly string[]).includes(c));

export function RegistrationForm({
  lastResult,
  desaOptions,
  fixedDesa,
  officer,
  edit,
}: {
  lastResult?: SubmissionResult<string[]> | null;
  desaOptions: DesaOption[];
  fixedDesa: DesaOption | null;
  officer: string;
  /** Edit mode: the stored registration (prefilled), its version (optimistic lock) and where to post. */
  edit?: { id: number; version: number; defaultValue: Record<string, unknown>; action: string } | null;
}) {
  const saving = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    id: "pendaftaran",
    lastResult: lastResult ?? undefined,
    // Edit mode prefills the stored registration (same shape as the form's names).
    // Edit mode prefills the stored registration (same names as the form; the schema is the authority).
    defaultValue: edit
      ? (edit.defaultValue as never)
      : {
          channel: "aktif",
          kode_desa: fixedDesa?.code ?? "",
          registering_officer: officer,
          members: [{ hubungan_krt: "kepala" }],
        },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RegistrationSchema }),
  });
  const [channel, setChannel] = useState<string>(String(fields.channel.initialValue ?? "aktif"));
  const hh = fields.household.getFieldset();
  const members = fields.members.getFieldList();
  const [gpsProblem, setGpsProblem] = useState(false);

  function fillFromGps() {
    if (!("geolocation" in navigator)) return setGpsProblem(true);
    navigator.geolocation.getCurrentPosition(
      (p) => {
        const lat = document.getElementById(hh.lintang.id) as HTMLInputElement | null;
        const lon = document.getElementById(hh.bujur.id) as HTMLInputElement | null;
        if (lat) lat.value = p.coords.latitude.toFixed(6);
        if (lon) lon.value = p.coords.longitude.toFixed(6);
        setGpsProblem(false);
      },
      () => setGpsProblem(true),
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  }

  const byKecamatan = new Map<string, DesaOption[]>();
  for (const d of desaOptions) byKecamatan.set(d.kecamatan ?? "", [...(byKecamatan.get(d.kecamatan ?? "") ?? []), d]);

  return (
    <Form method="post" action={edit?.action} {...getFormProps(form)} className="reg-form" data-testid="registration-form">
      {edit ? <input type="hidden" name="version" value={edit.version} /> : null}
      <nav className="reg-steps" aria-label={s.registerTitle}>
        <ol>
          {s.steps.map((step, i) => (
            <li key={step}>
              <a href={`#langkah-${i + 1}`}>
                <span className="step-no">{i + 1}</span> {step}
              </a>
            </li>
          ))}
        </ol>
      </nav>

      {form.errors?.length ? (
        <p className="form-error" role="alert" id={form.errorId}>
          {form.errors.join(" ")}
        </p>
      ) : null}

      <section className="card reg-section" id="langkah-1" aria-labelledby="judul-langkah-1">
        <h2 id="judul-langkah-1">
          <span className="step-no">1</span> {s.steps[0]}
        </h2>
        <fieldset className="field field-wide channel-choice">
          <legend className="field-label">{s.channel}</legend>
          {(["aktif", "pasif"] as const).map((c) => (
            <label key={c} className="radio-card">
              <input type="radio" name={fields.channel.name} value={c} defaultChecked={channel === c} onChange={() => setChannel(c)} />
              <span>{s.channels[c]}</span>
            </label>
          ))}
        </fieldset>
        <div className="field-grid">
          {fixedDesa ? (
            <div className="field">
              <span className="field-label">{s.desa}</span>
              <input type="hidden" name={fields.kode_desa.name} value={fixedDesa.code} />
              <strong className="fixed-value">
                {fixedDesa.name}
                {fixedDesa.kecamatan ? `, ${fixedDesa.kecamatan}` : ""}
              </strong>
            </div>
          ) : (
            <label className="field" htmlFor={fields.kode_desa.id}>
              <span className="field-label">{s.desa}</span>
              <select
                id={fields.kode_desa.id}
                name={fields.kode_desa.name}
                defaultValue={String(fields.kode_desa.initialValue ?? "")}
                aria-invalid={fields.kode_desa.errors?.length ? true : undefined}
              >
                <option value="">{s.chooseDesa}</option>
                {[...byKecamatan].map(([kec, list]) => (
                  <optgroup key={kec} label={kec}>
                    {list.map((d) => (
                      <option key={d.code} value={d.code}>
                        {d.name}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
              {fields.kode_desa.errors?.length ? <span className="field-error">{fields.kode_desa.errors.join("; ")}</span> : null}
            </label>
          )}
          <TextField field={fields.registering_officer} label={s.officer} autoComplete="name" />
          <TextField field={fields.sktm_ref} label={s.sktm} hint={s.sktmHint} />
          <TextField field={hh.alamat} label={s.address} autoComplete="street-address" />
          <div className="field-pair">
            <TextField field={hh.rt} label={s.rt} inputMode="numeric" maxLength={10} />
            <TextField field={hh.rw} label={s.rw} inputMode="numeric" maxLength={10} />
          </div>
        </div>
        {channel === "pasif" ? <TextAreaField field={fields.rt_report} label={s.rtReport} hint={s.rtReportHint} /> : null}
      </section>

      <section className="card reg-section" id="langkah-2" aria-labelledby="judul-langkah-2">
        <h2 id="judul-langkah-2">
          <span className="step-no">2</span> {s.members}
        </h2>
        <p className="muted">{s.membersHint}</p>
        {fields.members.errors?.length ? (
          <p className="form-error" role="alert">
            {fields.members.errors.join("; ")}
          </p>
        ) : null}
        <ol className="member-list">
          {members.map((member, index) => {
            const m = member.getFieldset();
            return (
              <li key={member.key} className="member-row" data-testid="member-row">
                <div className="member-head">
                  <h3>{t(s.member, { n: index + 1 })}</h3>
                  {members.length > 1 ? (
                    <button className="button button-secondary button-small" {...form.remove.getButtonProps({ name: fields.members.name, index })}>
                      {s.removeMember}
                    </button>
                  ) : null}
                </div>
                <div className="field-grid">
                  <TextField field={m.nama} label={s.memberFields.nama} autoComplete="off" />
                  <TextField field={m.nik} label={s.memberFields.nik} inputMode="numeric" maxLength={16} />
                  <TextField field={m.no_kk} label={s.memberFields.no_kk} inputMode="numeric" maxLength={16} />
                  <SelectField field={m.hubungan_krt} label={s.memberFields.hubungan_krt} options={codes.relationsToHead} />
                  <SelectField
                    field={m.jenis_kelamin}
                    label={s.memberFields.jenis_kelamin}
                    options={codes.sexes}
                    labels={{ L: "Laki-laki", P: "Perempuan" }}
                  />
                  <TextField field={m.tanggal_lahir} label={s.memberFields.tanggal_lahir} type="date" />
                </div>
                <details className="more">
                  <summary>{s.moreMemberFields}</summary>
                  <div className="field-grid">
                    {memberSelects.map(([name, options]) => (
                      <SelectField key={name} field={m[name]} label={s.memberFields[name]!} options={options} />
                    ))}
                    <TriField field={m.hamil} label={s.memberFields.hamil!} />
                    <TriField field={m.penyakit_kronis} label={s.memberFields.penyakit_kronis!} />
                  </div>
                </details>
              </li>
            );
          })}
        </ol>
        <button
          className="button button-secondary"
          {...form.insert.getButtonProps({ name: fields.members.name, defaultValue: { hubungan_krt: "anak", no_kk: "" } })}
        >
          {s.addMember}
        </button>
      </section>

      <section className="card reg-section" id="langkah-3" aria-labelledby="judul-langkah-3">
        <h2 id="judul-langkah-3">
          <span className="step-no">3</span> {s.housing}
        </h2>
        <div className="field-grid">
          {housingSelects.map(([name, options]) => (
            <SelectField key={name} field={hh[name]} label={s.householdFields[name]!} options={options} />
          ))}
          <TextField field={hh.luas_lantai} label={s.householdFields.luas_lantai!} inputMode="decimal" />
          <TextField field={hh.jumlah_kamar} label={s.householdFields.jumlah_kamar!} inputMode="numeric" />
        </div>
        <h3>{s.location}</h3>
        <div className="field-grid">
          <TextField field={hh.lintang} label={s.householdFields.lintang!} inputMode="decimal" />
          <TextField field={hh.bujur} label={s.householdFields.bujur!} inputMode="decimal" />
        </div>
        <button type="button" className="button button-secondary" onClick={fillFromGps}>
          {s.useGps}
        </button>
        {gpsProblem ? <p className="muted">{s.gpsFailed}</p> : null}
      </section>

      <section className="card reg-section" id="langkah-4" aria-labelledby="judul-langkah-4">
        <h2 id="judul-langkah-4">
          <span className="step-no">4</span> {s.steps[3]}
        </h2>
        <h3>{s.assets}</h3>
        <div className="field-grid">
          {assessedAssets.map((name) => (
            <TriField key={name} field={hh[name]} label={s.householdFields[name]!} />
          ))}
        </div>
        <details className="more">
          <summary>{t(s.otherAssets, { n: otherAssets.length })}</summary>
          <div className="field-grid">
            {otherAssets.map((name) => (
              <TriField key={name} field={hh[name]} label={s.householdFields[name]!} />
            ))}
          </div>
        </details>
        <h3>{s.facilities}</h3>
        <div className="field-grid">
          {facilitySelects.map(([name, options]) => (
            <SelectField key={name} field={hh[name]} label={s.householdFields[name]!} options={options} />
          ))}
          <TextField field={hh.daya_listrik} label={s.householdFields.daya_listrik!} inputMode="numeric" />
        </div>
        <details className="more">
          <summary>{s.livestock}</summary>
          <div className="field-grid">
            <TextField field={hh.luas_lahan} label={s.householdFields.luas_lahan!} inputMode="decimal" />
            {codes.livestockColumns.map((name) => (
              <TextField key={name} field={hh[name]} label={s.householdFields[name]!} inputMode="numeric" />
            ))}
          </div>
        </details>
        <details className="more">
          <summary>{s.survey}</summary>
          <div className="field-grid">
            <TextField field={hh.makan_per_hari} label={s.householdFields.makan_per_hari!} inputMode="numeric" />
            <TextField field={hh.daging_per_minggu} label={s.householdFields.daging_per_minggu!} inputMode="numeric" />
            <TextField field={hh.pakaian_baru_per_tahun} label={s.householdFields.pakaian_baru_per_tahun!} inputMode="numeric" />
            <TextField field={hh.pendapatan_krt} label={s.householdFields.pendapatan_krt!} inputMode="numeric" />
            <TriField field={hh.mampu_berobat} label={s.householdFields.mampu_berobat!} />
            <TriField field={hh.punya_aset_500rb} label={s.householdFields.punya_aset_500rb!} />
          </div>
        </details>
      </section>

      <div className="reg-submit">
        {form.status === "error" ? <p className="form-error">{s.fixErrors}</p> : null}
        <button type="submit" className="button" disabled={saving}>
          {saving ? s.saving : edit ? s.editSave : s.save}
        </button>
      </div>
    </Form>
  );
}
