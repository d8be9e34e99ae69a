import { html, nothing } from 'lit';
import { msg } from '@lit/localize';
import { countryOptions } from '../../core/format/country.js';
import type { FormController, FormWording } from '../../core/forms/form-controller.js';
import { leftEmpty } from '../../core/forms/form-controller.js';
import {
  checkboxField,
  honeypotField,
  selectField,
  submitButton,
  textField,
} from '../../core/forms/form-fields.js';
import type { SignatureInput } from '../../schema/index.js';

/** The fields that show their problem beside them, in the form's order. */
export const PETITION_FIELDS = ['firstName', 'lastName', 'email', 'country', 'consent'];

/** Links a page may give: web addresses and paths, never `javascript:`. */
export const SAFE_HREF = /^(https?:|[/?#.]|[^:]*$)/i;

/** The petition's own words for a field's problem. */
export const petitionWording: FormWording = (field, issue, values) => {
  const empty = leftEmpty(issue, values[field]);
  switch (field) {
    case 'firstName':
      return empty ? msg('Enter your first name.') : undefined;
    case 'lastName':
      return empty ? msg('Enter your last name.') : undefined;
    case 'email':
      if (empty) return msg('Enter your email address.');
      return issue.code === 'invalid_format'
        ? msg('Enter an email address such as name@example.org.')
        : undefined;
    case 'country':
      return msg('Choose your country.');
    case 'consent':
      return msg('Tick this box to sign.');
    default:
      return undefined;
  }
};

export interface PetitionFormOptions {
  form: FormController<SignatureInput>;
  sending: boolean;
  /** The country to start from, from the widget's locale. */
  country: string | undefined;
  locale: string;
  privacyHref: string | undefined;
  submit: (event: SubmitEvent) => void;
}

/** The petition's form: names, email, country, consent and news, the honeypot and the button. */
export function petitionForm({ form, sending, country, locale, privacyHref, submit }: PetitionFormOptions) {
  const { errors } = form;
  const privacy = privacyHref?.trim();
  return html`<form
    part="form"
    novalidate
    @submit=${submit}
    @input=${form.input}
    @change=${form.input}
    @focusout=${form.leave}
  >
    ${form.failure ? html`<p part="failure" class="failure" role="alert">${form.failure}</p>` : nothing}
    <p class="fine-print">${msg('Fields marked * are required.')}</p>
    <div class="names field-row">
      ${textField({ name: 'firstName', label: msg('First name'), error: errors['firstName'], autocomplete: 'given-name', required: true, maxlength: 80 })}
      ${textField({ name: 'lastName', label: msg('Last name'), error: errors['lastName'], autocomplete: 'family-name', required: true, maxlength: 80 })}
    </div>
    ${textField({ name: 'email', label: msg('Email'), type: 'email', error: errors['email'], autocomplete: 'email', required: true, maxlength: 254 })}
    ${selectField({
      name: 'country',
      label: msg('Country'),
      value: country,
      error: errors['country'],
      autocomplete: 'country',
      required: true,
      options: countryOptions(locale),
      placeholder: country ? undefined : msg('Choose your country'),
    })}
    ${checkboxField({
      name: 'consent',
      error: errors['consent'],
      required: true,
      // The text's line break and indent are part of its translation id, so prettier leaves it be.
      // prettier-ignore
      label:
        privacy && SAFE_HREF.test(privacy)
          ? msg(
              html`I agree that my name and country go to the authorities with this petition, and my details
                  are kept as the <a href=${privacy} target="_blank" rel="noopener">privacy policy</a> says.`,
            )
          : msg('I agree that my name and country go to the authorities with this petition.'),
    })}
    ${checkboxField({ name: 'optIn', label: msg('Email me news about this case.') })} ${honeypotField()}
    ${submitButton({ label: msg('Sign the petition'), busy: sending, busyLabel: msg('Signing…') })}
  </form>`;
}
