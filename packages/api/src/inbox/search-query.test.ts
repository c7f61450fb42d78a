import { describe, expect, it } from "vitest";
import { parseSearch, toFts5, toTsquery } from "./search-query";

describe("parseSearch", () => {
  it("reads words, a prefix on the last word being typed and quoted phrases", () => {
    expect(parseSearch('refund "late delivery" ord')).toEqual([
      { tokens: ["refund"], prefix: false },
      { tokens: ["late", "delivery"], prefix: false },
      { tokens: ["ord"], prefix: true },
    ]);
    // A trailing space ends the last word: no prefix.
    expect(parseSearch("order ")).toEqual([{ tokens: ["order"], prefix: false }]);
  });

  it("keeps only letters and digits, so operators typed by the user are text", () => {
    expect(parseSearch('"')).toEqual([]);
    expect(parseSearch("*")).toEqual([]);
    expect(parseSearch("NEAR(a b)")).toEqual([
      { tokens: ["near", "a"], prefix: false },
      { tokens: ["b"], prefix: true },
    ]);
    expect(toFts5(parseSearch("cats OR dogs"))).toBe('"cats" "or" "dogs"*');
    expect(toTsquery(parseSearch("a:* & !b | 'c'"))).toBe("'a' & 'b' & 'c':*");
    expect(toFts5(parseSearch('"open phrase'))).toBe('"open phrase"');
  });

  it("keeps unicode letters and digits", () => {
    expect(toFts5(parseSearch("Müller 東京 ٣٤"))).toBe('"müller" "東京" "٣٤"*');
    expect(toTsquery(parseSearch('"e-mail address"'))).toBe("('e' <-> 'mail' <-> 'address')");
  });
});
