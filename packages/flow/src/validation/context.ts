import type { VariableType } from '../expressions';

/**
 * What validation cannot know from the graph alone, passed in by the caller that does: the API
 * (from the worker's activity catalog and the database) and the builder (through the API). Each
 * part is optional; a check whose part is missing is skipped, so the pure `validateFlow(graph)`
 * used at run time and in tests stays as it was.
 */
export interface ValidationContext {
  /** The id of the flow being validated: a subflow node calling it is an error. */
  flowId?: string;
  /** The custom activities registered on the worker; unknown names and fields are errors. */
  customActivities?: readonly CustomActivityDescriptor[];
  /** The workspace's flows; a subflow naming one that is unknown or unpublished is an error. */
  flows?: readonly { id: string; name: string; published: boolean }[];
  /** The workspace's team names; a handoff to another team is an error. */
  teams?: readonly string[];
  /** The workspace's skill names; a handoff requiring another skill is an error. */
  skills?: readonly string[];
}

/** One custom activity as validation and the builder see it (derived from its zod schemas). */
export interface CustomActivityDescriptor {
  name: string;
  description: string;
  input: readonly CustomActivityField[];
  output: readonly CustomActivityField[];
}

export interface CustomActivityField {
  name: string;
  type: VariableType;
  required: boolean;
  description?: string;
}
