/**
 * The double opt-in's words in the endpoint's languages: the email and the page its link opens.
 * Placeholders: {firstName}, {caseName}, {link}, {days}.
 */
export interface OptInWording {
  subject: string;
  email: string;
  confirmedTitle: string;
  confirmed: string;
  alreadyTitle: string;
  already: string;
  expiredTitle: string;
  expired: string;
  invalidTitle: string;
  invalid: string;
}

const en: OptInWording = {
  subject: 'Please confirm: news about {caseName}',
  email:
    'Hello {firstName},\n\nThank you for signing for {caseName}. Your signature counts already.\n\n' +
    'You asked for news about this case by email. Please confirm by opening this link within {days} days:\n\n' +
    '{link}\n\nIf you did not ask for this, ignore this email: you will not hear from us again.',
  confirmedTitle: 'Thank you: confirmed',
  confirmed: 'You will get news about {caseName} by email. You can unsubscribe at any time.',
  alreadyTitle: 'Already confirmed',
  already: 'You had already confirmed this. Nothing has changed.',
  expiredTitle: 'This link has expired',
  expired:
    'This confirmation link is no longer valid, so nothing was changed. Sign up again to get a new link. Your signature still counts.',
  invalidTitle: 'This link does not work',
  invalid:
    'This confirmation link is not complete or not valid, so nothing was changed. Please open the link exactly as it is in the email.',
};

const ar: OptInWording = {
  subject: 'يرجى التأكيد: أخبار عن {caseName}',
  email:
    'مرحبًا {firstName}،\n\nشكرًا لتوقيعك من أجل {caseName}. توقيعك محسوب بالفعل.\n\n' +
    'لقد طلبت تلقي أخبار عن هذه القضية عبر البريد الإلكتروني. يرجى التأكيد بفتح هذا الرابط خلال {days} أيام:\n\n' +
    '{link}\n\nإذا لم تطلب ذلك، فتجاهل هذه الرسالة: لن نراسلك مرة أخرى.',
  confirmedTitle: 'شكرًا لك: تم التأكيد',
  confirmed: 'ستصلك أخبار عن {caseName} عبر البريد الإلكتروني. يمكنك إلغاء الاشتراك في أي وقت.',
  alreadyTitle: 'تم التأكيد من قبل',
  already: 'لقد أكدت هذا من قبل. لم يتغير شيء.',
  expiredTitle: 'انتهت صلاحية هذا الرابط',
  expired:
    'رابط التأكيد هذا لم يعد صالحًا، لذا لم يتغير شيء. اشترك مرة أخرى لتحصل على رابط جديد. توقيعك ما زال محسوبًا.',
  invalidTitle: 'هذا الرابط لا يعمل',
  invalid:
    'رابط التأكيد هذا غير مكتمل أو غير صالح، لذا لم يتغير شيء. يرجى فتح الرابط كما هو تمامًا في الرسالة.',
};

const es: OptInWording = {
  subject: 'Confirma, por favor: noticias sobre {caseName}',
  email:
    'Hola, {firstName}:\n\nGracias por firmar por {caseName}. Tu firma ya cuenta.\n\n' +
    'Pediste recibir noticias sobre este caso por correo electrónico. Confírmalo abriendo este enlace en un plazo de {days} días:\n\n' +
    '{link}\n\nSi no lo pediste, ignora este mensaje: no volverás a saber de nosotros.',
  confirmedTitle: 'Gracias: confirmado',
  confirmed:
    'Recibirás noticias sobre {caseName} por correo electrónico. Puedes darte de baja cuando quieras.',
  alreadyTitle: 'Ya estaba confirmado',
  already: 'Ya lo habías confirmado. No ha cambiado nada.',
  expiredTitle: 'Este enlace ha caducado',
  expired:
    'Este enlace de confirmación ya no es válido, así que no se ha cambiado nada. Suscríbete de nuevo para recibir otro enlace. Tu firma sigue contando.',
  invalidTitle: 'Este enlace no funciona',
  invalid:
    'Este enlace de confirmación está incompleto o no es válido, así que no se ha cambiado nada. Abre el enlace tal como aparece en el mensaje.',
};

const fr: OptInWording = {
  subject: 'Merci de confirmer : des nouvelles de {caseName}',
  email:
    'Bonjour {firstName},\n\nMerci d’avoir signé pour {caseName}. Votre signature compte déjà.\n\n' +
    'Vous avez demandé à recevoir des nouvelles de ce cas par e-mail. Merci de confirmer en ouvrant ce lien dans les {days} jours :\n\n' +
    '{link}\n\nSi vous n’avez rien demandé, ignorez cet e-mail : vous ne recevrez rien d’autre.',
  confirmedTitle: 'Merci : c’est confirmé',
  confirmed:
    'Vous recevrez des nouvelles de {caseName} par e-mail. Vous pouvez vous désinscrire à tout moment.',
  alreadyTitle: 'Déjà confirmé',
  already: 'Vous l’aviez déjà confirmé. Rien n’a changé.',
  expiredTitle: 'Ce lien a expiré',
  expired:
    'Ce lien de confirmation n’est plus valable, rien n’a donc changé. Inscrivez-vous à nouveau pour recevoir un nouveau lien. Votre signature compte toujours.',
  invalidTitle: 'Ce lien ne fonctionne pas',
  invalid:
    'Ce lien de confirmation est incomplet ou n’est pas valable, rien n’a donc changé. Ouvrez le lien exactement tel qu’il figure dans l’e-mail.',
};

const tr: OptInWording = {
  subject: 'Lütfen onaylayın: {caseName} hakkında haberler',
  email:
    'Merhaba {firstName},\n\n{caseName} için imza verdiğiniz için teşekkürler. İmzanız şimdiden sayıldı.\n\n' +
    'Bu dava hakkında e-postayla haber almak istediniz. Lütfen {days} gün içinde bu bağlantıyı açarak onaylayın:\n\n' +
    '{link}\n\nBunu siz istemediyseniz bu e-postayı dikkate almayın: sizden bir daha haber almayacaksınız.',
  confirmedTitle: 'Teşekkürler: onaylandı',
  confirmed:
    '{caseName} hakkındaki haberler size e-postayla gelecek. Aboneliğinizi istediğiniz zaman iptal edebilirsiniz.',
  alreadyTitle: 'Zaten onaylanmış',
  already: 'Bunu daha önce onaylamıştınız. Hiçbir şey değişmedi.',
  expiredTitle: 'Bu bağlantının süresi doldu',
  expired:
    'Bu onay bağlantısı artık geçerli değil, bu yüzden hiçbir şey değişmedi. Yeni bir bağlantı için yeniden kaydolun. İmzanız hâlâ sayılıyor.',
  invalidTitle: 'Bu bağlantı çalışmıyor',
  invalid:
    'Bu onay bağlantısı eksik ya da geçersiz, bu yüzden hiçbir şey değişmedi. Lütfen bağlantıyı e-postadaki haliyle açın.',
};

const WORDING: Record<string, OptInWording> = { en, ar, es, fr, tr };

/** The languages the opt-in speaks. */
export const OPT_IN_LANGUAGES = Object.keys(WORDING);

/** The best of the opt-in's languages for `wanted` (in preference order), else `fallback`'s, else English. */
export function optInLanguage(wanted: readonly string[], fallback: string): string {
  for (const tag of [...wanted, fallback]) {
    const base = tag.toLowerCase().split('-')[0]!;
    if (WORDING[base]) return base;
  }
  return 'en';
}

export function wordingFor(lang: string): OptInWording {
  return WORDING[lang] ?? en;
}

/** Fills `{name}` placeholders. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole));
}
