// The blocks in the editor, with the globals WordPress gives every editor script: no build step. Each
// block is a case id and a few choices; its preview is the endpoint's /embed page in a frame.
(function (wp, settings) {
  const { registerBlockType } = wp.blocks;
  const { createElement: h, Fragment } = wp.element;
  const { InspectorControls, useBlockProps } = wp.blockEditor;
  const { PanelBody, Placeholder, SelectControl, TextControl } = wp.components;

  const CASE_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

  function previewUrl(widget, attributes) {
    const query = new URLSearchParams({ widgets: widget });
    const locale = attributes.locale || settings.locale;
    const theme = attributes.theme || settings.theme;
    if (locale) query.set('locale', locale);
    if (theme && theme !== 'default') query.set('theme', theme);
    if (attributes.source) query.set('source', attributes.source);
    return `${settings.endpoint}/embed/${encodeURIComponent(attributes.case)}?${query}`;
  }

  function edit(widget, title) {
    return function Edit({ attributes, setAttributes }) {
      const blockProps = useBlockProps();
      const controls = h(
        InspectorControls,
        null,
        h(
          PanelBody,
          { title: 'Case' },
          h(TextControl, {
            label: 'Case id',
            help: 'As in the case’s address, such as gustavo-gatica.',
            value: attributes.case,
            onChange: (value) => setAttributes({ case: value.trim() }),
          }),
          h(TextControl, {
            label: 'Language',
            help: 'A code such as es; empty for the site’s setting.',
            value: attributes.locale,
            onChange: (value) => setAttributes({ locale: value.trim() }),
          }),
          h(SelectControl, {
            label: 'Theme',
            value: attributes.theme,
            options: [
              { label: 'The site’s setting', value: '' },
              { label: 'default', value: 'default' },
              { label: 'amnesty', value: 'amnesty' },
            ],
            onChange: (value) => setAttributes({ theme: value }),
          }),
          h(TextControl, {
            label: 'Source',
            help: 'Your site’s name, to count its signatures.',
            value: attributes.source,
            onChange: (value) => setAttributes({ source: value.trim() }),
          }),
        ),
      );
      let body;
      if (!settings.endpoint) {
        body = h(Placeholder, { label: title }, 'Set the endpoint address under Settings → W4R widgets.');
      } else if (!CASE_ID.test(attributes.case || '')) {
        body = h(Placeholder, { label: title }, 'Type the case id in the block’s settings.');
      } else {
        body = h('iframe', {
          src: previewUrl(widget, attributes),
          title: `${title}: ${attributes.case}`,
          style: { border: 0, width: '100%', height: '480px', pointerEvents: 'none' },
        });
      }
      return h(Fragment, null, controls, h('div', blockProps, body));
    };
  }

  const TITLES = {
    'case-card': 'W4R Case card',
    counter: 'W4R Action counter',
    petition: 'W4R Petition',
    share: 'W4R Share buttons',
    'solidarity-wall': 'W4R Solidarity wall',
    letter: 'W4R Letter',
  };
  // block.json registered each block on the server, which draws it; the editor adds how to edit it and
  // saves nothing but its attributes.
  for (const [widget, title] of Object.entries(TITLES)) {
    registerBlockType(`w4r/${widget}`, { edit: edit(widget, title), save: () => null });
  }
})(window.wp, window.w4rWidgets || { endpoint: '' });
