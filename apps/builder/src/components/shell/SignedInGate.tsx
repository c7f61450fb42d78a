'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useEffect, type ReactNode } from 'react';
import { EmptyState, ErrorState, LoadingState } from '@parley/ui';
import { useMe } from '@/lib/session';
import { SignOutButton } from './SignOutButton';

/**
 * Renders the page only for a signed-in member of a workspace: a signed-out visitor goes to
 * `/sign-in?next=<this page>` (nothing of the page shows meanwhile), a person without an active
 * membership is told so.
 */
export function SignedInGate({ children }: { children: ReactNode }) {
  const me = useMe();
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  const signedOut = me.isSuccess && me.data === null;

  useEffect(() => {
    if (!signedOut) return;
    const query = search.toString();
    const next = `${pathname}${query ? `?${query}` : ''}`;
    router.replace(`/sign-in?next=${encodeURIComponent(next)}`);
  }, [signedOut, pathname, search, router]);

  if (me.isError) return <ErrorState error={me.error} title="Could not check your sign-in" onRetry={() => void me.refetch()} />;
  if (!me.data) return <LoadingState label={signedOut ? 'Taking you to sign in…' : 'Loading…'} />;
  if (!me.data.active) {
    return (
      <EmptyState icon="users" title="No workspace yet" action={<SignOutButton />} testId="no-workspace">
        {me.data.user.email} is not an active member of any workspace. Ask an admin for an invitation.
      </EmptyState>
    );
  }
  return children;
}
