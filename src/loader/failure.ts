/**
 * What a widget says when its code could not be fetched (a filter or a proxy blocked it, the network
 * dropped): in words, in the page's language where we have it, instead of a blank box.
 */
const SAYS: Record<string, string> = {
  en: 'This campaign widget could not load. Check your connection, then reload the page.',
  ar: 'تعذّر تحميل عنصر الحملة هذا. تحقّق من اتصالك، ثم أعد تحميل الصفحة.',
  es: 'Este elemento de la campaña no se pudo cargar. Comprueba tu conexión y vuelve a cargar la página.',
  fr: 'Cet élément de la campagne n’a pas pu se charger. Vérifiez votre connexion, puis rechargez la page.',
  tr: 'Bu kampanya öğesi yüklenemedi. Bağlantınızı kontrol edin, ardından sayfayı yeniden yükleyin.',
};

const STYLE =
  ':host{display:block}p{margin:0;padding:var(--w4r-space,1rem);border:1px solid;' +
  'border-radius:var(--w4r-radius,.375rem);font:inherit;color:inherit}';

let sheet: CSSStyleSheet | undefined;

/** Puts the message in the element's own shadow root: no host page CSS reaches it, no inline style needed. */
export function showFailure(element: Element): void {
  if (element.shadowRoot) return;
  const lang = (element.closest('[lang]')?.getAttribute('lang') ?? 'en').toLowerCase().split('-')[0]!;
  const known = lang in SAYS ? lang : 'en';
  const root = element.attachShadow({ mode: 'open' });
  try {
    sheet ??= new CSSStyleSheet();
    sheet.replaceSync(STYLE);
    root.adoptedStyleSheets = [sheet];
  } catch {
    // Without constructable style sheets the words still show, unstyled.
  }
  const message = document.createElement('p');
  message.setAttribute('role', 'alert');
  message.lang = known;
  if (known === 'ar') message.dir = 'rtl';
  message.textContent = SAYS[known]!;
  root.append(message);
}
