'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Icon } from '@parley/ui';
import { useAuthClient } from '@/lib/auth-client';
import { useTRPC } from '@/lib/trpc';

/**
 * Ends the session on the API, forgets every cached answer (they belong to this person) and
 * goes to the sign-in page.
 */
export function useSignOut() {
  const auth = useAuthClient();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [pending, setPending] = useState(false);
  async function signOut() {
    setPending(true);
    try {
      await auth.signOut();
    } finally {
      router.replace('/sign-in');
      // Everything cached was this person's: drop it, and know at once that nobody is signed in.
      queryClient.removeQueries();
      queryClient.setQueryData(trpc.account.me.queryKey(), null);
      setPending(false);
    }
  }
  return { signOut, pending };
}

export function SignOutButton({ className = 'btn btn-sm', iconOnly = false }: { className?: string; iconOnly?: boolean }) {
  const { signOut, pending } = useSignOut();
  return (
    <button
      type="button"
      className={className}
      onClick={() => void signOut()}
      disabled={pending}
      aria-label={iconOnly ? 'Sign out' : undefined}
      title={iconOnly ? 'Sign out' : undefined}
      data-testid="sign-out"
    >
      <Icon name="log-out" size={14} />
      {iconOnly ? null : 'Sign out'}
    </button>
  );
}
