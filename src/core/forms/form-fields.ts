import { css, html, nothing, type TemplateResult } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';
import { msg, str } from '@lit/localize';

/**
 * Form helpers every widget with a form shares (petition, solidarity wall, letter): problems in plain
 * translated words keyed by field, and fields with a visible label and their problem beside them, tied
 * by `aria-describedby` and announced. A field's `value` is its default: what the supporter types
 * stays in the native form, which `FormController` reads.
 */

/** The first problem of each field, keyed by field name. */
export type FieldErrors = Partial<Record<string, string>>;

/** A problem as zod or the endpoint reports it (`path` is an array from zod, a dotted string from the endpoint). */
export interface FieldIssue {
  code: string;
  path: readonly PropertyKey[] | string;
  minimum?: unknown;
  maximum?: unknown;
  origin?: string;
}

/** What a form says instead of the generic words for a field, e.g. "Enter your first name." when it is empty. */
export type IssueWording = (field: string, issue: FieldIssue) => string | undefined;

const fieldOf = (issue: FieldIssue) =>
  typeof issue.path === 'string' ? issue.path.split('.')[0]! : String(issue.path[0] ?? '');

/** True when the issue means the field was left empty. */
export const isEmptyIssue = (issue: FieldIssue): boolean =>
  issue.code === 'invalid_type' || (issue.code === 'too_small' && Number(issue.minimum) <= 1);

/** A problem in plain, translated words, whatever the field. */
export function issueMessage(issue: FieldIssue): string {
  if (isEmptyIssue(issue)) return msg('This field is required.');
  switch (issue.code) {
    case 'too_small':
      return msg(str`Use at least ${Number(issue.minimum)} characters.`);
    case 'too_big':
      return msg(str`Use at most ${Number(issue.maximum)} characters.`);
    case 'invalid_format':
      return msg('This is not in the expected form.');
    case 'custom':
      return msg('Remove the characters that cannot be used here.');
    default:
      return msg('Check this field.');
  }
}

/** The first problem of each field in `issues`, in the form's own words where it has them. */
export function fieldErrors(issues: readonly FieldIssue[], wording?: IssueWording): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const field = fieldOf(issue);
    errors[field] ??= wording?.(field, issue) ?? issueMessage(issue);
  }
  return errors;
}

/** Puts the supporter in the first field that has a problem; false when there is none. */
export function focusFirstInvalid(root: ParentNode): boolean {
  const field = root.querySelector<HTMLElement>('[aria-invalid="true"]');
  field?.focus();
  return !!field;
}

interface FieldBase {
  name: string;
  label: string;
  error?: string | undefined;
  required?: boolean;
}

export interface TextFieldOptions extends FieldBase {
  value?: string;
  type?: 'text' | 'email' | 'tel';
  autocomplete?: string;
  maxlength?: number;
}

/** The problem beside a field, announced when it appears; empty (but present) when there is none. */
export const fieldError = (name: string, error?: string) =>
  html`<p class="field-error" part="field-error" id="${name}-error" aria-live="polite">
    ${error ?? nothing}
  </p>`;

/** A field's visible label, marked * when the field is required ("Fields marked * are required."). */
export const fieldLabel = (o: FieldBase) =>
  html`<label for=${o.name}
    >${o.label}${o.required ? html`<span class="required" aria-hidden="true"> *</span>` : nothing}</label
  >`;

interface BoundFieldOptions extends Omit<FieldBase, 'label'> {
  autocomplete?: string | undefined;
  /** The ids of what describes the field; its problem by default. */
  describedBy?: string;
}

/**
 * What ties a control to its label and its problem, on any `<input>`, `<select>` or `<textarea>`:
 * its id and name, `required`, `aria-invalid` while it has a problem, `aria-describedby` its problem.
 */
class BoundField extends Directive {
  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('boundField() goes on a form control.');
  }

  render(_options: BoundFieldOptions) {
    return nothing;
  }

  override update(part: ElementPart, [o]: [BoundFieldOptions]) {
    const control = part.element;
    control.id = o.name;
    control.setAttribute('name', o.name);
    control.toggleAttribute('required', !!o.required);
    control.setAttribute('aria-invalid', o.error ? 'true' : 'false');
    control.setAttribute('aria-describedby', o.describedBy ?? `${o.name}-error`);
    if (o.autocomplete) control.setAttribute('autocomplete', o.autocomplete);
    else control.removeAttribute('autocomplete');
    return nothing;
  }
}

export const boundField = directive(BoundField);

/** A text input with its visible label and its problem. */
export function textField(o: TextFieldOptions): TemplateResult {
  return html`<div class="field" part="field">
    ${fieldLabel(o)}
    <input
      ${boundField(o)}
      type=${o.type ?? 'text'}
      maxlength=${o.maxlength ?? nothing}
      value=${o.value ?? nothing}
    />
    ${fieldError(o.name, o.error)}
  </div>`;
}

export interface SelectFieldOptions extends FieldBase {
  value?: string | undefined;
  options: readonly (readonly [value: string, label: string])[];
  /** The first, empty choice ("Choose…"), when nothing is chosen yet. */
  placeholder?: string;
  autocomplete?: string;
}

/** A `<select>` with its visible label and its problem. */
export function selectField(o: SelectFieldOptions): TemplateResult {
  return html`<div class="field" part="field">
    ${fieldLabel(o)}
    <select ${boundField(o)}>
      ${o.placeholder !== undefined ? html`<option value="">${o.placeholder}</option>` : nothing}
      ${o.options.map(
        ([value, label]) => html`<option value=${value} ?selected=${value === o.value}>${label}</option>`,
      )}
    </select>
    ${fieldError(o.name, o.error)}
  </div>`;
}

export interface CheckboxFieldOptions extends Omit<FieldBase, 'label'> {
  checked?: boolean;
  /** The label's content: text, or a template with a link. */
  label: unknown;
}

/** A checkbox with its label beside it and its problem below. */
export function checkboxField(o: CheckboxFieldOptions): TemplateResult {
  return html`<div class="field checkbox" part="field">
    <input ${boundField(o)} type="checkbox" ?checked=${o.checked} />
    <label for=${o.name}>${o.label}</label>
    ${fieldError(o.name, o.error)}
  </div>`;
}

export interface SubmitButtonOptions {
  /** What the button says: a string, or a template. */
  label: unknown;
  /** True while the form's action is on its way: the button is disabled and says `busyLabel`. */
  busy: boolean;
  busyLabel: string;
}

/** A form's send button, in its row of actions. */
export const submitButton = (o: SubmitButtonOptions): TemplateResult =>
  html`<div class="actions">
    <button
      part="submit"
      class="button"
      type="submit"
      ?disabled=${o.busy}
      aria-busy=${o.busy ? 'true' : 'false'}
    >
      ${o.busy ? o.busyLabel : o.label}
    </button>
  </div>`;

/**
 * The honeypot every public form carries: a `website` field no person sees or reaches, so only a bot
 * fills it in. It is read with the form's other fields, by the name `website`.
 */
export const honeypotField = (): TemplateResult =>
  html`<div class="visually-hidden" aria-hidden="true">
    <label for="website">${msg('Leave this field empty')}</label>
    <input id="website" name="website" type="text" tabindex="-1" autocomplete="off" />
  </div>`;

/** Styles of the fields above: stacked label and field, problems in the error colour. */
export const formStyles = css`
  .field {
    display: grid;
    gap: 0.25rem;
    margin-block-end: calc(var(--_space) * 0.75);
  }
  .field > label {
    font-weight: 600;
  }
  /* Fields side by side while each has room (12rem unless --_row-field-size says), else one above the other. */
  .field-row {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(var(--_row-field-size, 12rem), 100%), 1fr));
    column-gap: var(--_space);
  }
  .field.checkbox {
    grid-template-columns: auto 1fr;
    align-items: start;
    column-gap: 0.5rem;
  }
  /* A radio button inside its label, for one of a few choices. */
  .choice {
    display: inline-flex;
    align-items: center;
    gap: 0.5em;
    min-block-size: 2.75rem;
  }
  /* 24 × 24 CSS px at the least (WCAG 2.2 target size), even on a page with a small root font size. */
  .field.checkbox > input,
  .choice > input {
    flex: none;
    inline-size: max(1.5rem, 24px);
    min-block-size: max(1.5rem, 24px);
    block-size: max(1.5rem, 24px);
    margin: 0;
    padding: 0;
    accent-color: var(--_color-accent);
  }
  .field.checkbox > label {
    font-weight: normal;
  }
  .field.checkbox > .field-error {
    grid-column: 1 / -1;
  }
  .field-error {
    color: var(--_color-error);
    font-weight: 600;
    margin: 0;
  }
  [aria-invalid='true'] {
    border-color: var(--_color-error);
    border-width: 2px;
  }
  .required {
    color: var(--_color-error);
  }
  .fine-print {
    font-size: 0.875em;
    color: var(--_color-muted);
    margin-block-end: 0.75rem;
  }
`;

/** The framed box a widget with a form sits in (`class="panel"` on its root). */
export const panelStyles = css`
  .panel {
    display: grid;
    gap: var(--_space);
    padding: var(--_space);
    background: var(--_color-surface);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
  }
`;
