import { z } from 'zod';
import { textProblem, type TextRule } from './text';

/**
 * A zod schema applying the rule after trimming; the issue carries the problem's code in
 * `params.reason`, so clients can tell "empty" from "broken character".
 */
export function textSchema(rule: TextRule) {
  return z
    .string({ error: `${rule.label} must be text` })
    .trim()
    .superRefine((text, ctx) => {
      const problem = textProblem(text, rule);
      if (problem) ctx.addIssue({ code: 'custom', message: problem.message, params: { reason: problem.code } });
    });
}

/** An id in a request (a flow's, a conversation's, a label's). */
export const idSchema = textSchema({ label: 'id', max: 64 });

/** A short free-text label (a team, an intent name): `label` names it in errors. */
export const labelSchema = (label: string, max: number) => textSchema({ label, max });
