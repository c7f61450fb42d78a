/**
 * Erasing a contact cannot be undone, so the dialog asks the person to type the contact's name
 * (what they are looking at) or the word ERASE (for contacts without a name).
 */
export const ERASE_WORD = 'ERASE';

export function confirmsErasure(typed: string, contactName: string | null): boolean {
  const text = typed.trim();
  if (text === ERASE_WORD) return true;
  const name = contactName?.trim();
  return Boolean(name) && text.toLocaleLowerCase() === name!.toLocaleLowerCase();
}
