import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { fieldErrors } from './errors';

function clientError(data: unknown): TRPCClientError<never> {
  return new TRPCClientError('Bad input', { result: { error: { message: 'Bad input', code: -32600, data } } } as never);
}

describe('fieldErrors', () => {
  it('gives the first reason per field, as the API flattened them', () => {
    const error = clientError({ code: 'BAD_REQUEST', zodError: { formErrors: [], fieldErrors: { retainAuditDays: ['at most 3650 days (10 years)', 'x'] } } });
    expect(fieldErrors(error)).toEqual({ retainAuditDays: 'At most 3650 days (10 years)' });
  });

  it('is empty for other errors', () => {
    expect(fieldErrors(new Error('boom'))).toEqual({});
    expect(fieldErrors(clientError({ code: 'FORBIDDEN', zodError: null }))).toEqual({});
  });
});
