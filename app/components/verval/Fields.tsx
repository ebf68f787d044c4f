/**
 * Form fields of the registration form: label, control and the field's error message, wired for
 * conform (name, id, initial value, aria-invalid / aria-describedby). Phone first: one column,
 * 44 px targets; yes/no/unknown as a three-way choice so "unknown" is never read as "no".
 */
import { codeLabel } from "~/i18n/id/households";
import { vervalDaftar as s } from "~/i18n/id/verval-daftar";

export interface FieldLike {
  name: string;
  id: string;
  errorId: string;
  descriptionId: string;
  initialValue?: unknown;
  errors?: string[];
  key?: string;
}

const initial = (f: FieldLike): string => (f.initialValue === undefined || f.initialValue === null ? "" : String(f.initialValue));
const aria = (f: FieldLike, hint?: string) => ({
  "aria-invalid": f.errors?.length ? true : undefined,
  "aria-describedby": [f.errors?.length ? f.errorId : null, hint ? f.descriptionId : null].filter(Boolean).join(" ") || undefined,
});

function Errors({ field }: { field: FieldLike }) {
  return field.errors?.length ? (
    <span className="field-error" id={field.errorId} role="alert">
      {field.errors.join("; ")}
    </span>
  ) : null;
}

function Hint({ field, hint }: { field: FieldLike; hint?: string }) {
  return hint ? (
    <span className="field-hint" id={field.descriptionId}>
      {hint}
    </span>
  ) : null;
}

export function TextField({
  field,
  label,
  hint,
  inputMode,
  type = "text",
  autoComplete,
  maxLength,
}: {
  field: FieldLike;
  label: string;
  hint?: string;
  inputMode?: "numeric" | "decimal" | "text";
  type?: "text" | "date";
  autoComplete?: string;
  maxLength?: number;
}) {
  return (
    <label className="field" htmlFor={field.id}>
      <span className="field-label">{label}</span>
      <input
        key={field.key}
        id={field.id}
        name={field.name}
        type={type}
        defaultValue={initial(field)}
        inputMode={inputMode}
        autoComplete={autoComplete ?? "off"}
        maxLength={maxLength}
        {...aria(field, hint)}
      />
      <Hint field={field} hint={hint} />
      <Errors field={field} />
    </label>
  );
}

export function TextAreaField({ field, label, hint }: { field: FieldLike; label: string; hint?: string }) {
  return (
    <label className="field field-wide" htmlFor={field.id}>
      <span className="field-label">{label}</span>
      <textarea key={field.key} id={field.id} name={field.name} defaultValue={initial(field)} rows={3} {...aria(field, hint)} />
      <Hint field={field} hint={hint} />
      <Errors field={field} />
    </label>
  );
}

export function SelectField({
  field,
  label,
  options,
  labels,
  emptyLabel = s.unknown,
  hint,
}: {
  field: FieldLike;
  label: string;
  options: readonly string[];
  labels?: Record<string, string>;
  emptyLabel?: string;
  hint?: string;
}) {
  return (
    <label className="field" htmlFor={field.id}>
      <span className="field-label">{label}</span>
      <select key={field.key} id={field.id} name={field.name} defaultValue={initial(field)} {...aria(field, hint)}>
        <option value="">{emptyLabel}</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {labels?.[o] ?? codeLabel(o)}
          </option>
        ))}
      </select>
      <Hint field={field} hint={hint} />
      <Errors field={field} />
    </label>
  );
}

/** Ya / Tidak / Tidak diketahui, as radio buttons (big targets on a phone). */
export function TriField({ field, label }: { field: FieldLike; label: string }) {
  const value = field.initialValue === true ? "ya" : field.initialValue === false ? "tidak" : initial(field);
  return (
    <fieldset className="field tri" key={field.key} aria-invalid={field.errors?.length ? true : undefined} aria-describedby={field.errors?.length ? field.errorId : undefined}>
      <legend className="field-label">{label}</legend>
      <div className="tri-options">
        {(
          [
            ["ya", s.yes],
            ["tidak", s.no],
            ["", s.unknown],
          ] as const
        ).map(([v, text]) => (
          <label key={v || "unknown"} className="tri-option">
            <input type="radio" name={field.name} value={v} defaultChecked={value === v} />
            <span>{text}</span>
          </label>
        ))}
      </div>
      <Errors field={field} />
    </fieldset>
  );
}
