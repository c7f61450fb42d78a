import { z } from 'zod';
import { defineNodeKind } from '../node-kind';

/** Where every conversation begins. It has nothing to configure; its one exit is the first step. */
export const start = defineNodeKind({
  kind: 'start',
  label: 'Start',
  description: 'Where the conversation begins when a contact writes or calls.',
  category: 'flow',
  icon: 'play',
  // No input: nothing may lead back into the entry point (validation: edge.into_start).
  ports: { input: false, outputs: [{ id: 'next', label: 'Next' }] },
  // Strict so a stray key is reported instead of silently stored.
  config: z.strictObject({}),
  defaults: {},
});
