// The routing bench's baseline: the least a Temporal signal round trip can cost — signal-with-start
// a workflow that ends with the signal's payload as soon as it arrives. No activity, no database.
import { condition, defineSignal, setHandler } from "@temporalio/workflow";

export const pingSignal = defineSignal<[string]>("ping");

export async function signalEcho(): Promise<string> {
  let received: string | null = null;
  setHandler(pingSignal, (text: string) => {
    received = text;
  });
  await condition(() => received !== null);
  return received!;
}
