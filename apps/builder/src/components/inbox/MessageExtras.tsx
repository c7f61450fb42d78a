import { Icon } from '@/components/ui/Icon';
import { quickRepliesOf, ratingScale, safeMediaUrl, type MessageMeta } from '@/lib/message-meta';
import styles from './inbox.module.css';

/** The last path segment of an attachment URL, for its link text ("invoice.pdf"). */
function fileName(url: string): string {
  try {
    const name = decodeURIComponent(new URL(url).pathname.split('/').filter(Boolean).at(-1) ?? '');
    return name || new URL(url).host;
  } catch {
    return url;
  }
}

/**
 * What came with a bot message in the customer's widget, so the agent sees what the customer saw:
 * the quick replies offered (read-only muted chips), the attachment (a link) and the spoken
 * variant for voice channels.
 */
export function MessageExtras({ meta }: { meta: MessageMeta | null | undefined }) {
  const options = quickRepliesOf(meta);
  const media = safeMediaUrl(meta?.mediaUrl);
  const voice = meta?.voiceText?.trim();
  if (options.length === 0 && !media && !voice) return null;
  const scale = ratingScale(options);
  return (
    <div className={styles.extras}>
      {media ? (
        <a href={media} target="_blank" rel="noopener noreferrer" className={styles.extraAttachment} data-testid="message-attachment">
          <Icon name="paperclip" size={12} />
          <span className="sr-only">Attachment: </span>
          {fileName(media)}
          <Icon name="external-link" size={11} />
        </a>
      ) : null}
      {options.length > 0 ? (
        <div className={styles.offered} data-testid="offered-replies">
          <span className={styles.offeredLabel}>
            {scale !== null ? `Rating 1–${scale}:` : 'Quick replies:'}
          </span>
          <ul className={styles.offeredList} aria-label={scale !== null ? `Rating buttons offered, 1 to ${scale}` : 'Quick replies offered'}>
            {options.map((option) => (
              <li key={option} className={styles.offeredChip}>
                {option}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {voice ? (
        <p className={styles.voiceText} data-testid="message-voice-text">
          <Icon name="volume-2" size={12} />
          <span className="sr-only">Spoken version: </span>
          {voice}
        </p>
      ) : null}
    </div>
  );
}
