import jsep from 'jsep';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseExpression } from './index';

/**
 * jsep's configuration is global to the bundle. Other code could add operators or literals to it
 * (jsonpath-plus, for one, registers jsep plugins); the allow-list must still hold. This file
 * changes the global configuration, so it is kept apart (Vitest isolates test files).
 */
describe('with jsep configured by someone else', () => {
  beforeAll(() => {
    jsep.addBinaryOp('in', 7);
    jsep.addUnaryOp('typeof');
    jsep.addLiteral('undefined', undefined);
    jsep.addLiteral('re', /x/);
    jsep.addIdentifierChar('@');
  });

  afterAll(() => {
    jsep.removeBinaryOp('in');
    jsep.removeUnaryOp('typeof');
    jsep.removeLiteral('undefined');
    jsep.removeLiteral('re');
    jsep.removeIdentifierChar('@');
  });

  it('still accepts only Parley’s language', () => {
    expect(parseExpression('a in b')).toMatchObject({ ok: false, error: { message: 'The operator in is not supported' } });
    expect(parseExpression('typeof a')).toMatchObject({ ok: false, error: { message: 'The operator typeof is not supported' } });
    expect(parseExpression('undefined')).toMatchObject({ ok: false, error: { message: 'This kind of value is not supported' } });
    expect(parseExpression('re')).toMatchObject({ ok: false, error: { message: 'This kind of value is not supported' } });
    expect(parseExpression('a@b == 1')).toMatchObject({ ok: false, error: { message: expect.stringContaining('not a variable name') } });
    expect(parseExpression('a == 1').ok).toBe(true);
  });
});
