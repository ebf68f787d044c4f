/**
 * The filter form of the targeting pages (/analisis/sasaran, /temuan, /calon): program, period
 * and (optionally) stage selects, plus page-specific filters passed as children. A GET form that
 * resubmits itself on every change; without JavaScript a submit button shows instead.
 */
import { Form, useSubmit } from "@remix-run/react";
import type { ReactNode } from "react";
import { analisis as s } from "~/i18n/id/analisis";

export interface ProgramPeriodOption {
  kode: string;
  nama: string;
  /** Periods of the program, newest first. */
  periods: string[];
}

export interface ProgramPeriodPickerProps {
  programs: ProgramPeriodOption[];
  /** Selected program code (null: none available). */
  program: string | null;
  /** Selected period (null: none available). */
  periode: string | null;
  /** Selected stage; omitted (default) = no stage select. */
  tahap?: string;
  /** Label of the no-JavaScript submit button; default `analisis.show` ("Tampilkan"). */
  submitLabel?: string;
  /** Further filter fields, rendered after the stage select. */
  children?: ReactNode;
}

export function ProgramPeriodPicker({ programs, program, periode, tahap, submitLabel = s.show, children }: ProgramPeriodPickerProps) {
  const submit = useSubmit();
  const chosen = programs.find((x) => x.kode === program);
  return (
    <Form method="get" className="card filter-row no-print" onChange={(e) => submit(e.currentTarget, { preventScrollReset: true })}>
      <label>
        {s.program}
        <select name="program" defaultValue={program ?? ""} key={program}>
          {programs.map((p) => (
            <option key={p.kode} value={p.kode}>
              {p.nama}
            </option>
          ))}
        </select>
      </label>
      <label>
        {s.periode}
        <select name="periode" defaultValue={periode ?? ""} key={`${program}-${periode}`}>
          {(chosen?.periods ?? []).map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </label>
      {tahap !== undefined ? (
        <label>
          {s.tahap}
          <select name="tahap" defaultValue={tahap} key={tahap}>
            {Object.entries(s.stages).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {children}
      <noscript>
        <button type="submit" className="button">
          {submitLabel}
        </button>
      </noscript>
    </Form>
  );
}
