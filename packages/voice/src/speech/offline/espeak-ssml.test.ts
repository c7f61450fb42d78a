import { describe, expect, it } from "vitest";
import { ssmlForEspeak } from "./espeak-ssml";

describe("ssmlForEspeak", () => {
  it("keeps the elements espeak-ng renders and drops Azure's, keeping their text", () => {
    const azure =
      '<?xml version="1.0"?><speak version="1.0" xmlns="http://www.w3.org/2001/10/synthesis" xmlns:mstts="https://www.w3.org/2001/mstts" xml:lang="en-US">' +
      '<voice name="en-US-JennyNeural"><mstts:express-as style="cheerful">Your order <break time="300ms"/> ships ' +
      '<prosody rate="slow" pitch="+5%" onclick="x">tomorrow</prosody> &amp; <say-as interpret-as="date">2026-12-01</say-as>.</mstts:express-as>' +
      '<bookmark mark="end"/><!-- note --></voice></speak>';
    expect(ssmlForEspeak(azure)).toBe(
      '<speak>Your order <break time="300ms"/> ships <prosody rate="slow" pitch="+5%">tomorrow</prosody> &amp; <say-as interpret-as="date">2026-12-01</say-as>.</speak>',
    );
  });

  it("wraps a fragment in <speak> and escapes CDATA text", () => {
    expect(ssmlForEspeak("Hello <emphasis level=\"strong\">there</emphasis><![CDATA[ a<b ]]>")).toBe(
      '<speak>Hello <emphasis level="strong">there</emphasis> a&lt;b</speak>',
    );
  });
});
