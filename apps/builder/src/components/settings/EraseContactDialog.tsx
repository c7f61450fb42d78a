'use client';

import { ConfirmDialog } from '@parley/ui';
import type { ContactRow } from '@/lib/api-types';
import { confirmsErasure, ERASE_WORD } from '@/lib/erasure';
import { plural } from '@/lib/format';

/** The strong confirmation before erasing a contact: what goes, that it is final, and a typed answer. */
export function EraseContactDialog({
  contact,
  open,
  pending,
  error,
  onConfirm,
  onClose,
}: {
  contact: ContactRow;
  open: boolean;
  pending: boolean;
  error: string | null;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const who = contact.name ?? contact.email ?? 'this contact';
  return (
    <ConfirmDialog
      open={open}
      title={`Erase ${who}?`}
      confirmLabel="Erase for good"
      pendingLabel="Erasing…"
      pending={pending}
      error={error}
      typed={{
        label: contact.name ? `Type “${contact.name}” or ${ERASE_WORD} to confirm` : `Type ${ERASE_WORD} to confirm`,
        matches: (typed) => confirmsErasure(typed, contact.name),
      }}
      onConfirm={onConfirm}
      onClose={onClose}
      testId="erase-dialog"
    >
      <p>
        This deletes the contact and <strong>{plural(contact.conversations, 'conversation')}</strong> with their messages, call recordings and
        workflow histories, including conversations still running (they are ended first).
      </p>
      <p>
        <strong>It cannot be undone.</strong> The audit log keeps that an erasure happened and who asked, never the contact’s name, email or words.
      </p>
    </ConfirmDialog>
  );
}
