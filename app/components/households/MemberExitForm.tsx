/**
 * "Catat keluar": a member who died, moved or left otherwise leaves the member list, with a date and
 * a required reason (the whole record stays in the history). Same zod schema on phone and server.
 */
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { exitKinds, memberExitSchema, todayWib } from "../../../db/households/member-schema";
import { anggota as a, households as s } from "~/i18n/id/households";
import { t } from "~/i18n";

export function MemberExitForm(props: { name: string; version: number; lastResult?: SubmissionResult<string[]> | null; saving: boolean }) {
  const [form, fields] = useForm({
    id: "anggota-keluar",
    lastResult: props.lastResult ?? undefined,
    defaultValue: { tanggal_keluar: todayWib() },
    constraint: getZodConstraint(memberExitSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: memberExitSchema }),
  });
  const formProps = getFormProps(form);
  const { key: _k, ...kindProps } = getSelectProps(fields.jenis_keluar);
  const { key: _d, ...dateProps } = getInputProps(fields.tanggal_keluar, { type: "date" });
  const { key: _r, ...reasonProps } = getTextareaProps(fields.alasan);
  const error = (f: { errors?: string[]; errorId: string }, name: string) =>
    f.errors?.length ? (
      <small className="field-error" id={f.errorId} data-field-error={name}>
        {f.errors.join("; ")}
      </small>
    ) : null;
  return (
    <Form
      method="post"
      className="member-form member-exit"
      {...formProps}
      onSubmit={(e) => {
        formProps.onSubmit(e);
        if (!e.defaultPrevented && !window.confirm(t(a.exitConfirm, { name: props.name }))) e.preventDefault();
      }}
    >
      <input type="hidden" name="intent" value="keluar" />
      <input type="hidden" name="version" value={props.version} />
      <label>
        {a.exitKind}
        <select {...kindProps}>
          <option value="">{s.unknown}</option>
          {exitKinds.map((k) => (
            <option key={k} value={k}>
              {a.exitKinds[k]}
            </option>
          ))}
        </select>
        {error(fields.jenis_keluar, "jenis_keluar")}
      </label>
      <label>
        {a.exitDate}
        <input {...dateProps} />
        {error(fields.tanggal_keluar, "tanggal_keluar")}
      </label>
      <label className="wide">
        {a.exitReason}
        <textarea {...reasonProps} rows={3} />
        {error(fields.alasan, "alasan")}
      </label>
      <div className="member-form-actions">
        <button type="submit" className="button button-danger" disabled={props.saving}>
          {props.saving ? s.saving : a.exitButton}
        </button>
      </div>
    </Form>
  );
}
