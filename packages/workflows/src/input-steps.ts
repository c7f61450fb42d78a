import {
  answerHint,
  isSsml,
  parseAnswer,
  parseAssignments,
  renderTemplate,
  splitChoices,
  ssmlToText,
  tryEvaluateExpression,
  type Variables,
} from "@parley/flow/runtime";
import type { FlowNode, NodeConfig } from "@parley/flow";
import { answerFollowUp } from "./knowledge-steps";
import type { StepContext, StepResult } from "./steps";

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

/**
 * start: sets the initial variables the starter (API, channel) did not provide, in order, so a
 * later line sees an earlier one. Which channel and trigger started the conversation was checked
 * by the API before the workflow started. An expression that fails sets null, with a note.
 */
export async function startStep(config: NodeConfig<"start">, ctx: StepContext, node: FlowNode): Promise<StepResult> {
  const parsed = config.variables.trim() ? parseAssignments(config.variables) : null;
  const provided = new Set(Object.keys(ctx.variables));
  for (const assignment of parsed?.ok ? parsed.assignments : []) {
    if (provided.has(assignment.variable)) continue;
    const result = tryEvaluateExpression(assignment.expression, ctx.variables);
    ctx.variables[assignment.variable] = result.ok ? result.value : null;
    if (!result.ok) ctx.note(`${node.label ?? node.id}: ${assignment.variable} = ${assignment.source} failed (${result.error.message}); set to null`);
  }
  return { port: "next" };
}

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

/**
 * voice_listen: says the prompt (if any), then waits at most `noInputSeconds` for the caller's
 * utterance → `heard` (stored) or `silence` (the variable is null). The gateway reads
 * `endOfSpeechMs` from the node the conversation waits at (state query) to end the caller's turn.
 * The no-input clock starts when the flow starts listening, not when the prompt finishes playing.
 */
export async function voiceListenStep(config: NodeConfig<"voice_listen">, ctx: StepContext, node: FlowNode): Promise<StepResult> {
  if (!ctx.resuming(node.id)) {
    const prompt = renderTemplate(config.prompt, ctx.variables).trim();
    if (prompt) ctx.say(prompt, { voiceText: prompt });
  }
  const heard = await ctx.waitForCustomer(Date.now() + config.noInputSeconds * 1000);
  ctx.variables[config.variable] = heard;
  return { port: heard === null ? "silence" : "heard" };
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
