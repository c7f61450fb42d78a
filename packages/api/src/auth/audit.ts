import type { Db } from "@parley/db";
import { asJson } from "@parley/db";

export interface AuditActor {
  type: "user" | "api_key" | "customer" | "system" | "anonymous";
  id?: string | null;
  /** How people read the actor (an email, a key's name): kept after the actor is gone. */
  label: string;
}

export interface AuditRequest {
  ip: string | null;
  userAgent: string | null;
}

export interface AuditEntry {
  actor: AuditActor;
  /** `area.verb`, e.g. `flow.publish`, `conversation.read`, `auth.sign_in_failed`. */
  action: string;
  workspaceId?: string | null;
  target?: { type: string; id: string };
  details?: Record<string, unknown>;
}

/**
 * Appends one event to the audit log. The log is append-only: nothing in Parley updates a row,
 * and only the workspace's audit retention deletes them. A failed write is reported, never
 * allowed to undo or fail what it records (the action already happened).
 */
export async function recordAudit(db: Db, request: AuditRequest | null, entry: AuditEntry): Promise<void> {
  try {
    await db.auditEvent.create({
      data: {
        workspaceId: entry.workspaceId ?? null,
        actorType: entry.actor.type,
        actorId: entry.actor.id ?? null,
        actorLabel: entry.actor.label.slice(0, 200),
        action: entry.action,
        targetType: entry.target?.type ?? null,
        targetId: entry.target?.id ?? null,
        ip: request?.ip ?? null,
        userAgent: request?.userAgent ?? null,
        ...(entry.details ? { details: asJson(entry.details) } : {}),
      },
    });
  } catch (err) {
    console.error(`[audit] could not record ${entry.action}:`, err);
  }
}
