/**
 * Reads a satisfaction rating from what a customer typed: "4", "4/5", "I'd say 4", "five",
 * "⭐⭐⭐⭐". Returns null when there is no single rating within 1..max.
 */
const WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
};

export function parseRating(text: string, max: number): number | null {
  const lower = text.trim().toLowerCase();
  const stars = [...lower].filter((char) => char === "⭐" || char === "★").length;
  if (stars > 0) return stars <= max ? stars : null;
  // "4/5" or "4 out of 5": the first number is the rating.
  const numbers = lower.match(/\d+/g)?.map(Number) ?? [];
  const candidate = numbers[0] ?? Object.entries(WORDS).find(([word]) => new RegExp(`\\b${word}\\b`).test(lower))?.[1];
  if (candidate === undefined || !Number.isInteger(candidate)) return null;
  return candidate >= 1 && candidate <= max ? candidate : null;
}
