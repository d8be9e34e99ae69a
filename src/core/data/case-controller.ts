import { Task } from '@lit/task';
import type { ReactiveControllerHost } from 'lit';
import { caseSchema, type Case } from '../../schema/index.js';
import { ActionError } from './action-error.js';
import type { EndpointReader } from './endpoint-reader.js';

/** What an element that shows a case offers the controller. */
export interface CaseHost extends ReactiveControllerHost, HTMLElement {
  /** The case id from the `case` attribute. */
  caseId?: string;
  /** The case set as a property. */
  caseData?: Case;
  readonly localName: string;
}

export interface CaseSourceSettings {
  /** What reads the widget's endpoint; undefined when it has none. */
  reader(): EndpointReader | undefined;
  locale(): string;
}

/**
 * Finds the case an element shows: the `caseData` property, else JSON inline in the element
 * (`<script type="application/json">`), else `GET {endpoint}/v1/cases/:id`. Invalid inline JSON is
 * reported in the console, naming the bad field; the endpoint's copy is used when there is a case id,
 * else the task fails with `invalid_case`.
 */
export class CaseController {
  readonly task: Task<[Case | undefined, string | undefined, EndpointReader | undefined, string], Case>;

  constructor(
    private readonly host: CaseHost,
    settings: CaseSourceSettings,
  ) {
    this.task = new Task(host, {
      args: () => [host.caseData, host.caseId, settings.reader(), settings.locale()],
      task: async ([caseData, caseId, reader, locale], { signal }) => {
        // A script that runs before the page is parsed upgrades the element before its inline JSON exists.
        if (!caseData && document.readyState === 'loading') await domContentLoaded();
        if (caseData) {
          const valid = validCase(caseData, host.localName, 'caseData property');
          if (!valid) throw new ActionError('http', 'invalid_case', 'The case data is invalid.');
          return valid;
        }
        const inline = readInlineCase(host);
        if (inline !== INVALID && inline && (!caseId || inline.id === caseId)) return inline;
        if (!caseId && inline === INVALID)
          throw new ActionError('http', 'invalid_case', 'The case data in the page is invalid.');
        if (!caseId) throw new ActionError('http', 'case_missing', 'No case was given.');
        if (!reader)
          throw new ActionError('http', 'case_missing', 'No endpoint was given to load the case from.');
        return reader.getCase(caseId, { signal, locale });
      },
    });
  }

  /** The case once loaded; a valid `caseData` property at once, before its task has run. */
  get value(): Case | undefined {
    const given = this.host.caseData;
    return this.task.value ?? (given ? validCase(given, this.host.localName, 'caseData property') : undefined);
  }

  /** The case's id: from the `case` attribute, else the case data, else the case once loaded. */
  get id(): string | undefined {
    return this.host.caseId ?? this.host.caseData?.id ?? this.task.value?.id;
  }
}

const domContentLoaded = () =>
  new Promise((resolve) => document.addEventListener('DOMContentLoaded', resolve, { once: true }));

/** Inline JSON was there but could not be used (the console says why). */
const INVALID = Symbol('invalid');

function readInlineCase(host: HTMLElement): Case | typeof INVALID | undefined {
  const script = host.querySelector(':scope > script[type="application/json"]');
  if (!script?.textContent?.trim()) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(script.textContent);
  } catch (error) {
    console.warn(`<${host.localName}>: the inline case JSON cannot be parsed: ${(error as Error).message}`);
    return INVALID;
  }
  return validCase(json, host.localName, 'inline case JSON') ?? INVALID;
}

/** Each object checked once, so a case given as a property is checked, and warned about, once. */
const checked = new WeakMap<object, Case | undefined>();

function validCase(data: unknown, tag: string, where: string): Case | undefined {
  if (typeof data === 'object' && data !== null && checked.has(data)) return checked.get(data);
  const valid = checkCase(data, tag, where);
  if (typeof data === 'object' && data !== null) checked.set(data, valid);
  return valid;
}

function checkCase(data: unknown, tag: string, where: string): Case | undefined {
  const parsed = caseSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues
    .map((issue) => `"${issue.path.join('.') || '(root)'}": ${issue.message}`)
    .join('; ');
  console.warn(`<${tag}>: the ${where} is invalid — ${fields}`);
  return undefined;
}
