'use client';

import { createAuthClient } from 'better-auth/react';
import { createContext, useContext } from 'react';

/**
 * Better Auth's browser client for the API's sign-in routes (`<API_URL>/api/auth/*`). The API
 * sets the session as an HTTP-only cookie; every call sends it back (`credentials: 'include'`).
 */
export function makeAuthClient(apiUrl: string) {
  return createAuthClient({ baseURL: apiUrl, basePath: '/api/auth', fetchOptions: { credentials: 'include' } });
}

export type AuthClient = ReturnType<typeof makeAuthClient>;

export const AuthClientContext = createContext<AuthClient | null>(null);

export function useAuthClient(): AuthClient {
  const client = useContext(AuthClientContext);
  if (!client) throw new Error('useAuthClient() needs <Providers> above it');
  return client;
}

/** Better Auth answers `{ data, error }`; its error's message, or a fallback, for the person. */
export function authErrorMessage(error: { message?: string | undefined; status?: number } | null, fallback: string): string {
  if (!error) return fallback;
  if (error.status === 429) return 'Too many attempts. Wait a minute and try again.';
  if (error.status === 0 || error.status === undefined) return error.message || 'Cannot reach the Parley API. Is it running?';
  return error.message || fallback;
}
