import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { msg } from '@lit/localize';
import type * as z from 'zod/mini';
import { ActionError } from '../data/action-error.js';
import type { EndpointReader } from '../data/endpoint-reader.js';
import { errorMessage } from '../format/error-messages.js';
import {
  fieldErrors,
  focusFirstInvalid,
  isEmptyIssue,
  type FieldErrors,
  type FieldIssue,
} from './form-fields.js';
import { afterMinFill, minFillMs } from './min-fill.js';

/** What a form says instead of the shared words for a field's problem, knowing what was typed. */
export type FormWording = (
  field: string,
  issue: FieldIssue,
  values: Readonly<Record<string, unknown>>,
) => string | undefined;

export interface FormSettings<T> {
  /** The shared schema the endpoint checks the same body with. */
  schema: z.ZodMiniType<T>;
  /** The fields that show their problem beside them, in the form's order (asked when needed, if they change). */
  fields: readonly string[] | (() => readonly string[]);
  wording?: FormWording;
  /** What the form sends besides its fields (the source, the kind of letter). */
  extra?: () => Record<string, unknown>;
  /** The endpoint whose minimum fill time applies to this form; none for a form without one. */
  minFill?: () => EndpointReader | undefined;
  /** Which form of the host's shadow root this is. */
  selector?: string;
  /** Checks a field as the supporter leaves it, not only once they send. */
  checkOnLeave?: boolean;
  /**
   * What the schema reads, for a form whose body is not its fields one by one (times in a zone, a list
   * of ticked boxes): built from the form's data and the values read as usual, `extra` included.
   */
  read?: (data: FormData, values: Readonly<Record<string, unknown>>) => Record<string, unknown>;
  /** The field a problem belongs to, for a body shaped unlike the form (`place.city` is `city`). */
  fieldOf?: (path: FieldIssue['path']) => string;
}

/** True when a field's value reads as left empty: nothing, or spaces only. */
const blank = (value: unknown) => value === undefined || (typeof value === 'string' && !value.trim());

/**
 * One way to hold a form: the values stay in the native form and are read from its `FormData` when
 * needed, checked with the shared zod schema; each shown field gets its problem in the form's own words
 * (`errors`), the status region what to do (`announcement`), the supporter is put in the first field
 * to fix, and a body is sent no sooner than the campaign's minimum fill time after the form appeared.
 * Render each field with its `errors[name]`, and bind `submit`, `input` and `leave` on the form.
 */
export class FormController<T> implements ReactiveController {
  errors: FieldErrors = {};
  /** A problem that belongs to no field shown (or the endpoint's refusal), when there is one. */
  failure?: string | undefined;
  announcement = '';
  /** When the form appeared (`performance.now()`), while it is shown. */
  private openedAt?: number | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & { readonly renderRoot: ParentNode },
    private readonly settings: FormSettings<T>,
  ) {
    host.addController(this);
  }

  private get fields(): readonly string[] {
    const { fields } = this.settings;
    return typeof fields === 'function' ? fields() : fields;
  }

  get form(): HTMLFormElement | null {
    return this.host.renderRoot.querySelector<HTMLFormElement>(this.settings.selector ?? 'form');
  }

  hostUpdated(): void {
    const shown = !!this.form;
    if (shown && this.openedAt === undefined) {
      this.openedAt = performance.now();
      // Asked as the form appears, so the answer is at hand when it is sent.
      const reader = this.settings.minFill?.();
      if (reader) void minFillMs(reader);
    } else if (!shown) this.openedAt = undefined;
  }

  /** The form's values as the schema reads them: ticked boxes as booleans, numbers as numbers, empty as absent. */
  values(): Record<string, unknown> {
    const values: Record<string, unknown> = { ...this.settings.extra?.() };
    const form = this.form;
    if (!form) return values;
    const data = new FormData(form);
    for (const field of form.elements as unknown as Iterable<HTMLInputElement>) {
      const name = field.name;
      if (!name || field.type === 'radio' || field.type === 'file') continue;
      if (field.type === 'checkbox') values[name] = data.has(name);
      else if (field.type === 'number') values[name] = field.value === '' ? undefined : Number(field.value);
      else values[name] = data.get(name) || undefined;
    }
    for (const [name, value] of Object.entries(values)) if (value === undefined) delete values[name];
    return this.settings.read ? this.settings.read(data, values) : values;
  }

  /**
   * Checks the form: the data to send, or undefined with every problem shown and, once they are, the
   * first field to fix focused. Synchronous, so a form sent is busy before the next render.
   */
  check(): T | undefined {
    const values = this.values();
    const parsed = this.settings.schema.safeParse(values);
    this.failure = undefined;
    this.host.requestUpdate();
    if (parsed.success) {
      this.errors = {};
      this.announcement = '';
      return parsed.data;
    }
    this.errors = this.issueErrors(parsed.error.issues as unknown as FieldIssue[], values);
    const shown = this.fields.some((field) => this.errors[field]);
    if (!shown) this.failure = errorMessage(new ActionError('http', 'validation_failed', ''));
    this.announcement = msg('Some fields need your attention.');
    void this.host.updateComplete.then(() => {
      const form = this.form;
      if (shown && form) focusFirstInvalid(form);
    });
    return undefined;
  }

  /** `data` with how long the form has been open, once the campaign's minimum fill time has passed. */
  async filled(data: T): Promise<T & { elapsedMs: number }> {
    const reader = this.settings.minFill?.();
    const opened = this.openedAt ?? performance.now();
    const elapsedMs = reader ? await afterMinFill(reader, opened) : Math.ceil(performance.now() - opened);
    return { ...data, elapsedMs };
  }

  /** The endpoint's problems with what was sent, beside their fields; true when any field shows one. */
  showIssues(issues: readonly FieldIssue[]): boolean {
    const errors = this.issueErrors(issues, this.values());
    this.errors = Object.fromEntries(this.fields.map((field) => [field, errors[field]]));
    this.host.requestUpdate();
    return this.fields.some((field) => errors[field]);
  }

  /** Puts values back into the form once it is rendered (a refused action's, say). */
  async fill(values: Readonly<Record<string, unknown>>): Promise<void> {
    await this.host.updateComplete;
    const form = this.form;
    if (!form) return;
    for (const [name, value] of Object.entries(values)) {
      const field = form.elements.namedItem(name);
      if (!(
        field instanceof HTMLInputElement ||
        field instanceof HTMLSelectElement ||
        field instanceof HTMLTextAreaElement
      ))
        continue;
      if (field instanceof HTMLInputElement && field.type === 'checkbox') field.checked = !!value;
      else field.value = value === undefined || value === null ? '' : String(value);
    }
  }

  /** Forgets every problem shown, for a fresh form. */
  clear(): void {
    this.errors = {};
    this.failure = undefined;
    this.announcement = '';
    this.openedAt = undefined;
    this.host.requestUpdate();
  }

  /** For the form's `input` and `change`: a problem already shown goes as soon as it is fixed. */
  readonly input = (event: Event): void => {
    const name = (event.target as HTMLInputElement | null)?.name;
    if (!name || !this.fields.includes(name)) return;
    const ticked = (event.target as HTMLInputElement).type === 'checkbox' && event.type === 'change';
    if (this.errors[name] || ticked) this.checkField(name);
  };

  /** For the form's `focusout`, with `checkOnLeave`: a field's problem shows or goes as it is left. */
  readonly leave = (event: FocusEvent): void => {
    const name = (event.target as HTMLInputElement | null)?.name;
    if (this.settings.checkOnLeave && name && this.fields.includes(name)) this.checkField(name);
  };

  private checkField(name: string): void {
    const values = this.values();
    const parsed = this.settings.schema.safeParse(values);
    const error = parsed.success
      ? undefined
      : this.issueErrors(parsed.error.issues as unknown as FieldIssue[], values)[name];
    if (error === this.errors[name]) return;
    this.errors = { ...this.errors, [name]: error };
    this.host.requestUpdate();
  }

  private issueErrors(issues: readonly FieldIssue[], values: Record<string, unknown>): FieldErrors {
    const { wording, fieldOf } = this.settings;
    const placed = fieldOf ? issues.map((issue) => ({ ...issue, path: [fieldOf(issue.path)] })) : issues;
    return fieldErrors(placed, wording && ((field, issue) => wording(field, issue, values)));
  }
}

/** True when the issue means the field was left empty, or holds only spaces. */
export const leftEmpty = (issue: FieldIssue, value: unknown): boolean => isEmptyIssue(issue) || blank(value);
