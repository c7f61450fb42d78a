import fc from "fast-check";

/**
 * Values a client (or an attacker) can send: every kind of text that has broken something
 * somewhere (encodings, invisible characters, prototype keys, injection-looking text, sizes at
 * and past the limits) and every JSON shape (wrong types, deep nesting, huge arrays).
 */
export const hostileTexts: readonly string[] = [
  "",
  " ",
  "\t\n",
  "\ud800",
  "a\udc00b",
  "\udbff\udbff",
  "x\u0000y",
  "\u0000",
  "\u0007bell",
  "\u001b[31mred",
  "del\u007f",
  "\u200b\u200b",
  "\u200e\u200f",
  "\ufeff",
  "\u2060\u180e",
  "\u3164",
  "\u00ad",
  "\u202eevil\u202c",
  "שלום עולם",
  "مرحبا بالعالم",
  "👩‍👩‍👧‍👦🏳️‍🌈",
  "e\u0301\u0301\u0301",
  "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚o",
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "{{last_message}}",
  "${process.env}",
  "'; DROP TABLE \"Message\"; --",
  "<script>alert(1)</script>",
  "../../../etc/passwd",
  "%00%ud800%zz",
  "\\",
  '"',
  "null",
  "-1",
  "1e309",
  "hello",
  "x".repeat(64),
  "x".repeat(65),
  "x".repeat(4000),
  "x".repeat(4001),
  "🙂".repeat(2001),
  "a\u200b".repeat(3000),
];

/** Single characters that make text hard to store or to read, to mix into ordinary text. */
const trickyUnit = fc.constantFrom("\ud800", "\udc00", "\u0000", "\u0001", "\u200b", "\u202e", "\ufeff", "a", " ", "é", "😀", "\n");

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...hostileTexts) },
  { weight: 2, arbitrary: fc.string({ unit: trickyUnit, maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
);

export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: -3, max: 300 }),
  fc.constantFrom(0, -1, 0.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 31, -(2 ** 63)),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** An array nested `depth` deep: JSON parsers, validators and the database's JSON all recurse. */
export const nested = (depth: number, leaf: unknown = 1): unknown => {
  let value: unknown = leaf;
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
};

/** Any JSON value, with hostile keys and strings, and now and then very deep or very wide. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    { weight: 4, arbitrary: hostileString },
    { weight: 2, arbitrary: hostileNumber },
    { weight: 1, arbitrary: fc.constantFrom(true, false, null) },
    { weight: 2, arbitrary: fc.array(tie("value"), { maxLength: 5 }) },
    { weight: 2, arbitrary: fc.dictionary(fc.oneof(hostileString, fc.constantFrom("__proto__", "constructor", "id", "text")), tie("value"), { maxKeys: 5 }) },
    { weight: 1, arbitrary: fc.integer({ min: 20, max: 1000 }).map((depth) => nested(depth)) },
    { weight: 1, arbitrary: fc.integer({ min: 1000, max: 20_000 }).map((length) => Array.from({ length }, (_, i) => i)) },
  ),
})).value;
