'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Icon } from '@parley/ui';
import type { WorkspaceRole } from '@/lib/api-types';
import { errorMessage } from '@/lib/errors';
import { roleHelp, roleLabel, ROLE_OPTIONS } from '@/lib/roles';
import { useTRPC } from '@/lib/trpc';
import { SecretOnce } from './SecretOnce';
import styles from './settings.module.css';

/** Invite by email and role; the link is shown once (the API keeps only its hash). */
export function InviteForm({ grantable }: { grantable: readonly WorkspaceRole[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const emailId = useId();
  const roleId = useId();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<WorkspaceRole>('agent');
  const [link, setLink] = useState<{ email: string; url: string } | null>(null);
  const invite = useMutation(
    trpc.members.invite.mutationOptions({
      onSuccess: (result, input) => {
        setLink({ email: input.email, url: `${window.location.origin}/invite/${result.token}` });
        setEmail('');
        void queryClient.invalidateQueries(trpc.members.list.queryFilter());
      },
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!email.trim()) return;
    invite.mutate({ email: email.trim(), role });
  }

  return (
    <section className={styles.card} aria-labelledby={`${emailId}-title`}>
      <h2 id={`${emailId}-title`} className={styles.cardTitle}>
        Invite someone
      </h2>
      {link ? (
        <SecretOnce
          title={`Invitation link for ${link.email}`}
          value={link.url}
          note="Send it to them: it is shown only now and works once, for 7 days."
          onDone={() => setLink(null)}
          testId="invitation-link"
        />
      ) : null}
      <form className={styles.formRow} onSubmit={submit} data-testid="invite-form">
        <div className="field">
          <label htmlFor={emailId} className="field-label">
            Email
          </label>
          <input
            id={emailId}
            className="input"
            type="email"
            required
            maxLength={254}
            placeholder="name@company.com"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            data-testid="invite-email"
          />
        </div>
        <div className="field">
          <label htmlFor={roleId} className="field-label">
            Role
          </label>
          <select
            id={roleId}
            className="select"
            value={role}
            aria-describedby={`${roleId}-help`}
            onChange={(event) => setRole(event.target.value as WorkspaceRole)}
            data-testid="invite-role"
          >
            {ROLE_OPTIONS.filter((option) => grantable.includes(option)).map((option) => (
              <option key={option} value={option}>
                {roleLabel[option]}
              </option>
            ))}
          </select>
          <p id={`${roleId}-help`} className="field-help">
            {roleHelp[role]}
          </p>
        </div>
        <button type="submit" className="btn btn-primary" disabled={invite.isPending || !email.trim()} data-testid="invite-submit">
          <Icon name="user-plus" size={14} />
          {invite.isPending ? 'Inviting…' : 'Create invitation'}
        </button>
      </form>
      {invite.isError ? (
        <p className="field-error" role="alert">
          {errorMessage(invite.error)}
        </p>
      ) : null}
    </section>
  );
}
