/**
 * `npm run build:manifest`: dist/custom-elements.json from the elements' JSDoc. Our elements register
 * through `defineElement('w4r-…', Class)` (it skips tags a second copy of the script already defined),
 * which the analyzer does not know, so a small plugin reads those calls to name each element's tag.
 */
function defineElementPlugin() {
  const tags = new Map();
  return {
    name: 'w4r-define-element',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isCallExpression(node) || node.expression.getText() !== 'defineElement') return;
      const [tag, element] = node.arguments;
      if (!tag || !element || !ts.isStringLiteral(tag)) return;
      tags.set(element.getText(), tag.text);
      moduleDoc.exports ??= [];
      moduleDoc.exports.push({
        kind: 'custom-element-definition',
        name: tag.text,
        declaration: { name: element.getText() },
      });
    },
    packageLinkPhase({ customElementsManifest }) {
      const homes = new Map();
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          const tag = tags.get(declaration.name);
          if (!tag) continue;
          declaration.customElement = true;
          declaration.tagName = tag;
          homes.set(declaration.name, module.path);
        }
      }
      for (const module of customElementsManifest.modules) {
        for (const item of module.exports ?? []) {
          if (item.kind === 'custom-element-definition' && homes.has(item.declaration.name)) {
            item.declaration.module = homes.get(item.declaration.name);
          }
        }
      }
    },
  };
}

export default {
  globs: ['src/elements/**/*.ts', 'src/core/element/w4r-element.ts'],
  exclude: ['src/**/*.styles.ts'],
  outdir: 'dist',
  litelement: true,
  plugins: [defineElementPlugin()],
};
