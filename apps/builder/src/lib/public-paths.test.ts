import { describe, expect, it } from 'vitest';
import { isBarePath, isPublicPath, safeNext } from './public-paths';

describe('public paths', () => {
  it('lets anyone open sign-in, reset, invitations and a flow web chat; nothing else', () => {
    for (const path of ['/sign-in', '/reset-password', '/invite/abc_DEF-123', '/chat/flow-1']) expect(isPublicPath(path)).toBe(true);
    for (const path of ['/', '/flows', '/chat', '/inbox/1', '/settings/users', '/invite', '/sign-in/x']) expect(isPublicPath(path)).toBe(false);
  });

  it('shows the web chat in the shell, the sign-in screens bare', () => {
    expect(isBarePath('/chat/flow-1')).toBe(false);
    expect(isBarePath('/invite/token')).toBe(true);
  });
});

describe('safeNext', () => {
  it('follows a path of ours', () => {
    expect(safeNext('/inbox/abc?x=1')).toBe('/inbox/abc?x=1');
    expect(safeNext('/invite/abc')).toBe('/invite/abc');
  });

  it('never leaves the site nor loops back to sign-in', () => {
    for (const next of [null, '', 'https://evil.example', '//evil.example', '/\\evil.example', '/sign-in', '/sign-in?next=/flows']) {
      expect(safeNext(next)).toBe('/flows');
    }
  });
});
