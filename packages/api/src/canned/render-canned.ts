/**
 * Fills a canned response's placeholders when an agent inserts it: `{{contact.name}}`,
 * `{{contact.email}}`, `{{agent.name}}`, `{{conversation.id}}` and the conversation's flow
 * variables by bare name (`{{order_id}}`). Unlike the flow's own templates (which render a
 * missing variable as nothing, so a customer never sees braces), a placeholder with no value is
 * left exactly as written and reported: the agent reads the reply before sending it and should
 * see what is missing rather than send a sentence with a hole in it.
 */

const PLACEHOLDER = /\{\{\s*([a-zA-Z_][a-zA-Z0-9_]{0,63}(?:\.[a-zA-Z_][a-zA-Z0-9_]{0,63})?)\s*\}\}/g;

export interface CannedContext {
  contact: { name: string | null; email: string | null };
  agent: { name: string };
  conversation: { id: string };
  /** The flow's variables (Conversation.variables). */
  variables: Readonly<Record<string, unknown>>;
}

export interface RenderedCanned {
  text: string;
  /** Placeholders left in the text because they have no value, as written between the braces. */
  unknown: string[];
}

function valueOf(name: string, context: CannedContext): string | null {
  const fixed: Record<string, string | null> = {
    "contact.name": context.contact.name,
    "contact.email": context.contact.email,
    "agent.name": context.agent.name,
    "conversation.id": context.conversation.id,
  };
  if (Object.hasOwn(fixed, name)) return fixed[name] || null;
  if (name.includes(".") || !Object.hasOwn(context.variables, name)) return null;
  const value = context.variables[name];
  if (value === undefined || value === null || value === "") return null;
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

export function renderCanned(body: string, context: CannedContext): RenderedCanned {
  const unknown = new Set<string>();
  const text = body.replace(PLACEHOLDER, (match, name: string) => {
    const value = valueOf(name, context);
    if (value === null) {
      unknown.add(name);
      return match;
    }
    return value;
  });
  return { text, unknown: [...unknown] };
}
