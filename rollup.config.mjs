import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import esbuild from 'rollup-plugin-esbuild';
import minifyTemplates from '@lit-labs/rollup-plugin-minify-html-literals';
import { defaultShouldMinify } from '@lit-labs/rollup-plugin-minify-html-literals/lib/minify-html-literals.js';
import terser from '@rollup/plugin-terser';

/** `dist/w4r.css`: the optional stylesheet that reserves the widgets' space before the script runs. */
const reserveCss = {
  name: 'w4r-reserve-css',
  buildStart() {
    this.addWatchFile('src/reserve.css');
  },
  generateBundle() {
    this.emitFile({ type: 'asset', fileName: 'w4r.css', source: readFileSync('src/reserve.css', 'utf8') });
  },
};

/**
 * Every element's locale loader (`core/…/locale-loader.ts`, which imports `../generated/locales/<locale>.js`
 * for bundler users) is swapped for one written here: in the chunks each language is a dynamic import
 * rollup can follow, so it becomes a hashed chunk of the same release; the all-in-one script fetches
 * the hashed files of `dist/locales/` beside itself.
 */
const LOCALE_LOADER = '\0w4r-locale-loader';
const localeLoader = (source) => ({
  name: 'w4r-locale-loader',
  resolveId: (id, importer) =>
    /(^|\/)locale-loader\.js$/.test(id) && importer?.includes(`${sep}src${sep}core${sep}`)
      ? LOCALE_LOADER
      : null,
  load: (id) => (id === LOCALE_LOADER ? source() : null),
});

const localeDir = 'src/generated/locales';
const locales = readdirSync(localeDir)
  .filter((file) => file.endsWith('.js'))
  .map((file) => file.slice(0, -3));

const chunkLocaleLoader = () =>
  `const load = {${locales
    .map(
      (locale) =>
        `${JSON.stringify(locale)}: () => import(${JSON.stringify(resolve(localeDir, `${locale}.js`))})`,
    )
    .join(', ')}};\n` + 'export const loadLocaleModule = (locale) => load[locale]();\n';

/** The hashed file of each language in `dist/locales/`, known once `localeModules` has been built. */
const localeFiles = {};
const allInOneLocaleLoader = () =>
  '// `currentScript` is only set while the script first runs, so it is read once, here.\n' +
  'const scriptUrl = document.currentScript?.src || location.href;\n' +
  `const files = ${JSON.stringify(localeFiles)};\n` +
  'export const loadLocaleModule = (locale) => import(new URL(`locales/${files[locale]}`, scriptUrl).href);\n';

/**
 * A template whose tag name is an expression (`<${tag}>`, lit's static html for a heading level) is no
 * HTML the minifier can parse, and one such template used to leave its whole file unminified. It is
 * left as written; every other template is minified, and one that cannot be fails the build.
 */
const hasExpressionTag = (template) => template.parts.slice(0, -1).some((part) => /<\/?$/.test(part.text));

/**
 * esbuild writes its decorator helper (`__decorateClass`) into every module that uses decorators, and
 * the bundle carried one copy per element. Each module imports a single shared copy instead; the lines
 * are kept, so the source map still points where it did.
 */
const DECORATOR_HELPER = '\0w4r-decorator-helper';
const inlineDecoratorHelper =
  /^var __defProp = .*\n(?:var __getOwnPropDesc = .*\n)?var __decorateClass = [\s\S]*?^};\n/m;
const sharedDecoratorHelper = () => {
  let helper;
  return {
    name: 'w4r-shared-decorator-helper',
    resolveId: (source) => (source === DECORATOR_HELPER ? source : null),
    load: (id) => (id === DECORATOR_HELPER ? `${helper}export { __decorateClass };` : null),
    transform(code, id) {
      const [inline] = id === DECORATOR_HELPER ? [] : (code.match(inlineDecoratorHelper) ?? []);
      if (!inline) return null;
      helper ??= inline;
      const blankLines = '\n'.repeat(inline.split('\n').length - 2);
      return {
        code: code.replace(inline, `import { __decorateClass } from '${DECORATOR_HELPER}';\n${blankLines}`),
        map: null,
      };
    },
  };
};

const minify = () => [
  // Whitespace inside html`` and css`` templates is most of an element's weight; esbuild keeps it.
  minifyTemplates({
    failOnError: true,
    options: { shouldMinify: (template) => defaultShouldMinify(template) && !hasExpressionTag(template) },
  }),
  esbuild({ target: 'es2021', legalComments: 'none', tsconfig: 'tsconfig.json' }),
  sharedDecoratorHelper(),
  // terser compresses a few percent smaller than esbuild's minifier, and every byte is the budget's.
  terser({ ecma: 2020, compress: { passes: 3 }, format: { comments: false } }),
];

const resolveModules = () => nodeResolve({ extensions: ['.ts', '.js'], exportConditions: ['production'] });
const cleanDir = (dir) => ({
  name: 'w4r-clean',
  buildStart: () => rmSync(dir, { recursive: true, force: true }),
});

/** The elements, by the folders that have a `define.ts`: `w4r-<folder>` each. */
const elements = readdirSync('src/elements').filter((name) => existsSync(`src/elements/${name}/define.ts`));

/** `dist/locales/<locale>-<hash>.js`: each language's strings for the all-in-one script, fetched only when a page uses it. */
const localeModules = {
  input: Object.fromEntries(locales.map((locale) => [locale, join(localeDir, `${locale}.js`)])),
  output: {
    dir: 'dist/locales',
    format: 'es',
    entryFileNames: '[name]-[hash].js',
    chunkFileNames: '[name]-[hash].js',
  },
  // Generated locale modules are data plus the `str` and `html` tags they import: nothing is kept for
  // its side effects, so only those tags (one shared chunk) come with a language, not all of lit.
  treeshake: { moduleSideEffects: false },
  plugins: [
    cleanDir('dist/locales'),
    resolveModules(),
    ...minify(),
    {
      name: 'w4r-locale-files',
      generateBundle(_, bundle) {
        for (const chunk of Object.values(bundle)) {
          if (chunk.type === 'chunk' && chunk.isEntry) localeFiles[chunk.name] = chunk.fileName;
        }
      },
    },
  ],
};

/** `dist/w4r.all.js`: one minified classic script that defines every element, for those who want one file. */
const allInOne = {
  input: 'src/w4r.ts',
  output: {
    file: 'dist/w4r.all.js',
    format: 'iife',
    sourcemap: true,
    inlineDynamicImports: true,
  },
  plugins: [localeLoader(allInOneLocaleLoader), resolveModules(), ...minify(), reserveCss],
};

/**
 * The release the loader names: for each element, its chunk first and then every chunk it imports,
 * directly or not, so that all of them are fetched at once instead of one import level at a time.
 */
const release = { files: [], elements: {} };

const recordRelease = {
  name: 'w4r-release',
  generateBundle(_, bundle) {
    const dependencies = (fileName, seen = new Set()) => {
      for (const imported of bundle[fileName].imports) {
        if (!seen.has(imported)) dependencies(imported, seen.add(imported));
      }
      return seen;
    };
    const indexOf = (fileName) => {
      if (!release.files.includes(fileName)) release.files.push(fileName);
      return release.files.indexOf(fileName);
    };
    for (const chunk of Object.values(bundle)) {
      if (chunk.type !== 'chunk' || !chunk.isEntry) continue;
      release.elements[`w4r-${chunk.name}`] = [chunk.fileName, ...dependencies(chunk.fileName)].map(indexOf);
    }
    // For the size check and the benchmark: what each element costs, by file.
    this.emitFile({ type: 'asset', fileName: 'release.json', source: JSON.stringify(release, null, 2) });
  },
};

/**
 * `dist/chunks/`: one ES module per element (its `define.ts`) and the modules they share, every name
 * content-hashed, so a file can be cached for a year and a page never meets two releases' files.
 */
const elementChunks = {
  input: Object.fromEntries(elements.map((name) => [name, `src/elements/${name}/define.ts`])),
  output: {
    dir: 'dist/chunks',
    format: 'es',
    entryFileNames: '[name]-[hash].js',
    chunkFileNames: '[name]-[hash].js',
    sourcemap: true,
    // Each file is compressed on its own and costs a request: modules shared by the same elements
    // travel together rather than as many small files (rollup merges only where every element that
    // loads the small chunk would still run the same code).
    experimentalMinChunkSize: 20000,
  },
  plugins: [
    cleanDir('dist/chunks'),
    localeLoader(chunkLocaleLoader),
    resolveModules(),
    ...minify(),
    recordRelease,
  ],
};

const RELEASE = '\0w4r-release';

/** `dist/w4r.js`: the small classic script partners paste, which loads each element when a page first uses it. */
const loader = {
  input: 'src/loader/w4r.ts',
  output: { file: 'dist/w4r.js', format: 'iife', sourcemap: true },
  plugins: [
    {
      name: 'w4r-release-module',
      resolveId: (id) => (id === 'w4r:release' ? RELEASE : null),
      load: (id) =>
        id === RELEASE
          ? `export const files = ${JSON.stringify(release.files)};\nexport const elements = ${JSON.stringify(release.elements)};\n`
          : null,
    },
    resolveModules(),
    ...minify(),
  ],
};

// In this order: each build reads what the one before it recorded.
export default [localeModules, allInOne, elementChunks, loader];
