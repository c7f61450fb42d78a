import type { Db } from "@parley/db";
import { asJson } from "@parley/db";
import { LruCache } from "@parley/ai";

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

/** How long one person's reading of one record counts as one access in the log. */
export const SENSITIVE_READ_WINDOW_MS = 10 * 60_000;

/** When each actor last had each record's read logged, in this process. */
const lastLogged = new LruCache<string, number>(50_000);

/**
 * Logs a read of sensitive data (a transcript) once per actor, record and window: the inbox
 * re-reads an open conversation every 1.5 s, and a row per poll would bury the log and put a
 * write on a read path. Each API process logs its own first read of the window.
 */
export async function recordSensitiveRead(
  db: Db,
  request: AuditRequest | null,
  entry: AuditEntry & { target: { type: string; id: string } },
  now = Date.now(),
): Promise<void> {
  const key = `${entry.actor.type}:${entry.actor.id ?? entry.actor.label}:${entry.action}:${entry.target.id}`;
  const last = lastLogged.get(key);
  if (last !== undefined && now - last < SENSITIVE_READ_WINDOW_MS) return;
  lastLogged.set(key, now);
  await recordAudit(db, request, entry);
}
