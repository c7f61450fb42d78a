/**
 * The intent router's exits, apart from its schema so workflow code can name them without
 * loading zod.
 */

/** The port a recognised intent leaves from; stable as long as the intent's name is. */
export const intentPort = (name: string) => `intent:${name}`;
export const FALLBACK_PORT = 'fallback';
