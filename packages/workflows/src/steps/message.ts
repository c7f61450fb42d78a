import { renderTemplate } from "@parley/flow/runtime";
import type { NodeConfig } from "@parley/flow";
import type { StepContext, StepResult } from "./step";

/** message: says the text (a template), with its quick replies, media and spoken version if any. */
export async function messageStep(config: NodeConfig<"message">, ctx: StepContext): Promise<StepResult> {
  const quickReplies = splitList(config.quickReplies);
  const voiceText = renderTemplate(config.voiceText, ctx.variables).trim();
  ctx.say(renderTemplate(config.text, ctx.variables), {
    ...(quickReplies.length > 0 ? { quickReplies } : {}),
    ...(config.mediaUrl ? { mediaUrl: config.mediaUrl } : {}),
    ...(voiceText ? { voiceText } : {}),
  });
  return { port: "next" };
}

function splitList(text: string): string[] {
  return text.split(/[,\n]/).map((item) => item.trim()).filter(Boolean);
}
