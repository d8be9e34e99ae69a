import PDFDocument from 'pdfkit';
import { layoutText, singleLine, type Line, type Measure } from './bidi-text.js';
import { FONTS, type Weight } from './fonts.js';
import { forgetLayouts, prepareRightToLeft } from './pdfkit-fonts.js';

export interface DeliverySigner {
  name: string;
  country: string;
  /** ISO date-time. */
  createdAt: string;
}

export interface DeliveryMessage {
  name: string;
  country: string | null;
  text: string;
  createdAt: string;
}

export interface DeliveryCountry {
  country: string | null;
  signatures: number;
  letters: number;
  messages: number;
}

/** What a delivery document says: addressed to the case's target, then every signer. */
export interface DeliveryContent {
  campaignName: string;
  caseName: string;
  target: { name: string; title?: string | undefined; address?: string | undefined };
  petitionText: string;
  date: Date;
  totals: { signatures: number; letters: number; messages: number };
  byCountry: DeliveryCountry[];
  /** Read as the document is written, so no more than a page of them is held at once. */
  signers: AsyncIterable<DeliverySigner>;
  /** The approved messages, for an appendix; absent leaves it out. */
  messages?: AsyncIterable<DeliveryMessage> | undefined;
}

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = 56;
const CONTENT = PAGE.width - 2 * MARGIN;
/** Where content stops: the footer lives below. */
const BOTTOM = PAGE.height - MARGIN - 10;
const GREY = '#555555';
const RULE = '#bbbbbb';

/** Where a table's column stands and how its text is aligned. */
interface Column {
  x: number;
  width: number;
  align?: Align;
}

/** Signers' table: row number, name, country, date. */
const COLUMNS: readonly Column[] = [
  { x: 0, width: 44, align: 'right' },
  { x: 56, width: 250, align: 'left' },
  { x: 316, width: 100, align: 'left' },
  { x: 420, width: CONTENT - 420, align: 'left' },
];
const ROW = 14;

const numbers = new Intl.NumberFormat('en-GB');
const regions = new Intl.DisplayNames('en', { type: 'region', fallback: 'code' });
const countryName = (code: string | null) => {
  if (!code) return 'Not given';
  try {
    return regions.of(code) ?? code;
  } catch {
    return code;
  }
};
const day = (iso: string) => iso.slice(0, 10);

/** `start` follows the text's direction; table cells keep `left` whatever their script. */
type Align = 'start' | 'left' | 'right' | 'center';

/** Text on pages: every string through the bidi layout, every page with its number. */
class Pages {
  readonly doc: PDFKit.PDFDocument;
  y = MARGIN;
  private page = 0;
  private size = 10;
  private onPage: (() => void) | undefined;

  constructor(
    private readonly footer: string,
    content: DeliveryContent,
  ) {
    this.doc = new PDFDocument({
      size: 'A4',
      margin: MARGIN,
      autoFirstPage: false,
      bufferPages: false,
      // The document's own words are English; the petition keeps the case's language.
      lang: 'en',
      displayTitle: true,
      info: {
        Title: `Petition for ${content.caseName}`,
        Author: content.campaignName,
        Subject: `Signatures for ${content.target.name}`,
        CreationDate: content.date,
      },
    });
    for (const [name, file] of Object.entries(FONTS)) this.doc.registerFont(name, file);
  }

  readonly measure: Measure = (text, font, rtl) =>
    this.doc
      .font(font)
      .fontSize(this.size)
      .widthOfString(text, rtl ? { features: [] } : {});

  /** Starts a page, with its number at the foot; `then` runs on every new page (a table's header). */
  newPage(then?: () => void): void {
    this.onPage = then;
    this.doc.addPage();
    forgetLayouts(this.doc);
    this.page++;
    this.y = MARGIN;
    const size = this.size;
    this.size = 8;
    this.doc.fillColor(GREY);
    const line = singleLine(`${this.footer} · page ${this.page}`, {
      width: CONTENT,
      measure: this.measure,
      direction: 'ltr',
    });
    this.draw(line, MARGIN, PAGE.height - MARGIN + 14, CONTENT, 'center');
    this.doc.fillColor('black');
    this.size = size;
    this.onPage?.();
  }

  /** Makes room for `height` more points, on a new page when this one is full. */
  room(height: number): void {
    if (this.y + height > BOTTOM) this.newPage(this.onPage);
  }

  private draw(line: Line, x: number, y: number, width: number, align: Align): void {
    let left = x;
    if (align === 'center') left = x + (width - line.width) / 2;
    else if (align === 'right' || (align === 'start' && line.rtl)) left = x + width - line.width;
    // Every script's font on one baseline, whatever its ascent.
    const baseline = y + this.size;
    for (const run of line.runs) {
      this.doc.font(run.font).fontSize(this.size);
      if (run.rtl) prepareRightToLeft(this.doc, run.text);
      // A right-to-left run is shaped whole: word by word, its words would come out in logical order.
      this.doc.text(run.text, left, baseline, {
        lineBreak: false,
        baseline: 'alphabetic',
        ...(run.rtl ? { features: [] } : {}),
      });
      left += run.width;
    }
  }

  /** A paragraph, wrapped, each of its own lines in its own direction. */
  paragraph(
    text: string,
    options: {
      size?: number;
      weight?: Weight;
      gap?: number;
      x?: number;
      width?: number;
      direction?: 'ltr' | 'rtl';
    } = {},
  ): void {
    this.size = options.size ?? 10;
    const x = MARGIN + (options.x ?? 0);
    const width = options.width ?? CONTENT - (options.x ?? 0);
    const leading = this.size * 1.45;
    for (const line of layoutText(text, {
      width,
      weight: options.weight ?? 'regular',
      measure: this.measure,
    })) {
      this.room(leading);
      this.draw(line, x, this.y, width, 'start');
      this.y += leading;
    }
    this.y += options.gap ?? 0;
  }

  /** One line of table cells at the current height; each cell is cut to its column. */
  cells(
    values: { text: string; x: number; width: number; align?: Align; weight?: Weight }[],
    size: number,
  ): void {
    this.size = size;
    for (const cell of values) {
      const line = singleLine(cell.text, {
        width: cell.width,
        weight: cell.weight ?? 'regular',
        measure: this.measure,
      });
      this.draw(line, MARGIN + cell.x, this.y, cell.width, cell.align ?? 'left');
    }
  }

  /** A table's header: its titles in bold over a rule, in the table's columns. */
  tableHeader(titles: readonly string[], columns: readonly Column[]): void {
    this.cells(
      titles.map((text, i) => ({ text, ...columns[i]!, weight: 'bold' as const })),
      9,
    );
    this.y += ROW;
    this.rule();
    this.y += 3;
  }

  /** One row of a table, in the table's columns. */
  tableRow(values: readonly string[], columns: readonly Column[]): void {
    this.cells(
      values.map((text, i) => ({ text, ...columns[i]! })),
      9,
    );
    this.y += ROW;
  }

  rule(): void {
    this.doc
      .moveTo(MARGIN, this.y)
      .lineTo(MARGIN + CONTENT, this.y)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();
  }
}

function cover(pages: Pages, content: DeliveryContent): void {
  pages.newPage();
  pages.doc.fillColor(GREY);
  pages.paragraph(`Delivered on behalf of the supporters of ${content.campaignName}`, { size: 9, gap: 18 });
  pages.doc.fillColor('black');
  pages.paragraph('To', { size: 9, weight: 'bold' });
  pages.paragraph(content.target.name, { size: 12, weight: 'bold' });
  if (content.target.title) pages.paragraph(content.target.title, { size: 11 });
  if (content.target.address) pages.paragraph(content.target.address, { size: 11 });
  pages.y += 12;
  const date = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(content.date);
  pages.paragraph(`Date: ${date}`, { size: 10, gap: 18 });
  pages.paragraph(`Petition for ${content.caseName}`, { size: 18, weight: 'bold', gap: 6 });
  pages.paragraph(content.petitionText, { size: 11, gap: 18 });

  pages.paragraph('In numbers', { size: 13, weight: 'bold', gap: 2 });
  const { signatures, letters, messages } = content.totals;
  for (const [label, value] of [
    ['Signatures', signatures],
    ['Letters reported written and sent', letters],
    ['Messages of solidarity', messages],
  ] as const) {
    pages.room(16);
    pages.cells(
      [
        { text: label, x: 0, width: 300 },
        { text: numbers.format(value), x: 300, width: 100, align: 'right', weight: 'bold' },
      ],
      11,
    );
    pages.y += 16;
  }
  pages.y += 14;
  countries(pages, content.byCountry);
}

function countries(pages: Pages, rows: DeliveryCountry[]): void {
  if (rows.length === 0) return;
  pages.room(60);
  pages.paragraph('By country', { size: 13, weight: 'bold', gap: 2 });
  const columns: readonly Column[] = [
    { x: 0, width: 220 },
    { x: 230, width: 80, align: 'right' },
    { x: 320, width: 80, align: 'right' },
    { x: 410, width: 73, align: 'right' },
  ];
  pages.tableHeader(['Country', 'Signatures', 'Letters', 'Messages'], columns);
  // By name, as a reader looks a country up; those that named none last.
  const sorted = [...rows].sort((a, b) =>
    a.country === null
      ? 1
      : b.country === null
        ? -1
        : countryName(a.country).localeCompare(countryName(b.country), 'en'),
  );
  for (const row of sorted) {
    pages.room(ROW);
    pages.tableRow(
      [
        `${countryName(row.country)}${row.country ? ` (${row.country})` : ''}`,
        numbers.format(row.signatures),
        numbers.format(row.letters),
        numbers.format(row.messages),
      ],
      columns,
    );
  }
}

/** The signers' table; yields after every page so the reader of the stream sets the pace. */
async function* signerPages(pages: Pages, content: DeliveryContent): AsyncGenerator<void> {
  const header = () => pages.tableHeader(['#', 'Name', 'Country', 'Date signed'], COLUMNS);
  pages.newPage();
  pages.paragraph('Signatures', { size: 15, weight: 'bold', gap: 2 });
  if (content.totals.signatures === 0) {
    pages.paragraph('No one has signed this petition yet.', { size: 11 });
    return;
  }
  pages.paragraph(
    `${numbers.format(content.totals.signatures)} people signed this petition. Each is listed with their country and the day they signed; no other detail of theirs is given.`,
    { size: 10, gap: 8 },
  );
  header();
  let index = 0;
  let onThisPage = 0;
  for await (const signer of content.signers) {
    if (pages.y + ROW > BOTTOM) {
      pages.newPage(header);
      onThisPage = 0;
      yield;
    }
    index++;
    onThisPage++;
    pages.tableRow(
      [
        String(index),
        signer.name.trim() || '(name removed)',
        countryName(signer.country),
        day(signer.createdAt),
      ],
      COLUMNS,
    );
  }
  if (onThisPage === 0 && index === 0) pages.paragraph('No one has signed this petition yet.', { size: 11 });
}

async function* messagePages(pages: Pages, messages: AsyncIterable<DeliveryMessage>): AsyncGenerator<void> {
  pages.newPage();
  pages.paragraph('Appendix: messages of solidarity', { size: 15, weight: 'bold', gap: 8 });
  let count = 0;
  for await (const message of messages) {
    count++;
    pages.room(40);
    const who = [
      message.name.trim() || '(name removed)',
      countryName(message.country),
      day(message.createdAt),
    ];
    pages.doc.fillColor(GREY);
    pages.paragraph(who.join(' · '), { size: 9, weight: 'bold', direction: 'ltr' });
    pages.doc.fillColor('black');
    pages.paragraph(message.text, { size: 10, gap: 10 });
    if (count % 20 === 0) yield;
  }
  if (count === 0) pages.paragraph('No message of solidarity was approved for this case.', { size: 11 });
}

/**
 * The delivery document as a PDF stream: the cover page addressed to the target, the signers as a
 * numbered table, and the approved messages when asked. Pages are written as the reader takes them:
 * the signers are read a page at a time, and pdfkit sends each page out as the next begins.
 */
export function deliveryDocument(content: DeliveryContent): ReadableStream<Uint8Array> {
  const pages = new Pages(`Petition for ${content.caseName}`, content);
  const doc = pages.doc;
  async function* write(): AsyncGenerator<void> {
    cover(pages, content);
    yield;
    yield* signerPages(pages, content);
    if (content.messages) yield* messagePages(pages, content.messages);
  }
  const steps = write();
  let ended = false;
  let chunks = 0;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      doc.on('data', (chunk: Buffer) => {
        chunks++;
        controller.enqueue(new Uint8Array(chunk));
      });
      doc.on('end', () => controller.close());
      doc.on('error', (error: unknown) => controller.error(error));
    },
    // Writes pages until pdfkit hands out bytes: a pull that enqueued nothing would not be repeated.
    async pull(controller) {
      const before = chunks;
      try {
        while (!ended && chunks === before) {
          const { done } = await steps.next();
          if (done) {
            ended = true;
            doc.end();
          }
        }
      } catch (error) {
        ended = true;
        controller.error(error);
      }
    },
    async cancel() {
      ended = true;
      await steps.return(undefined);
    },
  });
}
