/**
 * What the delivery document needs of pdfkit (0.20) beyond its API: right-to-left text that readers
 * of the PDF can copy and search, and memory that does not grow with the number of signers. This
 * reaches into its embedded fonts, the one place that does: the glyphs' text (ToUnicode), their
 * positions, its layout cache. The delivery document's tests read Arabic back and fail if a new
 * pdfkit changes this.
 */

interface Position {
  xAdvance: number;
  xOffset: number;
  yOffset: number;
}

interface EmbeddedFont {
  layoutRun(text: string, features?: string[]): { direction: string; positions: Position[] };
  layout(text: string, features: string[]): { glyphs: { id: number; codePoints: number[] }[] };
  subset: { includeGlyph(id: number): number };
  unicode: (number[] | undefined)[];
}

const prepared = new WeakSet<object>();

/**
 * pdfkit remembers the layout of every word it draws, for as long as the document lasts; with a
 * million different names that is most of the memory. Forgetting them at each page keeps what is
 * repeated on a page (countries, dates) and bounds the rest to a page's worth.
 */
export function forgetLayouts(doc: PDFKit.PDFDocument): void {
  const families = (doc as unknown as { _fontFamilies?: Record<string, { layoutCache?: object }> })
    ._fontFamilies;
  for (const font of Object.values(families ?? {})) {
    if (font.layoutCache) font.layoutCache = Object.create(null) as object;
  }
}

/**
 * A glyph the font moves sideways (a reh before a yeh, in Arabic kerning) is written by pdfkit at a
 * position of its own, out of the text's flow, and readers then see a gap and put a space into the
 * word ("العز يز"). The same move made as extra advance of the glyph before it draws the same picture
 * in the flow.
 */
function inFlow(positions: Position[]): void {
  for (let i = 1; i < positions.length; i++) {
    const position = positions[i]!;
    if (position.xOffset === 0 || position.yOffset !== 0) continue;
    positions[i - 1]!.xAdvance += position.xOffset;
    position.xAdvance -= position.xOffset;
    position.xOffset = 0;
  }
}

/**
 * Gets the current font of `doc` ready to draw the right-to-left run `text`, shaped whole.
 *
 * A ligature (lam-alef) is one glyph for several letters. Readers take each glyph's letters from the
 * ToUnicode map and, seeing right-to-left text, turn the line around, a ligature's letters included;
 * so they are recorded in reverse, and "صلاح" reads back as written instead of as "صالح". pdfkit
 * records a glyph's letters once, when first drawn: this records them first.
 */
export function prepareRightToLeft(doc: PDFKit.PDFDocument, text: string): void {
  const font = (doc as unknown as { _font?: Partial<EmbeddedFont> })._font;
  if (!font?.layoutRun || !font.layout || !font.subset || !font.unicode) return;
  if (!prepared.has(font)) {
    prepared.add(font);
    const layoutRun = font.layoutRun.bind(font);
    font.layoutRun = (runText, features) => {
      const run = layoutRun(runText, features);
      if (run.direction === 'rtl') inFlow(run.positions);
      return run;
    };
  }
  for (const glyph of font.layout(text, []).glyphs) {
    if (glyph.codePoints.length < 2) continue;
    const id = font.subset.includeGlyph(glyph.id);
    font.unicode[id] ??= [...glyph.codePoints].reverse();
  }
}
