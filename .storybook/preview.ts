import type { Decorator, Preview } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/define.js';

/**
 * Every story sits in a `<w4r-campaign>` that carries the toolbar's theme and locale, inside a block
 * with the toolbar's direction, as a partner page would set them.
 */
export const withCampaign: Decorator = (story, { globals }) => {
  const locale = (globals['locale'] as string | undefined) || undefined;
  const theme = (globals['theme'] as string | undefined) || undefined;
  const dir = (globals['direction'] as string | undefined) || 'ltr';
  return html`<div dir=${dir} lang=${locale ?? 'en'}>
    <w4r-campaign .locale=${locale} .theme=${theme}>${story()}</w4r-campaign>
  </div>`;
};

/** A toolbar menu whose choices are `[value, title]` pairs. */
const toolbar = (
  description: string,
  title: string,
  icon: 'paintbrush' | 'transfer' | 'globe',
  items: [string, string][],
) => ({
  description,
  toolbar: { title, icon, items: items.map(([value, name]) => ({ value, title: name })), dynamicTitle: true },
});

const preview: Preview = {
  decorators: [withCampaign],
  globalTypes: {
    theme: toolbar('Theme of every widget', 'Theme', 'paintbrush', [
      ['', 'Default'],
      ['amnesty', 'Amnesty'],
    ]),
    direction: toolbar('Text direction of the page', 'Direction', 'transfer', [
      ['ltr', 'Left to right'],
      ['rtl', 'Right to left'],
    ]),
    locale: toolbar('Language of every widget', 'Locale', 'globe', [
      ['', 'Page language'],
      ['en', 'English'],
      ['es', 'Español'],
      ['fr', 'Français'],
      ['tr', 'Türkçe'],
      ['ar', 'العربية'],
    ]),
  },
  initialGlobals: { theme: '', direction: 'ltr', locale: '' },
  parameters: { layout: 'padded' },
};

export default preview;
