'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useId, useState, type FormEvent } from 'react';
import { authErrorMessage, useAuthClient } from '@/lib/auth-client';
import { errorMessage } from '@/lib/errors';
import { useTRPC } from '@/lib/trpc';
import { AuthError } from './AuthCard';
import { NewPasswordFields, newPasswordProblem } from './NewPasswordFields';
import styles from './auth.module.css';

/** A newcomer's account from an invitation: their name (shown to customers) and a password; then signed in. */
export function NewAccountForm({ email, token }: { email: string; token: string }) {
  const trpc = useTRPC();
  const auth = useAuthClient();
  const queryClient = useQueryClient();
  const router = useRouter();
  const nameId = useId();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const accept = useMutation(trpc.invitations.accept.mutationOptions());

  async function submit(event: FormEvent) {
    event.preventDefault();
    const issue = name.trim() ? newPasswordProblem(password, confirm) : 'Enter your name.';
    setProblem(issue);
    if (issue) return;
    try {
      await accept.mutateAsync({ token, name: name.trim(), password });
    } catch {
      return; // shown from accept.error
    }
    const signedIn = await auth.signIn.email({ email, password });
    if (signedIn.error) {
      setProblem(`Your account is ready, but signing in failed: ${authErrorMessage(signedIn.error, 'try from the sign-in page')}`);
      return;
    }
    await queryClient.resetQueries();
    router.replace('/flows');
  }

  const error = problem ?? (accept.isError ? errorMessage(accept.error) : null);
  return (
    <form className={styles.form} onSubmit={submit} data-testid="new-account-form">
      {error ? <AuthError>{error}</AuthError> : null}
      <div className="field">
        <label htmlFor={nameId} className="field-label">
          Your name
        </label>
        <input
          id={nameId}
          className="input"
          autoComplete="name"
          required
          maxLength={80}
          value={name}
          onChange={(event) => setName(event.target.value)}
          data-testid="invitation-name"
        />
        <p className="field-help">Customers see it on your replies.</p>
      </div>
      <NewPasswordFields password={password} confirm={confirm} onPassword={setPassword} onConfirm={setConfirm} label="Choose a password" />
      <button type="submit" className={`btn btn-primary ${styles.submit}`} disabled={accept.isPending} data-testid="invitation-accept">
        {accept.isPending ? 'Creating your account…' : 'Create account and join'}
      </button>
    </form>
  );
}
