import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { pagePrintCss } from './letter.styles.js';

let pageSheet: CSSStyleSheet | undefined;
/** The letter whose own Print button started the printing: on a page with two, only that one prints. */
let printedByButton: HTMLElement | undefined;

/**
 * Prints the letter alone, whether the writer presses the widget's Print button or the browser's own
 * Print (Ctrl+P, the menu): from `beforeprint` to `afterprint` the element carries a `printing`
 * attribute and the page has a constructed style sheet (a strict CSP allows it) that hides the rest.
 */
export class LetterPrint implements ReactiveController {
  constructor(private readonly host: ReactiveControllerHost & HTMLElement & { renderRoot: ParentNode }) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('beforeprint', this.before);
    window.addEventListener('afterprint', this.after);
  }

  hostDisconnected(): void {
    window.removeEventListener('beforeprint', this.before);
    window.removeEventListener('afterprint', this.after);
    this.after();
  }

  /** The widget's Print button. */
  print(): void {
    printedByButton = this.host;
    this.start();
    window.print();
  }

  private readonly before = () => {
    if (printedByButton && printedByButton !== this.host) return;
    // A letter still loading, or hidden (in a closed tab of the page), leaves the page to print as it is.
    if (!this.host.renderRoot.querySelector('[part="letter"]') || !this.host.checkVisibility()) return;
    this.start();
  };

  private readonly after = () => {
    if (printedByButton === this.host) printedByButton = undefined;
    if (!this.host.hasAttribute('printing')) return;
    this.host.removeAttribute('printing');
    const doc = this.host.ownerDocument;
    doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((sheet) => sheet !== pageSheet);
  };

  private start(): void {
    const doc = this.host.ownerDocument;
    if (!pageSheet) {
      pageSheet = new CSSStyleSheet();
      pageSheet.replaceSync(pagePrintCss);
    }
    this.host.toggleAttribute('printing', true);
    if (!doc.adoptedStyleSheets.includes(pageSheet))
      doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, pageSheet];
  }
}
