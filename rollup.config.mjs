import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
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

/** In the classic script, locale strings load from `locales/` beside the script, not beside a module. */
const bundleLocaleLoader = {
  name: 'w4r-bundle-locale-loader',
  resolveId(source, importer) {
    if (importer && source === './locale-loader.js') {
      return join(dirname(importer), 'locale-loader.bundle.ts');
    }
    return null;
  },
};

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

const localeDir = 'src/generated/locales';
const locales = readdirSync(localeDir)
  .filter((file) => file.endsWith('.js'))
  .map((file) => file.slice(0, -3));

/** `dist/w4r.js`: one minified classic script that defines every element. */
const bundle = {
  input: 'src/w4r.ts',
  output: {
    file: 'dist/w4r.js',
    format: 'iife',
    sourcemap: true,
    inlineDynamicImports: true,
  },
  plugins: [
    bundleLocaleLoader,
    nodeResolve({ extensions: ['.ts', '.js'], exportConditions: ['production'] }),
    ...minify(),
    reserveCss,
  ],
};

/** `dist/locales/<locale>.js`: each language's strings, fetched by the script only when a page uses it. */
const localeModules = {
  input: Object.fromEntries(locales.map((locale) => [locale, join(localeDir, `${locale}.js`)])),
  output: {
    dir: 'dist/locales',
    format: 'es',
    entryFileNames: '[name].js',
    chunkFileNames: '[name]-[hash].js',
  },
  // Generated locale modules are data plus the `str` and `html` tags they import: nothing is kept for
  // its side effects, so only those tags (one shared chunk) come with a language, not all of lit.
  treeshake: { moduleSideEffects: false },
  plugins: [
    { name: 'w4r-clean-locales', buildStart: () => rmSync('dist/locales', { recursive: true, force: true }) },
    nodeResolve({ extensions: ['.ts', '.js'], exportConditions: ['production'] }),
    ...minify(),
  ],
};

export default [bundle, localeModules];
