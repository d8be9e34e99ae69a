// The demo page's settings: which case, which language, which look. They live in the address
// (?case=…&locale=…&theme=…), so a page can be shared as it is seen, and nothing is stored.
const CASES = ['popi-and-bongeka', 'gustavo-gatica', 'nassima-al-sada', 'melike-and-ozgur'];

const params = new URLSearchParams(location.search);
const chosen = CASES.includes(params.get('case')) ? params.get('case') : CASES[0];
const locale = params.get('locale') || 'en';
const theme = params.get('theme') === 'amnesty' ? 'amnesty' : '';

const campaign = document.getElementById('campaign');
const localeField = document.getElementById('locale');
const themeField = document.getElementById('theme');

// The page's own text stays English; the widgets speak the chosen language, and mirror for Arabic.
function applyLocale(value) {
  campaign.setAttribute('locale', value);
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
