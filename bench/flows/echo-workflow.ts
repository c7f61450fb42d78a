// The baseline: the least a Temporal Update round trip can cost — no flow, no database.
import { condition, defineUpdate, setHandler } from "@temporalio/workflow";

export const echoUpdate = defineUpdate<string, [string]>("echo");

export async function echo(): Promise<void> {
  let done = false;
  setHandler(echoUpdate, (text: string) => {
    if (text === "bye") done = true;
    return text;
  });
  await condition(() => done);
}
