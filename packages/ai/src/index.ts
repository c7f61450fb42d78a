/**
 * @parley/ai — language understanding for conversations: intent recognition, sentiment,
 * knowledge search and reply generation. Pure library (no Temporal, no database); the activities
 * in @parley/activities wrap it.
 */
export {};
