import { ApplicationFailure } from "@temporalio/common";
import { fillSecretMarkers, markedSecretNames, unmarkSecrets } from "@parley/flow";
import { SecretIntegrityError, type Db, type SecretBox } from "@parley/db";
import { FailureType } from "./types";

export interface SecretDeps {
  /** Opens workspace secrets (PARLEY_SECRETS_KEY, the API's key). Without it a step that uses one takes its error exit. */
  secretBox?: SecretBox;
  db?: Db;
}

/** The values an activity's input asks for, ready to fill its markers and to take them back out. */
export interface FilledSecrets {
  /** Puts each marked secret's value in place (escaped as its marker says); unknown names go to `missing`. */
  fill(text: string): string;
  /** Every value (as sent: raw, URL-, JSON- or header-escaped) replaced by its reference. */
  redact(text: string): string;
  missing: Set<string>;
}

const NO_SECRETS: FilledSecrets = { fill: (text) => text, redact: unmarkSecrets, missing: new Set() };

/**
 * Workspace secrets for activities (the HTTP request node, custom activities). The workflow hands
 * an activity markers that name secrets (@parley/flow integrations/secrets.ts); this opens the
 * named secrets of the conversation's workspace right before the activity uses them. Whatever the
 * activity returns or throws goes through `redact`, so no value enters history, even one the
 * other side echoed back.
 */
export function createSecretResolver(deps: SecretDeps) {
  return async function resolveSecrets(conversationId: string | undefined, texts: readonly string[]): Promise<FilledSecrets | { error: string }> {
    const names = [...new Set(texts.flatMap(markedSecretNames))];
    if (names.length === 0) return NO_SECRETS;
    if (!deps.secretBox || !deps.db || !conversationId) return { error: "this worker has no secrets key (PARLEY_SECRETS_KEY), so it cannot fill in secrets" };
    const conversation = await deps.db.conversation.findUnique({ where: { id: conversationId }, select: { workspaceId: true } });
    if (!conversation) throw ApplicationFailure.nonRetryable(`conversation ${conversationId} not found`, FailureType.ConversationNotFound);
    const rows = await deps.db.secret.findMany({ where: { workspaceId: conversation.workspaceId, name: { in: names } } });
    const values = new Map<string, string>();
    for (const row of rows) {
      try {
        values.set(row.name, deps.secretBox.open(conversation.workspaceId, row.name, row));
      } catch (err) {
        if (err instanceof SecretIntegrityError) return { error: err.message };
        throw err;
      }
    }
    // Longest first, so a value that contains another is replaced whole; very short values would
    // redact ordinary text, so they are left (a 1–3 character secret protects nothing anyway).
    const known = [...values.entries()]
      .flatMap(([name, value]) => [value, encodeURIComponent(value), JSON.stringify(value).slice(1, -1), value.replace(/[\r\n]+/g, " ")].map((form) => [name, form] as const))
      .filter(([, form]) => form.length >= 4)
      .sort((a, b) => b[1].length - a[1].length);
    const missing = new Set<string>();
    return {
      fill: (text) => fillSecretMarkers(text, values, missing),
      redact: (text) => known.reduce((out, [name, form]) => out.split(form).join(`{{secrets.${name}}}`), unmarkSecrets(text)),
      missing,
    };
  };
}

export type SecretResolver = ReturnType<typeof createSecretResolver>;
