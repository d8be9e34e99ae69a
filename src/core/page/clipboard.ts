/**
 * Puts `text` on the clipboard: the Clipboard API where the page may use it, else a hidden text area
 * and `execCommand('copy')` (older browsers, pages in frames without the permission). The text area is
 * placed in `container` (a widget's shadow root) so no style attribute is needed under a strict CSP.
 * Resolves false when neither worked, so the widget can ask the person to copy by hand.
 */
export async function copyText(text: string, container: Node & ParentNode): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Not allowed here, or not focused: try the old way.
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.readOnly = true;
  area.tabIndex = -1;
  area.className = 'visually-hidden';
  area.setAttribute('aria-hidden', 'true');
  container.append(area);
  area.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
  }
}
