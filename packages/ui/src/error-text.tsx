'use client';

import { createContext, useContext } from 'react';

/** Without a provider: an Error's own message, capitalised. */
function plainMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : 'Something went wrong.';
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/**
 * How an error is said to a person (ErrorState, ConfirmDelete). This package knows no API client:
 * the app provides its own wording (the builder's turns a tRPC network failure into "Cannot reach
 * the Parley API").
 */
export const ErrorTextContext = createContext<(error: unknown) => string>(plainMessage);

export const useErrorText = () => useContext(ErrorTextContext);
