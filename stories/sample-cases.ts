import type { Case } from '../src/schema/index.js';

/** Cases for stories, written like the demo campaign's (campaigns/write-for-rights-2020.json). */
export const gustavo: Case = {
  id: 'gustavo-gatica',
  name: 'Gustavo Gatica',
  country: 'CL',
  lang: 'en',
  headline: 'Blinded by police at a protest. No one has been held responsible.',
  summary:
    'Gustavo Gatica, a psychology student, was shot in both eyes by police during protests in Santiago in November 2019 and lost his sight. No one has been held responsible for his injuries.',
  story:
    'On 8 November 2019, Gustavo Gatica, a 21-year-old psychology student, joined a protest in central Santiago. Police fired riot-control shotguns loaded with pellets into the crowd. Gustavo was hit in both eyes and was left permanently blind.\n\nHundreds of other people suffered eye injuries during the protests, and thousands more were hurt.',
  target: {
    name: 'Jorge Abbott Charme',
    title: 'National Prosecutor of Chile',
    address: 'Fiscalía Nacional\nCatedral 1421\nSantiago\nChile',
  },
  petition: {
    text: 'We call on you to ensure justice for Gustavo Gatica: a prompt, thorough, independent and impartial investigation that brings to justice the officers who fired and the commanders responsible.',
    goal: 50000,
  },
  share: {
    text: 'Gustavo Gatica was blinded by police in Chile. I am calling for justice.',
    hashtags: ['WriteForRights'],
  },
};

/** Nassima al-Sada's case in Arabic, for right-to-left stories. */
export const nassimaArabic: Case = {
  id: 'nassima-al-sada',
  name: 'نسيمة السادة',
  country: 'SA',
  lang: 'ar',
  headline: 'مسجونة بسبب دفاعها عن حقوق المرأة.',
  summary:
    'ناضلت نسيمة السادة لسنوات من أجل حقوق المرأة في المملكة العربية السعودية، ومنها حق قيادة السيارة وإنهاء نظام ولاية الرجل. وهي محتجزة منذ يوليو/تموز 2018.',
  story:
    'اعتُقلت نسيمة السادة في يوليو/تموز 2018 بسبب عملها السلمي في مجال حقوق الإنسان.\n\nواحتُجزت في الحبس الانفرادي من فبراير/شباط 2019 إلى فبراير/شباط 2020.',
  target: { name: 'الملك سلمان بن عبد العزيز آل سعود', title: 'ملك المملكة العربية السعودية' },
  petition: { text: 'نطالبكم بالإفراج الفوري وغير المشروط عن نسيمة السادة.', goal: 50000 },
};

/**
 * A picture for a case with a photo: a lit candle on yellow, a 192×192 PNG as a data URI, which the card
 * shows as it shows an image from the endpoint's or the page's own origin.
 */
export const candlePicture: NonNullable<Case['image']> = {
  src: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAMAAAADAAgMAAAAvsoSUAAAADFBMVEX/2QAfHx/oagD/9tBjroTMAAAAmklEQVR42u3WsQmAMBRFUU3pKE5j4z6OYhmeQ7iPI9h8CVgK8oqAwXtrDyRi8u06IiIiIqKGW8znh2yCUSaQvDUlafW2IOW6YJT0MSCZ77U6SAWsPwNDAdkCe5gg4mgdbBEn4O0OKEDf2kP1TyOV82Ae0cMbEPWvSvv2tieQPUX9P4F+Arw03wEAAAAAAAAAAABAU2B+CEDUUBcS+WHpMbL4dAAAAABJRU5ErkJggg==',
  alt: 'Illustration: a lit candle on a yellow background',
};

/** A `<script type="application/json">` holding `data`, as a blogger pastes it inside a widget. */
export function inlineJson(data: unknown): HTMLScriptElement {
  const script = document.createElement('script');
  script.type = 'application/json';
  script.textContent = JSON.stringify(data);
  return script;
}
