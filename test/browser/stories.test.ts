import { expect } from '@open-wc/testing';
import { render, type TemplateResult } from 'lit';
import { stories } from '/__w4r__/stories.js';
import preview from '../../.storybook/preview.js';
import { getLocale } from '../../src/core/locale/localization.js';
import { visibleText, waitUntil } from '../support/queries.js';

// Renders every story of every `stories/*.stories.ts` as Storybook would (args merged with the
// defaults, the story's, the file's and the preview's decorators), then runs axe on it: a broken or
// inaccessible story fails the suite. Every story runs twice: in the page's English, and as the
// toolbar's Arabic, right to left, where it must show Arabic strings.

type Args = Record<string, unknown>;
interface Context {
  args: Args;
  globals: Args;
  id: string;
  name: string;
}
type StoryFn = (args: Args, context: Context) => unknown;
type Decorator = (story: () => unknown, context: Context) => unknown;
interface StoryAnnotations {
  args?: Args;
  render?: StoryFn;
  decorators?: Decorator[];
}
interface Meta extends StoryAnnotations {
  title?: string;
  component?: string;
}

/** Storybook's default for web components: the component's tag, args set as properties. */
const renderComponent =
  (tag: string | undefined): StoryFn =>
  (args) => {
    if (!tag) throw new Error('the story has no render function and its file no component');
    return Object.assign(document.createElement(tag), args);
  };

function storyOf(meta: Meta, story: StoryAnnotations | StoryFn, context: Context): () => unknown {
  const annotations: StoryAnnotations = typeof story === 'function' ? { render: story } : story;
  const renderStory = annotations.render ?? meta.render ?? renderComponent(meta.component);
  const decorators = [
    ...(annotations.decorators ?? []),
    ...(meta.decorators ?? []),
    ...((preview.decorators ?? []) as unknown as Decorator[]),
  ];
  return decorators.reduce<() => unknown>(
    (inner, decorator) => () => decorator(inner, context),
    () => renderStory(context.args, context),
  );
}

/** Every w4r-* element under `root`, inside shadow roots too. */
function widgets(root: ParentNode): HTMLElement[] {
  const found: HTMLElement[] = [];
  for (const element of root.querySelectorAll<HTMLElement>('*')) {
    if (element.localName.startsWith('w4r-')) found.push(element);
    if (element.shadowRoot) found.push(...widgets(element.shadowRoot));
  }
  return found;
}

/** Waits until no widget has an update pending (a loaded task triggers another update). */
async function settled(root: ParentNode): Promise<void> {
  for (let round = 0; round < 5; round++) {
    const elements = widgets(root) as (HTMLElement & {
      updateComplete?: Promise<unknown>;
      isUpdatePending?: boolean;
    })[];
    await Promise.all(elements.map((element) => element.updateComplete));
    await new Promise((resolve) => setTimeout(resolve, 20));
    if (!elements.some((element) => element.isUpdatePending)) return;
  }
}

const LANGUAGES: { name: string; globals: Args; script?: RegExp }[] = [
  { name: 'English', globals: {} },
  { name: 'Arabic', globals: { locale: 'ar', direction: 'rtl' }, script: /[\u0600-\u06FF]/ },
];

const modules = await Promise.all(
  Object.entries(stories).map(async ([file, load]) => [file, await load()] as const),
);

describe('every story', () => {
  it('finds the stories', () => {
    expect(modules.length).to.be.greaterThan(0);
  });

  for (const [file, module] of modules) {
    const meta = (module['default'] ?? {}) as Meta;
    for (const language of LANGUAGES)
      describe(`${file} (${meta.title ?? 'untitled'}) in ${language.name}`, () => {
        for (const [name, story] of Object.entries(module)) {
          if (name === 'default' || name === '__namedExportsOrder') continue;
          it(`${name} renders and is accessible`, async () => {
            const annotations = typeof story === 'function' ? {} : (story as StoryAnnotations);
            const context: Context = {
              args: { ...meta.args, ...annotations.args },
              globals: { ...(preview.initialGlobals as Args), ...language.globals },
              id: name,
              name,
            };
            const problems: string[] = [];
            const onError = (event: ErrorEvent) => problems.push(event.message);
            const onRejection = (event: PromiseRejectionEvent) => problems.push(String(event.reason));
            window.addEventListener('error', onError);
            window.addEventListener('unhandledrejection', onRejection);
            const container = document.createElement('div');
            document.body.append(container);
            try {
              const result = storyOf(meta, story as StoryAnnotations | StoryFn, context)();
              if (result instanceof Node) container.append(result);
              else render(result as TemplateResult, container);
              await settled(container);
              if (language.script) {
                await waitUntil(
                  () => getLocale() === language.globals.locale,
                  `${language.name} strings loaded`,
                );
                await settled(container);
              }
              const rendered = widgets(container).filter(
                (element) => element.localName !== 'w4r-campaign' && element.shadowRoot?.childElementCount,
              );
              expect(rendered.length, 'a w4r-* widget rendered into its shadow root').to.be.greaterThan(0);
              // A widget with nothing to say (a share with no case it can reach) says it in no language.
              if (language.script) {
                const text = rendered.map((element) => visibleText(element)).join(' ');
                if (text) expect(text, `the widgets speak ${language.name}`).to.match(language.script);
              }
              await expect(container).to.be.accessible();
              expect(problems).to.deep.equal([]);
            } finally {
              window.removeEventListener('error', onError);
              window.removeEventListener('unhandledrejection', onRejection);
              render(null, container);
              container.remove();
            }
          });
        }
      });
  }
});
