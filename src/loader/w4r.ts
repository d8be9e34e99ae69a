/**
 * `dist/w4r.js`, the script partners paste: a classic script that defines each `w4r-*` element when it
 * first appears in the page (now or later, in the document or inside another widget's shadow root),
 * fetching that element's module and the modules it shares with others from beside this script. It
 * names only files of its own release, whose names are content hashes, so a page never mixes two.
 */
import { elements, files } from 'w4r:release';
import { showFailure } from './failure.js';

const STARTED = Symbol.for('w4r.loader');
const CAMPAIGN = 'w4r-campaign';

type Root = Document | ShadowRoot;

function start(scriptUrl: string): void {
  const tags = Object.keys(elements);
  const selector = tags.join(',');
  const loads = new Map<string, Promise<unknown>>();
  const failed = new Set<string>();
  const watched = new WeakSet<Root>();
  const preloaded = new Set<string>();
  const observers: MutationObserver[] = [];
  const url = (index: number) => new URL(`chunks/${files[index]}`, scriptUrl).href;

  /** Starts fetching a module and what it imports, without running it yet. */
  const preload = (href: string) => {
    if (preloaded.has(href)) return;
    preloaded.add(href);
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.href = href;
    (document.head ?? document.documentElement).append(link);
  };

  const load = (tag: string): Promise<unknown> => {
    let loading = loads.get(tag);
    if (!loading) {
      const [entry, ...shared] = elements[tag]!.map(url);
      // All of an element's files are fetched at once, not one import level after another.
      for (const href of [entry!, ...shared]) preload(href);
      // The campaign provides the settings its widgets ask for when they start, so it is defined first;
      // the others' files are already on their way meanwhile.
      const before = tag === CAMPAIGN ? undefined : loads.get(CAMPAIGN);
      loading = (before ?? Promise.resolve())
        .catch(() => undefined)
        .then(() => import(/* @vite-ignore */ entry!))
        .then(
          () => {
            if (tags.every((each) => customElements.get(each)))
              for (const each of observers) each.disconnect();
          },
          (error: unknown) => {
            failed.add(tag);
            console.error(`w4r: ${tag} could not load from ${entry}.`, error);
            for (const root of [document, ...shadowRoots()]) root.querySelectorAll(tag).forEach(showFailure);
            throw error;
          },
        );
      loads.set(tag, loading);
    }
    return loading;
  };

  const shadowRoots = () =>
    [...document.querySelectorAll(selector)].flatMap((each) => (each.shadowRoot ? [each.shadowRoot] : []));

  const found = (element: Element) => {
    const tag = element.localName;
    if (failed.has(tag)) showFailure(element);
    else if (customElements.get(tag)) watchShadowOf(element);
    else
      load(tag).then(
        () => watchShadowOf(element),
        () => undefined,
      );
  };

  const scan = (root: Root | Element) => root.querySelectorAll(selector).forEach(found);

  /** Widgets inside a widget: its shadow root is watched as the document is. */
  const watchShadowOf = (element: Element) => {
    if (element.shadowRoot) watch(element.shadowRoot);
  };

  const watch = (root: Root) => {
    if (watched.has(root)) return;
    watched.add(root);
    const observer = new MutationObserver((records) => {
      for (const record of records)
        for (const node of record.addedNodes) {
          if (!(node instanceof Element)) continue;
          if (node.matches(selector)) found(node);
          if (node.firstElementChild) scan(node);
        }
    });
    observer.observe(root, { childList: true, subtree: true });
    observers.push(observer);
    scan(root);
  };

  watch(document);
}

const page = window as Window & { [STARTED]?: true };
// A page that pastes the script twice (a theme and a plugin) runs it once.
if (!page[STARTED]) {
  page[STARTED] = true;
  // `currentScript` is only set while the script first runs, so it is read here.
  start((document.currentScript as HTMLScriptElement | null)?.src || location.href);
}
