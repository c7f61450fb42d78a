import { ApplicationFailure } from "@temporalio/common";
import { z } from "zod";
import { CUSTOM_ACTIVITY_NAME_PATTERN, type CustomActivityDescriptor, type CustomActivityField, type VariableType } from "@parley/flow";
import { FailureType } from "../types";

/**
 * A developer's own activity: a name (the Temporal activity type and what the flow's custom
 * activity node names), a description for the builder, zod schemas for input and output (plain
 * objects of text, numbers and yes/no values, since that is what flow variables hold) and the
 * function that does the work.
 */
export interface CustomActivityDefinition<Input extends z.ZodObject = z.ZodObject, Output extends z.ZodObject = z.ZodObject> {
  name: string;
  description: string;
  input: Input;
  output: Output;
  run(input: z.output<Input>): Promise<z.input<Output>> | z.input<Output>;
}

/** Checks the name once, at definition time, and keeps the schemas' types for `run`. */
export function defineCustomActivity<Input extends z.ZodObject, Output extends z.ZodObject>(
  definition: CustomActivityDefinition<Input, Output>,
): CustomActivityDefinition<Input, Output> {
  if (!CUSTOM_ACTIVITY_NAME_PATTERN.test(definition.name)) {
    throw new Error(`custom activity name "${definition.name}" must match ${CUSTOM_ACTIVITY_NAME_PATTERN}`);
  }
  return definition;
}

/** Any custom activity, whatever its schemas. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the catalog mixes activities of any schema
export type AnyCustomActivity = CustomActivityDefinition<any, any>;

/**
 * The function the worker registers under the activity's name: input and output go through the
 * schemas. A bad input is the flow's mistake and a bad output the activity's: neither gets better
 * by retrying, so both fail for good with a type the workflow's retry policy names. Errors `run`
 * throws itself are retried by the policy (make them ApplicationFailure.nonRetryable to stop).
 */
export function customActivityHandler(activity: AnyCustomActivity): (input: unknown) => Promise<Record<string, unknown>> {
  return async (raw: unknown) => {
    const input = activity.input.safeParse(raw);
    if (!input.success) {
      throw ApplicationFailure.nonRetryable(`${activity.name}: invalid input (${z.prettifyError(input.error)})`, FailureType.InvalidCustomActivityInput);
    }
    const output = activity.output.safeParse(await activity.run(input.data));
    if (!output.success) {
      throw ApplicationFailure.nonRetryable(`${activity.name}: invalid output (${z.prettifyError(output.error)})`, FailureType.InvalidCustomActivityOutput);
    }
    return output.data as Record<string, unknown>;
  };
}

/** What validation and the builder need to know about an activity: names and field types. */
export function describeCustomActivity(activity: AnyCustomActivity): CustomActivityDescriptor {
  return {
    name: activity.name,
    description: activity.description,
    input: describeFields(activity.input, "in"),
    output: describeFields(activity.output, "out"),
  };
}

/** `side`: a transform's input type is what the flow sends in, its output type what comes back. */
function describeFields(schema: z.ZodObject, side: "in" | "out"): CustomActivityField[] {
  return Object.entries(schema.shape).map(([name, field]) => {
    const description = (field as z.ZodType).description;
    return {
      name,
      type: fieldType(field as z.ZodType, side),
      // Optional and defaulted fields accept a missing value.
      required: !(field as z.ZodType).safeParse(undefined).success,
      ...(description ? { description } : {}),
    };
  });
}

function fieldType(schema: z.ZodType, side: "in" | "out"): VariableType {
  let inner: z.ZodType = schema;
  for (;;) {
    if (inner instanceof z.ZodOptional || inner instanceof z.ZodDefault || inner instanceof z.ZodNullable) inner = inner.unwrap() as z.ZodType;
    else if (inner instanceof z.ZodPipe) inner = inner[side] as z.ZodType;
    else break;
  }
  if (inner instanceof z.ZodString || inner instanceof z.ZodEnum) return "string";
  if (inner instanceof z.ZodNumber) return "number";
  if (inner instanceof z.ZodBoolean) return "boolean";
  return "unknown";
}
