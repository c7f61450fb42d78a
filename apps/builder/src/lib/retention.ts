/**
 * The retention form's fields: a number of days, or "keep until erased" (null in the API). The
 * API checks the range (1–3650) and its reasons are shown at the field; only what cannot be sent
 * at all (an empty box, which JSON would turn into null and so into "keep forever") stops here.
 */
export interface RetentionDraft {
  forever: boolean;
  days: string;
}

/** What a new field starts from when the person unticks "Keep until erased". */
export const DEFAULT_RETENTION_DAYS = 365;

export function toDraft(days: number | null): RetentionDraft {
  return days === null ? { forever: true, days: String(DEFAULT_RETENTION_DAYS) } : { forever: false, days: String(days) };
}

export type ParsedDays = { ok: true; days: number | null } | { ok: false; error: string };

export function parseDraft(draft: RetentionDraft): ParsedDays {
  if (draft.forever) return { ok: true, days: null };
  const text = draft.days.trim();
  if (!/^\d+$/.test(text)) return { ok: false, error: text ? 'Enter whole days, e.g. 90' : 'Enter a number of days, or tick “Keep until erased”' };
  return { ok: true, days: Number(text) };
}

/** "90 days ≈ 3 months", "365 days = 1 year": the unit people think in, next to the days. */
export function describeDays(days: number): string {
  if (days % 365 === 0) return `${days / 365} ${days === 365 ? 'year' : 'years'}`;
  if (days % 7 === 0 && days < 60) return `${days / 7} ${days === 7 ? 'week' : 'weeks'}`;
  if (days >= 28 && days < 365) {
    const months = Math.round(days / 30.44);
    return `about ${months} ${months === 1 ? 'month' : 'months'}`;
  }
  if (days > 365) return `about ${(days / 365).toFixed(1).replace(/\.0$/, '')} years`;
  return `${days} ${days === 1 ? 'day' : 'days'}`;
}
