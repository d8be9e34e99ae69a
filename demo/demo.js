// The demo page's settings: which case, which language, which look. They live in the address
// (?case=…&locale=…&theme=…), so a page can be shared as it is seen, and nothing is stored.
const CASES = ['popi-and-bongeka', 'gustavo-gatica', 'nassima-al-sada', 'melike-and-ozgur'];

// The page's own words in each language of the switcher; the HTML carries the English, for readers
// without scripts. Keys match the `data-text` attributes, plus the page's title and description.
const PAGE_TEXT = {
  en: {
    dir: 'ltr',
    title: 'Write for Rights 2020 — write a letter, change a life',
    description:
      'Sign, write and send solidarity for four people whose rights are at risk: the Write for Rights 2020 cases.',
    skip: 'Skip to the case',
    brand: 'Write for Rights 2020',
    language: 'Language',
    look: 'Look',
    'look-default': 'Default',
    heading: 'Write a letter. Change a life.',
    intro:
      'Every year, people all over the world write millions of letters, sign petitions and send messages of solidarity for people whose rights are under attack. Real change happens because of these actions. Choose a case, then act in the way that suits you.',
    cases: 'Four cases',
    chosen: 'The case you chose',
    footer:
      'A demonstration of the w4r-widgets with the Write for Rights 2020 cases. Nothing here sets cookies or loads anything from another site.',
    privacy: 'Privacy policy',
    blog: 'The same card, embedded in a blog post',
  },
  es: {
    dir: 'ltr',
    title: 'Escribe por los derechos 2020: escribe una carta, cambia una vida',
    description:
      'Firma, escribe y envía tu solidaridad a cuatro personas cuyos derechos están en peligro: los casos de Escribe por los derechos 2020.',
    skip: 'Ir al caso',
    brand: 'Escribe por los derechos 2020',
    language: 'Idioma',
    look: 'Aspecto',
    'look-default': 'Predeterminado',
    heading: 'Escribe una carta. Cambia una vida.',
    intro:
      'Cada año, personas de todo el mundo escriben millones de cartas, firman peticiones y envían mensajes de solidaridad a personas cuyos derechos están siendo atacados. Estas acciones logran cambios reales. Elige un caso y actúa como mejor te convenga.',
    cases: 'Cuatro casos',
    chosen: 'El caso que elegiste',
    footer:
      'Una demostración de los w4r-widgets con los casos de Escribe por los derechos 2020. Esta página no usa cookies ni carga nada de otros sitios.',
    privacy: 'Política de privacidad',
    blog: 'La misma tarjeta, insertada en una entrada de blog',
  },
  fr: {
    dir: 'ltr',
    title: 'Écrire pour les droits 2020 — écrivez une lettre, changez une vie',
    description:
      'Signez, écrivez et envoyez un message de solidarité pour quatre personnes dont les droits sont menacés : les cas d’Écrire pour les droits 2020.',
    skip: 'Aller au cas',
    brand: 'Écrire pour les droits 2020',
    language: 'Langue',
    look: 'Apparence',
    'look-default': 'Par défaut',
    heading: 'Écrivez une lettre. Changez une vie.',
    intro:
      'Chaque année, partout dans le monde, des personnes écrivent des millions de lettres, signent des pétitions et envoient des messages de solidarité à des personnes dont les droits sont bafoués. Ces actions changent réellement les choses. Choisissez un cas, puis agissez de la manière qui vous convient.',
    cases: 'Quatre cas',
    chosen: 'Le cas que vous avez choisi',
    footer:
      'Une démonstration des w4r-widgets avec les cas d’Écrire pour les droits 2020. Cette page ne dépose aucun cookie et ne charge rien depuis un autre site.',
    privacy: 'Politique de confidentialité',
    blog: 'La même fiche, intégrée à un article de blog',
  },
  ar: {
    dir: 'rtl',
    title: 'اكتب من أجل الحقوق 2020 — اكتبوا رسالة، وغيّروا حياة',
    description:
      'وقّعوا واكتبوا وأرسلوا رسائل تضامن من أجل أربعة أشخاص حقوقهم في خطر: قضايا حملة «اكتب من أجل الحقوق» لعام 2020.',
    skip: 'الانتقال إلى القضية',
    brand: 'اكتب من أجل الحقوق 2020',
    language: 'اللغة',
    look: 'المظهر',
    'look-default': 'الافتراضي',
    heading: 'اكتبوا رسالة. غيّروا حياة.',
    intro:
      'في كل عام، يكتب أناس في كل أنحاء العالم ملايين الرسائل، ويوقّعون العرائض، ويرسلون رسائل التضامن من أجل أشخاص تتعرض حقوقهم للانتهاك. وبفضل هذه التحركات يحدث تغيير حقيقي. اختاروا قضية، ثم تحرّكوا بالطريقة التي تناسبكم.',
    cases: 'أربع قضايا',
    chosen: 'القضية التي اخترتموها',
    footer:
      'عرض توضيحي لمكوّنات w4r-widgets مع قضايا حملة «اكتب من أجل الحقوق» لعام 2020. لا تضع هذه الصفحة أي ملفات تعريف ارتباط، ولا تحمّل أي شيء من موقع آخر.',
    privacy: 'سياسة الخصوصية',
    blog: 'البطاقة نفسها مضمّنة في تدوينة',
  },
  tr: {
    dir: 'ltr',
    title: 'Haklar İçin Yaz 2020 — bir mektup yazın, bir hayatı değiştirin',
    description:
      'Hakları tehlikede olan dört kişi için imza verin, mektup yazın ve dayanışma mesajı gönderin: Haklar İçin Yaz 2020 vakaları.',
    skip: 'Vakaya geç',
    brand: 'Haklar İçin Yaz 2020',
    language: 'Dil',
    look: 'Görünüm',
    'look-default': 'Varsayılan',
    heading: 'Bir mektup yazın. Bir hayatı değiştirin.',
    intro:
      'Her yıl dünyanın dört bir yanından insanlar, hakları saldırı altında olan kişiler için milyonlarca mektup yazıyor, imza kampanyalarına katılıyor ve dayanışma mesajları gönderiyor. Bu eylemler sayesinde gerçek değişimler yaşanıyor. Bir vaka seçin, ardından size en uygun şekilde harekete geçin.',
    cases: 'Dört vaka',
    chosen: 'Seçtiğiniz vaka',
    footer:
      'Haklar İçin Yaz 2020 vakalarıyla w4r-widgets bileşenlerinin bir tanıtımı. Bu sayfa çerez kullanmaz ve başka bir siteden hiçbir şey yüklemez.',
    privacy: 'Gizlilik politikası',
    blog: 'Aynı kart, bir blog yazısına yerleştirilmiş hâliyle',
  },
};

const params = new URLSearchParams(location.search);
const chosen = CASES.includes(params.get('case')) ? params.get('case') : CASES[0];
const locale = params.get('locale') || 'en';
const theme = params.get('theme') === 'amnesty' ? 'amnesty' : '';

const campaign = document.getElementById('campaign');
const localeField = document.getElementById('locale');
const themeField = document.getElementById('theme');

/** The widgets speak the chosen language; the page says its own words in it and runs in its direction. */
function applyLocale(value) {
  campaign.setAttribute('locale', value);
  const language = value.toLowerCase().split('-')[0];
  const text = PAGE_TEXT[language] ?? PAGE_TEXT.en;
  const root = document.documentElement;
  root.lang = PAGE_TEXT[language] ? value : 'en';
  root.dir = text.dir;
  document.title = text.title;
  document.querySelector('meta[name="description"]').content = text.description;
  for (const element of document.querySelectorAll('[data-text]')) {
    element.textContent = text[element.dataset.text];
  }
}

function applyTheme(value) {
  if (value) campaign.setAttribute('theme', value);
  else campaign.removeAttribute('theme');
  document.documentElement.classList.toggle('theme-amnesty', value === 'amnesty');
}

function address(changes) {
  const next = new URLSearchParams(location.search);
  for (const [key, value] of Object.entries(changes)) {
    if (value) next.set(key, value);
    else next.delete(key);
  }
  return `?${next}${location.hash}`;
}

// Before the widgets start (this script runs before w4r.js), point the action area at the chosen case.
for (const widget of document.querySelectorAll('[data-selected]')) widget.setAttribute('case', chosen);
document.getElementById('case-field').value = chosen;

for (const card of document.querySelectorAll('.case-list w4r-case-card')) {
  if (card.getAttribute('case') === chosen) card.closest('li').classList.add('is-selected');
}

localeField.value = locale;
themeField.value = theme;
applyLocale(locale);
applyTheme(theme);

localeField.addEventListener('change', () => {
  applyLocale(localeField.value);
  history.replaceState(null, '', address({ locale: localeField.value === 'en' ? '' : localeField.value }));
  refreshCardLinks();
});
themeField.addEventListener('change', () => {
  applyTheme(themeField.value);
  history.replaceState(null, '', address({ theme: themeField.value }));
  refreshCardLinks();
});

/** Each small card's "Take action" opens its case in the action area, keeping the settings. */
function refreshCardLinks() {
  for (const card of document.querySelectorAll('.case-list w4r-case-card')) {
    const href = new URL(address({ case: card.getAttribute('case') }), location.href);
    href.hash = 'case';
    card.setAttribute('action-href', `${href.search}${href.hash}`);
  }
}
refreshCardLinks();

// Arriving on a chosen case, put keyboard and screen-reader focus there.
if (location.hash === '#case') document.getElementById('case').focus({ preventScroll: false });
