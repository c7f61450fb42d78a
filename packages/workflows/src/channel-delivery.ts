import { ActivityFailure, ApplicationFailure, proxyActivities } from "@temporalio/workflow";
import type { Activities, DeliverChannelInput } from "@parley/activities";
import { FailureType } from "./contracts";

/**
 * Retries the way a mail server does, sooner at first: 5 s, 15 s, 45 s, 2¼ min, … then hourly,
 * 12 attempts over about six hours. A relay's 5xx and missing settings fail at once.
 */
const deliveries = proxyActivities<Activities>({
  startToCloseTimeout: "2 minutes",
  retry: {
    initialInterval: "5 seconds",
    backoffCoefficient: 3,
    maximumInterval: "1 hour",
    maximumAttempts: 12,
    nonRetryableErrorTypes: [FailureType.ChannelDeliveryRejected],
  },
});

const bookkeeping = proxyActivities<Activities>({ startToCloseTimeout: "30 seconds", retry: { maximumAttempts: 20 } });

export type ChannelDeliveryResult = { outcome: "sent" | "skipped" | "failed"; detail: string };

/** Delivers one group of outbound messages through their conversation's channel (email). */
export async function channelDelivery(input: DeliverChannelInput): Promise<ChannelDeliveryResult> {
  try {
    const result = await deliveries.deliverChannelMessages(input);
    return result.outcome === "sent" ? { outcome: "sent", detail: result.detail } : { outcome: "skipped", detail: result.reason };
  } catch (err) {
    if (!(err instanceof ActivityFailure && err.cause instanceof ApplicationFailure)) throw err;
    // Given up: the messages show as failed in the inbox, with the relay's last answer.
    await bookkeeping.failChannelDelivery({ ...input, error: err.cause.message });
    return { outcome: "failed", detail: err.cause.message };
  }
}
