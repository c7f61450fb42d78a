import { z } from 'zod';
import { defineNodeKind, type FieldMeta } from '../node-kind';
import { parseSubflowInputs, parseSubflowOutputs } from '../integrations/node-mappings';

export { parseSubflowInputs, parseSubflowOutputs };

/**
 * Calls another published flow inside the same conversation, like a function: the subflow gets
 * its own variables (only the inputs), runs until one of its end nodes, which returns here
 * instead of ending the conversation, and its outputs are copied back. The subflow's version is
 * pinned the first time a conversation runs the node. `failed`: the flow could not be loaded (not
 * published, deleted, invalid) or subflows nest too deep.
 */
export const subflow = defineNodeKind({
  kind: 'subflow',
  label: 'Subflow',
  description: 'Run another published flow, then continue here with its results.',
  category: 'flow',
  ports: {
    input: true,
    outputs: [
      { id: 'done', label: 'Done' },
      { id: 'failed', label: 'Failed' },
    ],
  },
  config: z
    .strictObject({
      flowId: z
        .string({ error: 'Must be text' })
        .trim()
        // Flow ids are database ids (cuid or uuid). Empty is a valid draft (a node fresh from the palette); validation reports it as an error.
        .regex(/^([A-Za-z0-9_-]{1,64})?$/, { error: 'Must be a flow id' })
        .default('')
        .meta({
          title: 'Flow',
          description: 'The id of the published flow to run (its latest published version).',
          widget: 'text',
          placeholder: 'flow id',
        } satisfies FieldMeta),
      inputs: z
        .string({ error: 'Must be text' })
        .max(4000, { error: 'Must be at most 4000 characters' })
        .default('')
        .meta({
          title: 'Inputs',
          description: 'One per line: subflow variable = expression, e.g. order_id = order_number.',
          widget: 'assignments',
          placeholder: 'order_id = order_number',
        } satisfies FieldMeta),
      outputs: z
        .string({ error: 'Must be text' })
        .max(4000, { error: 'Must be at most 4000 characters' })
        .default('')
        .meta({
          title: 'Outputs',
          description: 'One per line: variable = subflow variable, e.g. order_status = status.',
          widget: 'mappings',
          placeholder: 'order_status = status',
        } satisfies FieldMeta),
    })
    .superRefine((config, ctx) => {
      const inputs = parseSubflowInputs(config.inputs);
      if (!inputs.ok) ctx.addIssue({ code: 'custom', path: ['inputs'], message: inputs.error });
      const outputs = parseSubflowOutputs(config.outputs);
      if (!outputs.ok) ctx.addIssue({ code: 'custom', path: ['outputs'], message: outputs.error });
    }),
  defaults: { flowId: '', inputs: '', outputs: '' },
  storedVariables: (config) => {
    const outputs = parseSubflowOutputs(config.outputs);
    return outputs.ok ? outputs.mappings.map((m) => m.target) : [];
  },
});
