import { Icon } from '@parley/ui';
import type { TranscriptMessage } from '@/lib/api-types';
import { useApiUrl } from '@/lib/api-url';
import styles from './inbox.module.css';

/** Channel-free: the conversation's channel is shown in the header (email, SMS, WhatsApp). */
const LABEL = { queued: 'Sending…', sent: 'Sent', delivered: 'Delivered', failed: 'Not delivered' } as const;

/** "1.2 KB": an attachment's size as people read it. */
function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * Under a message of a conversation on a channel Parley delivers to (email, SMS, WhatsApp): whether it went
 * out (queued, sent, delivered as the provider reports, or failed with the relay's answer, which the agent needs to act on), and the
 * files a customer's mail or message brought, each a link that opens or downloads it.
 */
export function MessageDelivery({ message }: { message: TranscriptMessage }) {
  const { delivery, attachments } = message;
  const apiUrl = useApiUrl().replace(/\/+$/, '');
  if (!delivery && attachments.length === 0) return null;
  return (
    <div className={styles.extras}>
      {attachments.length > 0 ? (
        <ul className={styles.offeredList} aria-label="Attachments" data-testid="message-files">
          {attachments.map((file) => (
            <li key={file.id}>
              {/* The API serves the decrypted file to whoever may read this conversation (the session cookie goes along). */}
              <a className={`${styles.offeredChip} ${styles.fileLink}`} href={`${apiUrl}/api/attachments/${file.id}`} target="_blank" rel="noopener" data-testid="message-file">
                <Icon name="paperclip" size={11} /> {file.fileName} · {size(file.bytes)}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      {delivery ? (
        <p className={styles.delivery} data-status={delivery.status} data-testid="message-delivery" role={delivery.status === 'failed' ? 'alert' : undefined}>
          <Icon name={delivery.status === 'failed' ? 'alert-triangle' : delivery.status === 'sent' || delivery.status === 'delivered' ? 'check' : 'clock'} size={12} />
          {LABEL[delivery.status]}
          {delivery.error ? <span className={styles.deliveryError}>{delivery.status === 'queued' ? ` · retrying: ${delivery.error}` : `: ${delivery.error}`}</span> : null}
        </p>
      ) : null}
    </div>
  );
}
