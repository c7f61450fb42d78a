/**
 * SSML for espeak-ng's markup mode (-m). espeak-ng renders the core SSML elements; what it does
 * not know (Azure's mstts:* styles, <voice name="en-US-JennyNeural">, <lang>, <phoneme>,
 * <bookmark>) would be read aloud or would change its voice, so those tags are dropped and their
 * text kept. The voice comes from the request instead.
 */
const keptAttributes = {
  speak: [],
  p: [],
  s: [],
  break: ["time", "strength"],
  prosody: ["rate", "pitch", "volume"],
  emphasis: ["level"],
  "say-as": ["interpret-as", "format"],
  sub: ["alias"],
} as const satisfies Record<string, readonly string[]>;

type KeptTag = keyof typeof keptAttributes;

const isKept = (name: string): name is KeptTag => Object.hasOwn(keptAttributes, name);

export function ssmlForEspeak(ssml: string): string {
  const body = ssml
    .replace(/<\?xml[\s\S]*?\?>/g, "")
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_m, text: string) => escapeText(text));
  const converted = body.replace(/<(\/?)([A-Za-z][\w:.-]*)([^>]*?)(\/?)>/g, (_m, close: string, rawName: string, attrs: string, selfClose: string) => {
    const name = rawName.toLowerCase();
    if (!isKept(name)) return "";
    if (close) return `</${name}>`;
    const kept = keptAttributes[name]
      .map((attr) => {
        const match = new RegExp(`\\s${attr}\\s*=\\s*("([^"]*)"|'([^']*)')`, "i").exec(attrs);
        const value = match?.[2] ?? match?.[3];
        return value === undefined ? "" : ` ${attr}="${value.replace(/"/g, "&quot;")}"`;
      })
      .join("");
    return `<${name}${kept}${selfClose ? "/" : ""}>`;
  });
  return /^\s*<speak[\s>]/i.test(converted) ? converted.trim() : `<speak>${converted.trim()}</speak>`;
}

export function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
