import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The delivery document's typefaces: Noto, shipped as .ttf files in npm packages, embedded as subsets. */
export const FONTS = {
  regular: require.resolve('@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf'),
  bold: require.resolve('@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf'),
  arabic:
    require.resolve('@expo-google-fonts/ibm-plex-sans-arabic/400Regular/IBMPlexSansArabic_400Regular.ttf'),
  arabicBold:
    require.resolve('@expo-google-fonts/ibm-plex-sans-arabic/700Bold/IBMPlexSansArabic_700Bold.ttf'),
  hebrew: require.resolve('@expo-google-fonts/noto-sans-hebrew/400Regular/NotoSansHebrew_400Regular.ttf'),
  hebrewBold: require.resolve('@expo-google-fonts/noto-sans-hebrew/700Bold/NotoSansHebrew_700Bold.ttf'),
} as const;

export type FontName = keyof typeof FONTS;
export type Weight = 'regular' | 'bold';
export type Script = 'latin' | 'arabic' | 'hebrew';

/** Arabic, Syriac, Thaana, N'Ko and the Arabic presentation forms: drawn with Noto Sans Arabic. */
const ARABIC = /[\u0600-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;
const HEBREW = /[\u0590-\u05FF\uFB1D-\uFB4F]/;
/** Spaces, digits and punctuation: drawn in the font of the text around them. */
const NEUTRAL = /[\s\p{N}\p{P}\p{S}\p{Cf}]/u;

/** The script whose font draws `char`, or null when any of them will do. */
export function scriptOf(char: string): Script | null {
  if (ARABIC.test(char)) return 'arabic';
  if (HEBREW.test(char)) return 'hebrew';
  if (NEUTRAL.test(char)) return null;
  return 'latin';
}

export function fontFor(script: Script, weight: Weight): FontName {
  if (script === 'latin') return weight;
  return weight === 'bold' ? `${script}Bold` : script;
}
