/**
 * Who may call each procedure of workspace 1's data: one table per router area, merged here.
 * The admin of another workspace is never listed: whatever they call must be refused, or not
 * find workspace 1's records, or answer with their own workspace's data only (checked separately).
 */
import type { Principal } from "./principals";
import { flowRows } from "./rows-flows";
import { conversationRows } from "./rows-conversations";
import { inboxToolRows } from "./rows-inbox-tools";
import { knowledgeRows } from "./rows-knowledge";
import { peopleRows } from "./rows-people";
import { workspaceSettingRows } from "./rows-workspace-settings";
import { contactRows } from "./rows-contacts";
import { workforceRows } from "./rows-workforce";
import { analyticsRows } from "./rows-analytics";

const TABLES: Record<string, Principal[]>[] = [flowRows, conversationRows, inboxToolRows, knowledgeRows, peopleRows, workspaceSettingRows, contactRows, workforceRows, analyticsRows];

export const ROWS: Record<string, Principal[]> = Object.assign({}, ...TABLES);

/** Procedures with a row in more than one table (one would silently win the merge). */
export const DUPLICATE_ROWS = Object.keys(ROWS).filter((path) => TABLES.filter((table) => path in table).length > 1);
