import { isSsml, renderTemplate, ssmlToText, type Variables } from "@parley/flow/runtime";
import type { NodeConfig } from "@parley/flow";
import type { StepContext, StepResult } from "./step";

/*
 * Voice. The speech engines (text-to-speech, speech-to-text) arrive with the voice gateway in a
 * later issue; these steps already run: `voice_say` records a bot message whose meta carries what
 * to speak, and `voice_listen` waits for the next customer message, which is how the gateway
 * will deliver the caller's utterances. On text channels both work as plain chat.
 */

/**
 * voice_say: the message text is what text channels show (the fallback, or the words without
 * markup); meta.voiceText holds the words, meta.ssml the markup (when the text is SSML) and
 * meta.voice the voice. Variable values are XML-escaped inside SSML so they cannot break it.
 */
export async function voiceSayStep(config: NodeConfig<"voice_say">, ctx: StepContext): Promise<StepResult> {
  const ssml = isSsml(config.text);
  const spoken = renderTemplate(config.text, ssml ? xmlEscaped(ctx.variables) : ctx.variables).trim();
  const words = ssml ? ssmlToText(spoken) : spoken;
  const fallback = renderTemplate(config.fallbackText, ctx.variables).trim();
  ctx.say(fallback || words, {
    voiceText: words,
    ...(ssml ? { ssml: spoken } : {}),
    ...(config.voice ? { voice: config.voice } : {}),
  });
  return { port: "next" };
}

function xmlEscaped(variables: Variables): Variables {
  const escaped: Variables = {};
  for (const [name, value] of Object.entries(variables)) {
    escaped[name] =
      typeof value === "string"
        ? value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;")
        : value;
  }
  return escaped;
}
