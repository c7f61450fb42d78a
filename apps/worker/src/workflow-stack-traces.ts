/**
 * Temporal's TypeScript SDK records where every promise of a workflow was created (a promise hook
 * in the workflow thread builds an Error, formats its stack through the bundle's source map and
 * keeps it until the promise settles) so that the `__stack_trace` query (Temporal UI's "Stack
 * Trace" tab) can show where a running workflow waits. A conversation turn creates ~33 promises,
 * and that bookkeeping was a third of the workflow thread's CPU per message, plus garbage
 * (bench/message-roundtrip/profile.ts: 4.7 → 3.1 ms per message).
 *
 * Off (the default), the bundle sets the workflow realm's `Error.stackTraceLimit` to 0 before the
 * SDK freezes that realm's globals: the hook's Errors then capture no frames and cost next to
 * nothing. What is lost: the stack trace query answers with empty stacks, and errors thrown in
 * workflow code carry their message and type but no frames. Where a conversation waits is known
 * without it (its node and phase are in its state and the inbox); turn it on
 * (PARLEY_WORKFLOW_STACK_TRACES=true) to debug a workflow that is stuck somewhere unexpected.
 * Workflow commands do not depend on it, so histories replay the same either way.
 */
export function withWorkflowStackTraces(bundle: { code: string }, stackTraces: boolean): { code: string } {
  if (stackTraces) return bundle;
  // On the bundle's first line, which is webpack's preamble: no later line moves, so the source
  // map still fits (it is only read when a stack is formatted, i.e. with traces on).
  return { ...bundle, code: `${NO_STACK_FRAMES}${bundle.code}` };
}

/** Runs when the SDK evaluates the bundle in the workflow realm, before it freezes `Error`. */
const NO_STACK_FRAMES = "Error.stackTraceLimit = 0; ";
