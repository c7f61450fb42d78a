import { scoreSentiment } from "@parley/ai";
import { calendarFromConfig, isOpen } from "@parley/flow/runtime";
import type { AutomationCondition } from "./rule-schema";

/** What conditions are checked against: the conversation as it is when the event is read. */
export interface ConversationFacts {
  channel: string;
  team: string | null;
  priority: string;
  status: string;
  labelIds: string[];
  /** The customer's words for the event (their message, or their latest one); null if none. */
  text: string | null;
  /** When the event is read (ms since epoch): business-hours conditions are checked at this instant. */
  now: number;
}

type ConditionOf<T extends AutomationCondition["type"]> = Extract<AutomationCondition, { type: T }>;

export interface ConditionKind<T extends AutomationCondition["type"]> {
  label: string;
  holds: (condition: ConditionOf<T>, facts: ConversationFacts) => boolean;
  /** How the dry run names it ("Channel is web or sms"). */
  describe: (condition: ConditionOf<T>) => string;
}

export const automationConditions: { [T in AutomationCondition["type"]]: ConditionKind<T> } = {
  channel: { label: "Channel", holds: (c, facts) => c.in.includes(facts.channel as never), describe: (c) => `channel is ${c.in.join(" or ")}` },
  team: { label: "Team", holds: (c, facts) => facts.team !== null && c.in.includes(facts.team), describe: (c) => `team is ${c.in.join(" or ")}` },
  label: { label: "Label", holds: (c, facts) => facts.labelIds.includes(c.labelId), describe: (c) => `has label ${c.labelId}` },
  textContains: {
    label: "Text contains",
    holds: (c, facts) => facts.text !== null && facts.text.toLocaleLowerCase().includes(c.text.toLocaleLowerCase()),
    describe: (c) => `text contains "${c.text}"`,
  },
  priority: { label: "Priority", holds: (c, facts) => c.in.includes(facts.priority as never), describe: (c) => `priority is ${c.in.join(" or ")}` },
  sentiment: {
    label: "Sentiment",
    holds: (c, facts) => facts.text !== null && c.in.includes(scoreSentiment(facts.text).label),
    describe: (c) => `sentiment is ${c.in.join(" or ")}`,
  },
  businessHours: {
    label: "Business hours",
    holds: (c, facts) => isOpen(calendarFromConfig(c.calendar), facts.now) === (c.when === "open"),
    describe: (c) => `${c.when === "open" ? "inside" : "outside"} business hours (${c.calendar.hours}, ${c.calendar.timeZone})`,
  },
};

function check<T extends AutomationCondition["type"]>(condition: ConditionOf<T>, facts: ConversationFacts): boolean {
  return (automationConditions[condition.type] as ConditionKind<T>).holds(condition, facts);
}

/** Each condition with whether it holds (the dry run shows all of them, not just the first miss). */
export function evaluateConditions(conditions: AutomationCondition[], facts: ConversationFacts) {
  const results = conditions.map((condition) => ({
    condition,
    description: (automationConditions[condition.type] as ConditionKind<typeof condition.type>).describe(condition as never),
    holds: check(condition as ConditionOf<typeof condition.type>, facts),
  }));
  return { matched: results.every((result) => result.holds), results };
}
