import { TRPCError } from "@trpc/server";
import { parseChannelConfig, twilioMedium } from "@parley/channels";
import type { Channel } from "@parley/db";
import type { ApiContext } from "../context";

/** Where a conversation can go on when the customer (or a dropped call) leaves its channel. */
export type ContinueMedium = "email" | "sms";

export interface ContinueTarget {
  id: string;
  medium: ContinueMedium;
  /** What the move note and the audit log call the new channel. */
  label: string;
  /** The conversation's channel on the new side (a Twilio WhatsApp sender serves whatsapp). */
  channel: Extract<Channel, "email" | "sms" | "whatsapp">;
  /** The channel accepts dropped calls (its setting; on unless turned off). */
  takesDroppedCalls: boolean;
}

type Db = ApiContext["db"];
type Row = { id: string; kind: string; config: unknown; secretData: Uint8Array | null };

const refuse = (message: string) => new TRPCError({ code: "PRECONDITION_FAILED", message });

/** Why a channel of the medium cannot send yet, or its target. */
function usable(medium: ContinueMedium, row: Row): ContinueTarget | string {
  if (medium === "email") {
    const config = parseChannelConfig("email", row.config);
    if (!config.address || !config.relay) return "the email channel cannot send yet (no address or relay configured)";
    return { id: row.id, medium, label: "Email", channel: "email", takesDroppedCalls: config.continueDroppedCalls };
  }
  const config = parseChannelConfig("twilio", row.config);
  if (!config.accountSid || !config.from || !row.secretData) return "the SMS channel cannot send yet (no Account SID, sender number or auth token)";
  const channel = twilioMedium(config.from);
  return { id: row.id, medium, label: channel === "whatsapp" ? "WhatsApp" : "SMS", channel, takesDroppedCalls: config.continueDroppedCalls };
}

const KIND = { email: "email", sms: "twilio" } as const satisfies Record<ContinueMedium, string>;
const NAME = { email: "email", sms: "SMS" } as const satisfies Record<ContinueMedium, string>;

/**
 * The channel a conversation moves to on a medium: the one the widget names in its settings, or
 * the workspace's only channel of that medium (an SMS channel: a Twilio channel with a plain
 * number; a widget may name a Twilio WhatsApp sender instead). Throws PRECONDITION_FAILED (412)
 * when there is none, several and none named, or it cannot send yet.
 */
export async function continueTarget(db: Db, workspaceId: string, medium: ContinueMedium, widgetChannelId: string | null): Promise<ContinueTarget> {
  const widget = widgetChannelId ? await db.workspaceChannel.findUnique({ where: { id: widgetChannelId }, select: { kind: true, config: true } }) : null;
  const settings = widget?.kind === "web_widget" ? parseChannelConfig("web_widget", widget.config) : null;
  const chosen = medium === "email" ? settings?.continueByEmailChannelId : settings?.continueBySmsChannelId;
  const select = { id: true, kind: true, config: true, secretData: true } as const;
  const rows = chosen
    ? await db.workspaceChannel.findMany({ where: { id: chosen, workspaceId, kind: KIND[medium] }, select })
    : // Unnamed: only plain-number Twilio senders count as SMS.
      (await db.workspaceChannel.findMany({ where: { workspaceId, kind: KIND[medium] }, select, orderBy: { createdAt: "asc" } })).filter(
        (row) => medium === "email" || twilioMedium(parseChannelConfig("twilio", row.config).from) === "sms",
      );
  if (rows.length === 0) throw refuse(`this workspace has no ${NAME[medium]} channel to continue on`);
  if (rows.length > 1) throw refuse(`this workspace has several ${NAME[medium]} channels and the widget names none to continue on`);
  const target = usable(medium, rows[0]!);
  if (typeof target === "string") throw refuse(target);
  return target;
}

/** The target on a medium, or null where there is none usable (for offering the choice at all). */
export async function optionalTarget(db: Db, workspaceId: string, medium: ContinueMedium, widgetChannelId: string | null): Promise<ContinueTarget | null> {
  try {
    return await continueTarget(db, workspaceId, medium, widgetChannelId);
  } catch (err) {
    if (err instanceof TRPCError && err.code === "PRECONDITION_FAILED") return null;
    throw err;
  }
}

/** What a widget's customers may continue on (the widget offers only these). */
export async function continueOptions(ctx: ApiContext, workspaceId: string, widgetChannelId: string): Promise<{ continueByEmail: boolean; continueBySms: boolean }> {
  const [email, sms] = await Promise.all([optionalTarget(ctx.db, workspaceId, "email", widgetChannelId), optionalTarget(ctx.db, workspaceId, "sms", widgetChannelId)]);
  return { continueByEmail: email !== null, continueBySms: sms !== null };
}
