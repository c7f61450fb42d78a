'use client';

import { createContext, useContext } from 'react';

/**
 * The API's base URL on the client (from `env.ts` through the root layout and `Providers`), for
 * what tRPC does not carry: the voice gateway's WebSockets.
 */
export const ApiUrlContext = createContext<string | null>(null);

export function useApiUrl(): string {
  const url = useContext(ApiUrlContext);
  if (!url) throw new Error('useApiUrl() needs <Providers> above it');
  return url;
}
