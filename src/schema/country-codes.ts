// No imports: the country pickers and the schemas both read this list, and neither needs the other.

/** Every ISO 3166-1 alpha-2 code by its first letter: `A: 'DEFG…'` stands for AD, AE, AF, AG, … */
const CODES_BY_FIRST_LETTER: Record<string, string> = {
  A: 'DEFGILMOQRSTUWXZ',
  B: 'ABDEFGHIJLMNOQRSTVWYZ',
  C: 'ACDFGHIKLMNORUVWXYZ',
  D: 'EJKMOZ',
  E: 'CEGHRST',
  F: 'IJKMOR',
  G: 'ABDEFGHILMNPQRSTUWY',
  H: 'KMNRTU',
  I: 'DELMNOQRST',
  J: 'EMOP',
  K: 'EGHIMNPRWYZ',
  L: 'ABCIKRSTUVY',
  M: 'ACDEFGHKLMNOPQRSTUVWXYZ',
  N: 'ACEFGILOPRUZ',
  O: 'M',
  P: 'AEFGHKLMNRSTWY',
  Q: 'A',
  R: 'EOSUW',
  S: 'ABCDEGHIJKLMNORSTVXYZ',
  T: 'CDFGHJKLMNORTVWZ',
  U: 'AGMSYZ',
  V: 'ACEGINU',
  W: 'FS',
  Y: 'ET',
  Z: 'AMW',
};

/** Every assigned ISO 3166-1 alpha-2 code: what the forms offer and the endpoint takes. */
export const COUNTRY_CODES: readonly string[] = Object.entries(CODES_BY_FIRST_LETTER).flatMap(
  ([first, seconds]) => [...seconds].map((second) => first + second),
);
