/** The agent's inbox tools: saved views, labels, canned responses, the contact panel, macros, notes. Who may call each procedure (rows of ../authorization-matrix.test.ts). */
import { WORKERS, MANAGERS, KEYS, type Principal } from "./principals";

export const inboxToolRows: Record<string, Principal[]> = {
  // Saved views belong to people; an agent deleting another's shared view is refused by the
  // procedure itself (packages/api/test/inbox-search.test.ts), not by its policy.
  "savedViews.list": WORKERS,
  "savedViews.create": WORKERS,
  "savedViews.delete": WORKERS,
  "labels.list": [...WORKERS, ...KEYS],
  "labels.create": [...MANAGERS, "key:admin"],
  "labels.update": [...MANAGERS, "key:admin"],
  "labels.delete": [...MANAGERS, "key:admin"],
  "labels.ofConversation": [...WORKERS, ...KEYS],
  "labels.setOnConversation": WORKERS,
  "cannedResponses.list": [...WORKERS, ...KEYS],
  "cannedResponses.create": [...MANAGERS, "key:admin"],
  "cannedResponses.update": [...MANAGERS, "key:admin"],
  "cannedResponses.delete": [...MANAGERS, "key:admin"],
  "cannedResponses.render": WORKERS,
  "contactPanel.get": [...WORKERS, ...KEYS],
  "contactPanel.update": WORKERS,
  "macros.list": [...WORKERS, ...KEYS],
  "macros.create": [...MANAGERS, "key:admin"],
  "macros.update": [...MANAGERS, "key:admin"],
  "macros.delete": [...MANAGERS, "key:admin"],
  "macros.run": WORKERS,
  "notes.list": WORKERS,
  "notes.add": WORKERS,
};
