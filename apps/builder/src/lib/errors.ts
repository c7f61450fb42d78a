import { TRPCClientError } from '@trpc/client';

/** A short, human-readable message for any error thrown by a tRPC call. */
export function errorMessage(error: unknown): string {
  const message = rawMessage(error);
  return message.charAt(0).toUpperCase() + message.slice(1);
}

function rawMessage(error: unknown): string {
  if (error instanceof TRPCClientError) {
    // Network failures surface as TRPCClientError with a TypeError cause.
    if (error.cause instanceof TypeError || /fetch failed|Failed to fetch|NetworkError/i.test(error.message)) {
      return 'Cannot reach the Parley API. Is it running?';
    }
    return error.message;
  }
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}

/** The tRPC error code (e.g. `NOT_FOUND`, `PRECONDITION_FAILED`) when there is one. */
export function errorCode(error: unknown): string | undefined {
  if (error instanceof TRPCClientError) {
    const data: unknown = error.data;
    if (data && typeof data === 'object' && 'code' in data && typeof data.code === 'string') {
      return data.code;
    }
  }
  return undefined;
}

/** HTTP status of a tRPC error, when the server sent one. */
export function errorStatus(error: unknown): number | undefined {
  if (error instanceof TRPCClientError) {
    const data: unknown = error.data;
    if (data && typeof data === 'object' && 'httpStatus' in data && typeof data.httpStatus === 'number') {
      return data.httpStatus;
    }
  }
  return undefined;
}

/**
 * The API's reasons per input field (`data.zodError.fieldErrors`, see packages/api/src/trpc.ts),
 * first reason of each, so a form can show them at the field. Empty for any other error.
 */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof TRPCClientError)) return {};
  const data: unknown = error.data;
  if (!data || typeof data !== 'object' || !('zodError' in data)) return {};
  const zodError: unknown = data.zodError;
  if (!zodError || typeof zodError !== 'object' || !('fieldErrors' in zodError)) return {};
  const fields: unknown = zodError.fieldErrors;
  if (!fields || typeof fields !== 'object') return {};
  const result: Record<string, string> = {};
  for (const [field, reasons] of Object.entries(fields)) {
    if (Array.isArray(reasons) && typeof reasons[0] === 'string') result[field] = capitalise(reasons[0]);
  }
  return result;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
