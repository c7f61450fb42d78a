/**
 * Pages anyone may open: signing in, resetting a password, accepting an invitation, and the
 * customer's web chat (a customer holds a conversation token, not a session). Every other page
 * needs a signed-in person.
 */
const PUBLIC_PATHS = [/^\/sign-in\/?$/, /^\/reset-password\/?$/, /^\/invite\/[^/]+\/?$/, /^\/chat\/[^/]+\/?$/];

/** Pages that are the whole screen (no sidebar), whoever opens them. */
const BARE_PATHS = [/^\/sign-in\/?$/, /^\/reset-password\/?$/, /^\/invite\/[^/]+\/?$/];

export const isPublicPath = (pathname: string) => PUBLIC_PATHS.some((pattern) => pattern.test(pathname));
export const isBarePath = (pathname: string) => BARE_PATHS.some((pattern) => pattern.test(pathname));

/**
 * Where to go after signing in: `next` when it is a page of ours (a path, never another site),
 * else the flows.
 */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/flows';
  if (/^\/(sign-in|reset-password)\/?$/.test(next.split('?')[0]!)) return '/flows';
  return next;
}
