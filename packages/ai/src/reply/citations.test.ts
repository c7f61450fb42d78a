import { describe, expect, it } from "vitest";
import type { ScoredPassage } from "../knowledge/types";
import { resolveCitations } from "./citations";

const passage = (articleId: string, score = 0.5): ScoredPassage => ({ articleId, title: `T ${articleId}`, text: "…", score });

describe("resolveCitations", () => {
  it("maps markers to articles, one citation per article, numbered in order of first use", () => {
    const passages = [passage("a", 0.9), passage("b", 0.4), passage("a", 0.7)];
    const resolved = resolveCitations("First [2]. Second [1, 3]. Again [3].", passages);
    expect(resolved.text).toBe("First [1]. Second [2]. Again [2].");
    expect(resolved.citations).toEqual([
      { articleId: "b", title: "T b" },
      { articleId: "a", title: "T a" },
    ]);
    expect(resolved.cited.map((p) => p.score)).toEqual([0.4, 0.9, 0.7]);
  });

  it("removes markers that point at no source", () => {
    expect(resolveCitations("Made up [4]. Real [1].", [passage("a")])).toMatchObject({ text: "Made up. Real [1].", citations: [{ articleId: "a" }] });
    expect(resolveCitations("Nothing cited [0].", [passage("a")])).toMatchObject({ text: "Nothing cited.", citations: [], cited: [] });
  });
});
