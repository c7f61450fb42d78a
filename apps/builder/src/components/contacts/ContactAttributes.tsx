'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Icon } from '@parley/ui';
import type { AttributeValue } from '@/lib/api-types';
import { errorMessage } from '@/lib/errors';
import { useTRPC } from '@/lib/trpc';
import styles from './contacts.module.css';

type Kind = 'text' | 'number' | 'boolean';

/** What the person typed as the value of the chosen kind; null while it is not one. */
function parseValue(kind: Kind, raw: string): AttributeValue | null {
  if (kind === 'boolean') return raw === 'yes';
  if (kind === 'number') return raw.trim() !== '' && Number.isFinite(Number(raw)) ? Number(raw) : null;
  return raw.trim() ? raw.trim() : null;
}

const shown = (value: AttributeValue) => (typeof value === 'boolean' ? (value ? 'Yes' : 'No') : String(value));

/** The contact's attributes: each removable, and a row to add or change one (text, number or yes/no). */
export function ContactAttributes({ contactId, attributes, canEdit }: { contactId: string; attributes: Record<string, AttributeValue>; canEdit: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const ids = { key: useId(), kind: useId(), value: useId() };
  const [draft, setDraft] = useState<{ key: string; kind: Kind; value: string }>({ key: '', kind: 'text', value: '' });
  const update = useMutation(
    trpc.contacts.updateAttributes.mutationOptions({
      onSuccess: () => {
        setDraft({ key: '', kind: draft.kind, value: '' });
        void queryClient.invalidateQueries(trpc.contacts.get.queryFilter({ id: contactId }));
      },
    }),
  );
  const value = parseValue(draft.kind, draft.value);

  function add(event: FormEvent) {
    event.preventDefault();
    if (draft.key.trim() && value !== null) update.mutate({ id: contactId, attributes: { [draft.key.trim()]: value } });
  }

  const entries = Object.entries(attributes).sort(([a], [b]) => a.localeCompare(b));
  return (
    <div data-testid="contact-attributes">
      {entries.length === 0 ? <p className={styles.muted}>No attributes yet.</p> : null}
      <dl className={styles.facts}>
        {entries.map(([key, attribute]) => (
          <div key={key} className={styles.fact} data-testid={`attribute-${key}`}>
            <dt>{key}</dt>
            <dd>
              <span className={typeof attribute === 'string' ? undefined : styles.typed}>{shown(attribute)}</span>
              {canEdit ? (
                <button
                  type="button"
                  className="btn btn-sm btn-ghost"
                  onClick={() => update.mutate({ id: contactId, attributes: { [key]: null } })}
                  disabled={update.isPending}
                  aria-label={`Remove ${key}`}
                >
                  <Icon name="x" size={12} />
                </button>
              ) : null}
            </dd>
          </div>
        ))}
      </dl>
      {canEdit ? (
        <form className={styles.attributeForm} onSubmit={add}>
          <label htmlFor={ids.key} className="sr-only">
            Attribute name
          </label>
          <input id={ids.key} className="input" placeholder="name, e.g. plan" maxLength={64} value={draft.key} onChange={(event) => setDraft({ ...draft, key: event.target.value })} data-testid="attribute-key" />
          <label htmlFor={ids.kind} className="sr-only">
            Type
          </label>
          <select id={ids.kind} className="input" value={draft.kind} onChange={(event) => setDraft({ ...draft, kind: event.target.value as Kind, value: event.target.value === 'boolean' ? 'yes' : '' })}>
            <option value="text">Text</option>
            <option value="number">Number</option>
            <option value="boolean">Yes / no</option>
          </select>
          <label htmlFor={ids.value} className="sr-only">
            Value
          </label>
          {draft.kind === 'boolean' ? (
            <select id={ids.value} className="input" value={draft.value} onChange={(event) => setDraft({ ...draft, value: event.target.value })}>
              <option value="yes">Yes</option>
              <option value="no">No</option>
            </select>
          ) : (
            <input
              id={ids.value}
              className="input"
              inputMode={draft.kind === 'number' ? 'decimal' : undefined}
              placeholder="value"
              maxLength={500}
              value={draft.value}
              onChange={(event) => setDraft({ ...draft, value: event.target.value })}
              data-testid="attribute-value"
            />
          )}
          <button type="submit" className="btn btn-sm" disabled={update.isPending || !draft.key.trim() || value === null} data-testid="attribute-save">
            <Icon name="plus" size={13} />
            Set
          </button>
        </form>
      ) : null}
      {update.isError ? (
        <p className="field-error" role="alert">
          {errorMessage(update.error)}
        </p>
      ) : null}
    </div>
  );
}
