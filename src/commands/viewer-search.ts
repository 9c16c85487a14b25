/**
 * What a viewer (not an admin) may search customers by (DESIGN.md, "Data
 * protection": masking must not be undone by searching). Love&Pay's search
 * matches names, emails and phones by substring, so a viewer who could search
 * `9991` or `iuliia.zhukova` would learn hidden digits or confirm a masked
 * email one guess at a time. For viewers:
 * - a search with digits or an email's punctuation (`.`, `_`, `@`) is refused:
 *   a full phone, a full email or an id looks one customer up instead;
 * - of what the provider finds, only customers whose name holds every word
 *   of the search are shown, so a Latin word cannot probe an email's local
 *   part letter by letter either.
 */

/** Digits (any script) or the characters that join the parts of an email address. */
const NOT_A_NAME = /[\p{N}._@+]/u;

export function isViewerSearchAllowed(search: string): boolean {
  return !NOT_A_NAME.test(search);
}

/** Case- and ё/е-insensitive: every word of the search appears in the name. */
export function nameMatches(fullName: string | null | undefined, search: string): boolean {
  if (!fullName) return false;
  const name = fold(fullName);
  return fold(search)
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => name.includes(word));
}

const fold = (text: string): string => text.toLocaleLowerCase('ru').replace(/ё/g, 'е');
