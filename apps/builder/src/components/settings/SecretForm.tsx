'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Icon } from '@parley/ui';
import { errorMessage, fieldErrors } from '@/lib/errors';
import { toSecretName } from '@/lib/secrets';
import { useTRPC } from '@/lib/trpc';
import styles from './settings.module.css';

/**
 * Sets a secret's value: a new one (name + value) or, with `name`, a new value for an existing
 * one. The value is typed into a password field and never comes back from the server.
 */
export function SecretForm({ name: fixedName, existing = [], onDone }: { name?: string; existing?: readonly string[]; onDone?: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const ids = { name: useId(), value: useId() };
  const [name, setName] = useState(fixedName ?? '');
  const [value, setValue] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const set = useMutation(
    trpc.secrets.set.mutationOptions({
      onSuccess: (result) => {
        setSaved(result.name);
        setValue('');
        if (!fixedName) setName('');
        void queryClient.invalidateQueries(trpc.secrets.list.queryFilter());
        onDone?.();
      },
    }),
  );
  const errors = set.isError ? fieldErrors(set.error) : {};
  const replaces = !fixedName && existing.includes(name);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (name && value) set.mutate({ name, value });
  }

  return (
    <form className={styles.secretForm} onSubmit={submit} data-testid={fixedName ? 'secret-replace-form' : 'secret-form'}>
      <div className={styles.formRow}>
        {fixedName ? null : (
          <div className="field">
            <label htmlFor={ids.name} className="field-label">
              Name
            </label>
            <input
              id={ids.name}
              className="input mono"
              required
              maxLength={64}
              autoComplete="off"
              spellCheck={false}
              placeholder="CRM_API_TOKEN"
              value={name}
              aria-invalid={errors.name ? true : undefined}
              aria-describedby={`${ids.name}-help`}
              onChange={(event) => {
                setName(toSecretName(event.target.value));
                setSaved(null);
                set.reset();
              }}
              data-testid="secret-name"
            />
            <p id={`${ids.name}-help`} className={errors.name ? 'field-error' : 'field-help'}>
              {errors.name ?? (replaces ? `${name} exists: saving replaces its value.` : 'Upper case letters, digits and _')}
            </p>
          </div>
        )}
        <div className="field">
          <label htmlFor={ids.value} className="field-label">
            {fixedName ? `New value for ${fixedName}` : 'Value'}
          </label>
          <input
            id={ids.value}
            className="input"
            type="password"
            required
            autoComplete="new-password"
            spellCheck={false}
            value={value}
            aria-invalid={errors.value ? true : undefined}
            aria-describedby={`${ids.value}-help`}
            onChange={(event) => {
              setValue(event.target.value);
              setSaved(null);
              set.reset();
            }}
            autoFocus={Boolean(fixedName)}
            data-testid="secret-value-input"
          />
          <p id={`${ids.value}-help`} className={errors.value ? 'field-error' : 'field-help'}>
            {errors.value ?? 'Encrypted when saved and never shown again (up to 4 KB).'}
          </p>
        </div>
        <div className={styles.formButtons}>
          {onDone && fixedName ? (
            <button type="button" className="btn" onClick={onDone}>
              Cancel
            </button>
          ) : null}
          <button type="submit" className="btn btn-primary" disabled={set.isPending || !name || !value} data-testid="secret-submit">
            <Icon name={fixedName || replaces ? 'pencil' : 'plus'} size={14} />
            {set.isPending ? 'Saving…' : fixedName || replaces ? 'Replace value' : 'Add secret'}
          </button>
        </div>
      </div>
      {set.isError && !errors.name && !errors.value ? (
        <p className="field-error" role="alert" data-testid="secret-error">
          {errorMessage(set.error)}
        </p>
      ) : null}
      {/* Until the list no longer has it (deleted since). */}
      {saved && !fixedName && existing.includes(saved) ? (
        <p className={styles.success} role="status" data-testid="secret-saved">
          <Icon name="check-circle" size={14} />
          Saved {saved}. Its value is stored encrypted and will not be shown again.
        </p>
      ) : null}
    </form>
  );
}
