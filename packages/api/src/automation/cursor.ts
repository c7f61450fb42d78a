/** The automation engine's row in AutomationCursor (the change feed keeps what it has not read yet). */
export const AUTOMATION_CURSOR = "engine";
