/**
 * The member form (add and edit), validated on the phone with the same zod schema the server uses
 * (conform + db/households/member-schema). Errors are shown under their field; the server's answer
 * (conform's lastResult) fills the same places, so a rule only the server can check (NIK already
 * in this household) reads like any other.
 */
import { getFormProps, getInputProps, getSelectProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import * as codes from "../../../db/codes";
import { memberSchema, yesNo, type MemberSchemaContext } from "../../../db/households/member-schema";
import { anggota as a, households as s, valueLabel } from "~/i18n/id/households";

const choices: Record<string, readonly string[]> = {
  hubungan_krt: codes.relationsToHead,
  jenis_kelamin: codes.sexes,
  status_perkawinan: codes.maritalStatuses,
  hamil: yesNo,
  partisipasi_sekolah: codes.schoolParticipations,
  jenjang_pendidikan: codes.educationLevels,
  status_bekerja: codes.workStatuses,
  lapangan_usaha: codes.sectors,
  disabilitas: codes.disabilityLevels,
  penyakit_kronis: yesNo,
};
const required = new Set(["nik", "no_kk", "nama"]);

export function MemberForm(props: {
  id: string;
  intent: string;
  version?: number;
  context: MemberSchemaContext;
  defaultValue: Record<string, string>;
  lastResult?: SubmissionResult<string[]> | null;
  submitLabel: string;
  saving: boolean;
}) {
  const schema = memberSchema(props.context);
  const [form, fields] = useForm({
    id: props.id,
    lastResult: props.lastResult ?? undefined,
    defaultValue: props.defaultValue,
    constraint: getZodConstraint(schema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const formProps = getFormProps(form);
  const names = Object.keys(a.fields) as (keyof typeof fields)[];
  return (
    <Form method="post" className="member-form" {...formProps}>
      <input type="hidden" name="intent" value={props.intent} />
      {props.version !== undefined ? <input type="hidden" name="version" value={props.version} /> : null}
      {form.errors?.length ? (
        <p className="form-error" role="alert" id={form.errorId}>
          {form.errors.join("; ")}
        </p>
      ) : null}
      {names.map((name) => {
        const field = fields[name];
        const options = choices[name];
        const label = (
          <span>
            {a.fields[name]}
            {required.has(name) ? <span className="muted"> ({a.required})</span> : null}
          </span>
        );
        let control;
        if (options) {
          const { key: _k, ...selectProps } = getSelectProps(field);
          control = (
            <select {...selectProps}>
              <option value="">{s.unknown}</option>
              {options.map((o) => (
                <option key={o} value={o}>
                  {valueLabel(o)}
                </option>
              ))}
            </select>
          );
        } else {
          const type = name === "tanggal_lahir" ? "date" : "text";
          const { key: _k, ...inputProps } = getInputProps(field, { type });
          control = (
            <input
              {...inputProps}
              inputMode={name === "nik" || name === "no_kk" ? "numeric" : undefined}
              autoComplete="off"
              aria-describedby={[field.errors?.length ? field.errorId : "", name === "nik" ? `${field.id}-hint` : ""].join(" ").trim() || undefined}
            />
          );
        }
        return (
          <label key={name} className={field.errors?.length ? "has-error" : undefined}>
            {label}
            {control}
            {name === "nik" ? (
              <small id={`${field.id}-hint`} className="muted">
                {a.nikHint}
              </small>
            ) : null}
            {field.errors?.length ? (
              <small className="field-error" id={field.errorId} data-field-error={name}>
                {field.errors.join("; ")}
              </small>
            ) : null}
          </label>
        );
      })}
      <div className="member-form-actions">
        <button type="submit" className="button" disabled={props.saving}>
          {props.saving ? s.saving : props.submitLabel}
        </button>
      </div>
    </Form>
  );
}
