'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { LoadingState } from '@parley/ui';
import listPage from '@/components/ui/listPage.module.css';
import { errorMessage } from '@/lib/errors';
import { roleLabel } from '@/lib/roles';
import { useMe } from '@/lib/session';
import { useTRPC } from '@/lib/trpc';
import { SignOutButton } from '@/components/shell/SignOutButton';
import { ChangePasswordForm } from './ChangePasswordForm';
import { SettingsHeader } from './SettingsHeader';
import styles from './settings.module.css';

function NameForm({ name }: { name: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [value, setValue] = useState(name);
  const update = useMutation(
    trpc.account.updateProfile.mutationOptions({ onSuccess: () => void queryClient.invalidateQueries(trpc.account.me.queryFilter()) }),
  );
  function submit(event: FormEvent) {
    event.preventDefault();
    if (value.trim()) update.mutate({ name: value.trim() });
  }
  return (
    <form className={`${styles.card} ${styles.narrow}`} onSubmit={submit} aria-label="Your name" data-testid="profile-name-form">
      <h2 className={styles.cardTitle}>Your name</h2>
      <div className="field">
        <label htmlFor={id} className="field-label">
          Name
        </label>
        <input id={id} className="input" required maxLength={80} value={value} onChange={(event) => setValue(event.target.value)} data-testid="profile-name" />
        <p className="field-help">Customers see it on your replies.</p>
      </div>
      {update.isError ? (
        <p className="field-error" role="alert">
          {errorMessage(update.error)}
        </p>
      ) : update.isSuccess ? (
        <p className="field-help" role="status">
          Saved.
        </p>
      ) : null}
      <div>
        <button type="submit" className="btn btn-primary" disabled={update.isPending || !value.trim() || value.trim() === name} data-testid="profile-save">
          {update.isPending ? 'Saving…' : 'Save name'}
        </button>
      </div>
    </form>
  );
}

/** The signed-in person's own settings: display name and password. */
export function ProfileScreen() {
  const me = useMe();
  if (!me.data?.active) return <LoadingState />;
  return (
    <div className={listPage.page}>
      <SettingsHeader title="Your profile" subtitle={`${me.data.user.email} · ${roleLabel[me.data.active.role]} in ${me.data.active.name}`} />
      <NameForm key={me.data.user.name} name={me.data.user.name} />
      <ChangePasswordForm />
      <section className={`${styles.card} ${styles.narrow}`} aria-label="Session">
        <h2 className={styles.cardTitle}>Session</h2>
        <p className={styles.cardText}>Signed in as {me.data.user.email}.</p>
        <div>
          <SignOutButton />
        </div>
      </section>
    </div>
  );
}
