'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { LoadingState } from '@parley/ui';
import { errorMessage } from '@/lib/errors';
import { roleLabel } from '@/lib/roles';
import { useMe } from '@/lib/session';
import { useTRPC } from '@/lib/trpc';
import { AuthCard, AuthError } from './AuthCard';
import { NewAccountForm } from './NewAccountForm';
import styles from './auth.module.css';

/**
 * An invitation link: who invited whom to which workspace. A newcomer picks a name and password
 * and is signed in; someone with an account signs in as the invited email first, then joins.
 */
export function InvitationAccept({ token }: { token: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const me = useMe();
  const switchWorkspace = useMutation(trpc.account.switchWorkspace.mutationOptions());
  const preview = useQuery({ ...trpc.invitations.preview.queryOptions({ token }), retry: false, refetchOnWindowFocus: false });
  const join = useMutation(
    trpc.invitations.accept.mutationOptions({
      onSuccess: async (result) => {
        // Act in the workspace just joined, with every cached answer fetched anew.
        await switchWorkspace.mutateAsync({ workspaceId: result.workspaceId }).catch(() => undefined);
        await queryClient.resetQueries();
        router.replace('/flows');
      },
    }),
  );

  if (preview.isPending) return <LoadingState label="Opening your invitation…" />;
  if (preview.isError) {
    return (
      <AuthCard title="This invitation does not work" testId="invitation">
        <AuthError>{errorMessage(preview.error)}</AuthError>
        <Link href="/sign-in" className={`btn ${styles.submit}`}>
          Go to sign in
        </Link>
      </AuthCard>
    );
  }
  const invitation = preview.data;
  const signedInAs = me.data?.user.email ?? null;
  return (
    <AuthCard title={`Join ${invitation.workspace}`} subtitle="You are invited to work in this Parley workspace." testId="invitation">
      <dl className={styles.facts}>
        <dt>Email</dt>
        <dd data-testid="invitation-email">{invitation.email}</dd>
        <dt>Role</dt>
        <dd data-testid="invitation-role">{roleLabel[invitation.role]}</dd>
      </dl>
      {join.isError ? <AuthError>{errorMessage(join.error)}</AuthError> : null}
      {!invitation.hasAccount ? (
        <NewAccountForm email={invitation.email} token={token} />
      ) : signedInAs?.toLowerCase() === invitation.email.toLowerCase() ? (
        <button
          type="button"
          className={`btn btn-primary ${styles.submit}`}
          disabled={join.isPending}
          onClick={() => join.mutate({ token })}
          data-testid="invitation-join"
        >
          {join.isPending ? 'Joining…' : `Join ${invitation.workspace}`}
        </button>
      ) : (
        <>
          <p className={styles.subtitle}>
            {invitation.email} has a Parley account already.{' '}
            {signedInAs ? `You are signed in as ${signedInAs}: sign in as ${invitation.email} instead.` : 'Sign in first, then come back to join.'}
          </p>
          <Link
            href={`/sign-in?next=${encodeURIComponent(`/invite/${token}`)}&email=${encodeURIComponent(invitation.email)}`}
            className={`btn btn-primary ${styles.submit}`}
            data-testid="invitation-sign-in"
          >
            Sign in as {invitation.email}
          </Link>
        </>
      )}
    </AuthCard>
  );
}
