/** Joins between the people a case names: "Popi Qwabe and Bongeka Phungula", "Melike y Özgür". */
const BETWEEN_PEOPLE = /\s+(?:and|&|y|e|et|und|ve|و)\s+|\s*,\s*/iu;

/** The article a family name may start with: "السادة", "al-Sada" and "el-Masri" stand for S and M. */
const ARTICLE = /^(?:ال|[ae]l-)(?=\p{L}{2})/iu;

const firstLetter = (word: string | undefined) => (word ? [...word][0]!.toLocaleUpperCase() : '');

/**
 * Up to two letters that stand for a case's people when there is no photo: the first letters of each
 * person's first name for two people or more ("PB"), of the first and last names for one ("GG"), a
 * family name's article skipped ("نسيمة السادة": "نس").
 */
export function initialsOf(name: string): string {
  const people = name.split(BETWEEN_PEOPLE).filter((part) => part.trim());
  if (people.length > 1)
    return people
      .slice(0, 2)
      .map((person) => firstLetter(person.trim().split(/\s+/)[0]))
      .join('');
  const words = name.trim().split(/\s+/);
  return firstLetter(words[0]) + (words.length > 1 ? firstLetter(words.at(-1)!.replace(ARTICLE, '')) : '');
}
