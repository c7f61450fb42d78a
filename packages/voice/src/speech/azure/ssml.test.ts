import { describe, expect, it } from "vitest";
import { buildSsml } from "./ssml";

describe("buildSsml", () => {
  it("wraps text in the voice, with the language from the voice name, escaped", () => {
    const ssml = buildSsml({ text: " Tom & Jerry <3 " }, "en-GB-SoniaNeural");
    expect(ssml).toBe(
      '<speak version="1.0" xmlns="http://www.w3.org/2001/10/synthesis" xml:lang="en-GB"><voice name="en-GB-SoniaNeural">Tom &amp; Jerry &lt;3</voice></speak>',
    );
  });

  it("uses the request's voice over the default", () => {
    expect(buildSsml({ text: "Hallo", voice: "de-DE-KatjaNeural" }, "en-US-JennyNeural")).toContain('xml:lang="de-DE"><voice name="de-DE-KatjaNeural">');
  });

  it("passes a caller's SSML document through unchanged", () => {
    const doc = '<?xml version="1.0"?><speak version="1.0" xml:lang="en-US"><voice name="en-US-JennyNeural"><break time="200ms"/>Hi</voice></speak>';
    expect(buildSsml({ text: "", ssml: doc }, "en-US-JennyNeural")).toBe(doc);
  });

  it("refuses empty text, non-SSML, unknown voice names and huge documents as bad requests", () => {
    const kind = (fn: () => unknown) => {
      try {
        fn();
        return "none";
      } catch (error) {
        return (error as { kind: string }).kind;
      }
    };
    expect(kind(() => buildSsml({ text: "  " }, "en-US-JennyNeural"))).toBe("bad-request");
    expect(kind(() => buildSsml({ text: "", ssml: "<voice>hi</voice>" }, "en-US-JennyNeural"))).toBe("bad-request");
    expect(kind(() => buildSsml({ text: "hi", voice: "robot voice" }, "en-US-JennyNeural"))).toBe("bad-request");
    expect(kind(() => buildSsml({ text: "word ".repeat(3000) }, "en-US-JennyNeural"))).toBe("bad-request");
  });
});
