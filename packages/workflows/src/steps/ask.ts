import { answerHint, parseAnswer, renderTemplate, splitChoices } from "@parley/flow/runtime";
import type { FlowNode, NodeConfig } from "@parley/flow";
import { answerFollowUp } from "./knowledge-search";
import type { StepContext, StepResult } from "./step";

/**
 * ask: says the question (with the options as quick replies for a choice), then reads replies
 * until one fits the answer type. A reply that does not fit gets the retry prompt (or a hint for
 * the type) up to `maxRetries` times; then `invalid`. With a timeout each prompt waits at most
 * that long, then `timeout`. The variable holds the normalised answer, or null when there was
 * none. An ask with the defaults (free text, no timeout) waits exactly as it always did, so
 * recorded histories replay unchanged. With `answerFollowUps`, a reply to a choice that the
 * knowledge base answers gets that answer and the question again; it does not count as a retry.
 *
 * A run continued-as-new while the node waits resumes it without repeating the question; the
 * retry count then starts over (it is not part of the checkpoint). A timed wait never continues
 * as new (see waitForCustomer).
 */
export async function askStep(config: NodeConfig<"ask">, ctx: StepContext, node: FlowNode): Promise<StepResult> {
  const choices = config.inputType === "choice" ? splitChoices(config.choices) : [];
  const meta = choices.length > 0 ? { quickReplies: choices } : undefined;
  if (!ctx.resuming(node.id)) ctx.say(renderTemplate(config.question, ctx.variables), meta);
  for (let wrongAnswers = 0; ; ) {
    const reply =
      config.timeoutMinutes > 0
        ? await ctx.waitForCustomer(Date.now() + config.timeoutMinutes * 60_000)
        : await ctx.waitForCustomer();
    if (reply === null) {
      ctx.variables[config.variable] = null;
      return { port: "timeout" };
    }
    // Workflow time: deterministic on replay, so "tomorrow" always means the same day.
    const answer = parseAnswer(config.inputType, reply, { choices, pattern: config.pattern, now: Date.now() });
    if (answer.ok) {
      ctx.variables[config.variable] = answer.value;
      return { port: "answered" };
    }
    if (await answerFollowUp(config, ctx, node, reply)) {
      ctx.say(renderTemplate(config.question, ctx.variables), meta);
      continue;
    }
    if (wrongAnswers >= config.maxRetries) {
      ctx.variables[config.variable] = null;
      return { port: "invalid" };
    }
    wrongAnswers++;
    const retry = renderTemplate(config.retryPrompt, ctx.variables).trim();
    ctx.say(retry || answerHint(config.inputType, choices), meta);
  }
}
