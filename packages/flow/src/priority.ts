/** How urgent a handed-off conversation is; the inbox sorts and routing offers by it. */
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];
