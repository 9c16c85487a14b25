/** " (CODE)" after a sentence when the provider gave a code; nothing otherwise. */
export const paren = (code: string | undefined): string => (code ? ` (${code})` : '');
