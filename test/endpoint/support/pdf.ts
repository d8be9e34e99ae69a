/** Reads a PDF back with a real parser (pdf.js): its pages' text, line by line as a reader sees it. */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfText {
  pages: number;
  /**
   * Each page's lines, top to bottom: pieces on one baseline left to right, joined by a space where
   * there is a gap between them (table cells, words) and by nothing where one piece ends at the next
   * (a word the font's kerning split into two).
   */
  lines: string[][];
  /** Every line of every page. */
  all: string[];
}

export async function readPdf(bytes: Uint8Array): Promise<PdfText> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, verbosity: 0 })
    .promise;
  const lines: string[][] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    // Pieces on one baseline (within a point: scripts' fonts differ) make one line, left to right.
    const rows: { y: number; pieces: { x: number; width: number; text: string }[] }[] = [];
    for (const item of content.items) {
      if (!('str' in item) || item.str.trim() === '') continue;
      const [x, y] = [item.transform[4] as number, item.transform[5] as number];
      let row = rows.find((r) => Math.abs(r.y - y) < 1.5);
      if (!row) rows.push((row = { y, pieces: [] }));
      row.pieces.push({ x, width: item.width, text: item.str });
    }
    rows.sort((a, b) => b.y - a.y);
    lines.push(
      rows.map((row) =>
        row.pieces
          .sort((a, b) => a.x - b.x)
          .map((p) => p.text)
          .join(' '),
      ),
    );
  }
  await pdf.destroy();
  return { pages: pdf.numPages, lines, all: lines.flat() };
}
