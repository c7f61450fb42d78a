/** Thrown out of a wait when an agent resolves a conversation the bot is still handling. */
export class ResolvedByAgent extends Error {}

/** Thrown out of a wait when an agent takes the conversation from the bot. */
export class TakenOver extends Error {}
