import type { z } from 'zod';
import type { VariableType } from './expressions';

/**
 * A node kind is the single place where everything about one kind of step lives: its id, how the
 * builder shows it in the palette, which ports it has, and the zod schema of its configuration.
 * Every other package (interpreter, builder icons and views, analytics) keys typed maps by the
 * kind id, so adding a kind here is the one change that the compiler then walks you through.
 */

/** Palette groups in the builder. */
export type NodeCategory = 'flow' | 'messaging' | 'input' | 'ai' | 'human' | 'integrations';

/**
 * How the builder renders a config field. The property form is generated from the config
 * schema, so the widget is the only layout hint a kind author gives.
 * - `text`: single-line input; `textarea`: multi-line input;
 * - `variable`: a conversation-variable name that the node WRITES (e.g. where `ask` stores the
 *   answer) — validation collects these to know which `{{variables}}` exist;
 * - `select`: pick one option of an enum field;
 * - `intents`: the intent router's list of intents (a hand-made editor in the builder);
 * - `team`: one of the workspace's team names (a picker of the workspace's teams);
 * - `skills`: comma-separated names of the workspace's skills (a multi-select of them);
 * - `list`: one entry per line (a list editor with add, remove and reorder);
 * - `headers`: `Name: value` lines (a key-value editor);
 * - `mappings`: `variable = source` lines that store variables (a key-value editor whose keys
 *   are variable names);
 * - `assignments`: `name = expression` lines (rows with an expression editor each);
 * - `json`: a JSON body with `{{variable}}` placeholders (a code editor);
 * - `activity-input` / `activity-output`: a custom activity's `field = expression` and
 *   `variable = field` lines (one row per field of the activity's schemas).
 * Every one of them stores plain text, so flows, fixtures and the runtime read the same config
 * whatever the editor looks like. Numbers (and booleans) are recognised from the schema.
 * Expression fields (`expression` below) get an expression editor whatever their widget.
 */
export type FieldWidget =
  | 'text'
  | 'textarea'
  | 'variable'
  | 'select'
  | 'intents'
  | 'team'
  | 'skills'
  | 'list'
  | 'headers'
  | 'mappings'
  | 'assignments'
  | 'json'
  | 'activity-input'
  | 'activity-output';

/**
 * What a config field carries in zod 4 `.meta()`. Written as `.meta({ ... } satisfies FieldMeta)`
 * so a typo in a layout key is a compile error rather than a silently missing label.
 */
export interface FieldMeta {
  title: string;
  description?: string;
  widget: FieldWidget;
  placeholder?: string;
  /** The string is a template: `{{name}}` placeholders are filled from conversation variables. */
  template?: boolean;
  /**
   * The string may refer to workspace secrets as `{{secrets.NAME}}`, filled in by the activity
   * at run time (integrations/secrets.ts). Anywhere else such a reference is a validation error.
   */
  secrets?: boolean;
  /**
   * The string is an expression (see expressions/): validation parses it, checks its variables
   * and, for `'boolean'`, that it yields true/false.
   */
  expression?: 'boolean' | 'any';
  /** The string holds `name = expression` lines (set variable): each is checked like above. */
  assignments?: boolean;
  /** For `variable` widgets: the type of what the node stores (default: unknown text). */
  variableType?: 'string' | 'number' | 'boolean' | 'unknown';
}

export interface OutputPort<Id extends string = string> {
  readonly id: Id;
  readonly label: string;
}

export interface NodePorts<Out extends string = string> {
  /** Whether edges may enter this node (false for entry points such as `start`). */
  readonly input: boolean;
  /** Named exits; each must lead to exactly one node (validation enforces it). */
  readonly outputs: readonly OutputPort<Out>[];
}

export interface NodeKindDefinition<
  K extends string = string,
  Config extends z.ZodObject = z.ZodObject,
  Out extends string = string,
> {
  readonly kind: K;
  readonly label: string;
  readonly description: string;
  readonly category: NodeCategory;
  readonly ports: NodePorts<Out>;
  readonly config: Config;
  /** A valid config for a node freshly dropped on the canvas (a test parses every kind's defaults). */
  readonly defaults: z.output<Config>;
  /**
   * The outputs a node with this config can take (default: all). Validation only requires these
   * to be connected, e.g. a condition's unused "else if" branches may stay open.
   */
  readonly usedPorts?: (config: z.output<Config>) => readonly Out[];
  /**
   * For kinds whose exits depend on the config (an intent router has one per intent): all output
   * ports of a node with this config. `ports.outputs` then lists the ports every config has (the
   * palette shows those). Read ports through `outputPortsOf(kind, config)`, never `ports.outputs`.
   */
  readonly outputsFor?: (config: z.output<Config>) => readonly OutputPort[];
  /**
   * For kinds whose stored variable's type depends on the config (an ask node for a number
   * stores a number): the type per `variable` field, overriding `FieldMeta.variableType`.
   */
  readonly variableTypes?: (config: z.output<Config>) => Readonly<Partial<Record<string, VariableType>>>;
  /**
   * For kinds that write variables named in free text (mapping lines such as `status = body.status`)
   * rather than in a `variable` field: the names a node with this config stores. Validation counts
   * them as stored, so `{{status}}` later in the flow is not reported as unknown.
   */
  readonly storedVariables?: (config: z.output<Config>) => readonly string[];
  /**
   * The node waits for something outside the flow (the customer, a timer, an agent) before it
   * moves on. Validation refuses cycles without such a node: they would spin forever.
   */
  readonly suspends?: true;
}

/** Any kind definition, whatever its literal types; what the registry is checked against. */
export type AnyNodeKind = NodeKindDefinition<string, z.ZodObject, string>;

/**
 * Identity function whose only job is type inference: the `const` type parameters keep the kind
 * id and the port ids as literal types (`'message'`, `'next'`) instead of widening to `string`,
 * which is what lets other packages write exhaustive `Record<NodeKind, ...>` maps and lets the
 * interpreter know which ports a kind has.
 */
export function defineNodeKind<
  const K extends string,
  Config extends z.ZodObject,
  const Out extends string = never,
>(definition: NodeKindDefinition<K, Config, Out>): NodeKindDefinition<K, Config, Out> {
  return definition;
}
