import { SpeechProviderError, type SynthesisRequest } from "../types";
import { escapeText } from "../offline/espeak-ssml";
import { AZURE_ENGINE } from "./classify";

/** Azure's limit for one SSML request is far higher; a reply this long is a bug upstream. */
export const MAX_AZURE_SSML_CHARS = 10_000;

/**
 * The SSML document Azure receives: the caller's own when given (it must be a <speak> document),
 * else the text, escaped, in the requested voice with its language taken from the voice name.
 */
export function buildSsml(request: SynthesisRequest, defaultVoice: string): string {
  const voice = request.voice ?? defaultVoice;
  let ssml: string;
  if (request.ssml !== undefined && request.ssml.trim() !== "") {
    ssml = request.ssml.trim();
    if (!/^(<\?xml[^>]*\?>\s*)?<speak[\s>]/i.test(ssml) || !/<\/speak>$/i.test(ssml)) {
      throw new SpeechProviderError("bad-request", "ssml must be a <speak>…</speak> document", { engine: AZURE_ENGINE });
    }
  } else {
    if (typeof request.text !== "string" || request.text.trim() === "") {
      throw new SpeechProviderError("bad-request", "nothing to say: text and ssml are empty", { engine: AZURE_ENGINE });
    }
    if (!/^[a-z]{2,3}-[A-Za-z]{2,4}(-[A-Za-z]+)*$/.test(voice)) {
      throw new SpeechProviderError("bad-request", `"${voice}" is not an Azure voice name (like en-US-JennyNeural)`, { engine: AZURE_ENGINE });
    }
    const lang = voice.split("-").slice(0, 2).join("-");
    ssml =
      `<speak version="1.0" xmlns="http://www.w3.org/2001/10/synthesis" xml:lang="${lang}">` +
      `<voice name="${voice}">${escapeText(request.text.trim())}</voice></speak>`;
  }
  if (ssml.length > MAX_AZURE_SSML_CHARS) {
    throw new SpeechProviderError("bad-request", `ssml of ${ssml.length} characters is over the ${MAX_AZURE_SSML_CHARS} limit`, { engine: AZURE_ENGINE });
  }
  return ssml;
}
