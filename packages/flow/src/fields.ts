import { z } from 'zod';
import type { FieldMeta } from './node-kind';
import { getNodeKind, type NodeKind } from './registry';

/**
 * Reads the form layout that kinds attach to their config fields with `.meta()`. The builder
 * generates property panels from this (or from `z.toJSONSchema(kind.config)`, which carries the
 * same metadata); validation uses it to name fields in messages and to find template fields.
 */
export interface ConfigField {
  name: string;
  meta: FieldMeta;
  required: boolean;
  /** For `select` fields: the allowed values, in order. */
  options?: string[];
  /** For number fields: the bounds and step the schema allows (a number input uses them). */
  number?: { min?: number; max?: number; step: number };
  /** For boolean fields (a switch). */
  boolean?: true;
}

/**
 * Read once per kind's config schema: validation asks for every node of a flow, and the metadata
 * lookups are most of a 10,000-node flow's validation time otherwise. Keyed by the schema, so a
 * kind registered later (custom activities) is read when first asked for.
 */
const fieldsBySchema = new WeakMap<object, ConfigField[]>();

export function configFields(kind: NodeKind): ConfigField[] {
  const config = getNodeKind(kind).config;
  let fields = fieldsBySchema.get(config);
  if (!fields) {
    fields = readFields(config.shape);
    fieldsBySchema.set(config, fields);
  }
  // A copy of the list: callers may sort or filter it in place.
  return [...fields];
}

function readFields(shape: Record<string, z.ZodType>): ConfigField[] {
  return Object.entries(shape).map(([name, schema]) => {
    const meta = (z.globalRegistry.get(schema) ?? {}) as Partial<FieldMeta>;
    const field: ConfigField = {
      name,
      // A field without meta still gets a usable (if plain) form control.
      meta: { ...meta, title: meta.title ?? name, widget: meta.widget ?? 'text' },
      required: !(schema instanceof z.ZodOptional || schema instanceof z.ZodDefault),
    };
    const inner = unwrapped(schema);
    if (inner instanceof z.ZodEnum) field.options = inner.options.map(String);
    if (inner instanceof z.ZodNumber) field.number = numberBounds(inner);
    if (inner instanceof z.ZodBoolean) field.boolean = true;
    return field;
  });
}

function unwrapped(schema: z.ZodType): z.ZodType {
  let inner: z.ZodType = schema;
  while (inner instanceof z.ZodDefault || inner instanceof z.ZodOptional) {
    inner = inner.unwrap() as z.ZodType;
  }
  return inner;
}

function numberBounds(schema: z.ZodNumber): NonNullable<ConfigField['number']> {
  const bounds: NonNullable<ConfigField['number']> = { step: schema.isInt ? 1 : 0.01 };
  // zod reports ±Infinity (or null) for a side without a check; a number input wants no attribute then.
  if (Number.isFinite(schema.minValue)) bounds.min = schema.minValue as number;
  if (Number.isFinite(schema.maxValue)) bounds.max = schema.maxValue as number;
  return bounds;
}
