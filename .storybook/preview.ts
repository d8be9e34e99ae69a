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

const preview: Preview = {
  decorators: [withCampaign],
  globalTypes: {
    theme: {
      description: 'Theme of every widget',
      toolbar: {
        title: 'Theme',
        icon: 'paintbrush',
        items: [
          { value: '', title: 'Default' },
          { value: 'amnesty', title: 'Amnesty' },
        ],
        dynamicTitle: true,
      },
    },
    direction: {
      description: 'Text direction of the page',
      toolbar: {
        title: 'Direction',
        icon: 'transfer',
        items: [
          { value: 'ltr', title: 'Left to right' },
          { value: 'rtl', title: 'Right to left' },
        ],
        dynamicTitle: true,
      },
    },
    locale: {
      description: 'Language of every widget',
      toolbar: {
        title: 'Locale',
        icon: 'globe',
        items: [
          { value: '', title: 'Page language' },
          { value: 'en', title: 'English' },
          { value: 'es', title: 'Español' },
          { value: 'tr', title: 'Türkçe' },
          { value: 'ar', title: 'العربية' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: '', direction: 'ltr', locale: '' },
  parameters: { layout: 'padded' },
};

export default preview;
