import { Icon } from '@parley/ui';
import { generatedLabel, quickRepliesOf, ratingScale, safeMediaUrl, sourcesOf, transcribedLabel, type MessageMeta } from '@/lib/message-meta';
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
 * the quick replies offered (read-only muted chips), the attachment (a link), the spoken
 * variant for voice channels, and for knowledge answers and AI replies the articles cited and
 * which generator wrote the reply (with its confidence).
 */
export function MessageExtras({ meta }: { meta: MessageMeta | null | undefined }) {
  const options = quickRepliesOf(meta);
  const media = safeMediaUrl(meta?.mediaUrl);
  const voice = meta?.voiceText?.trim();
  const sources = sourcesOf(meta);
  const generated = generatedLabel(meta);
  const transcribed = transcribedLabel(meta);
  if (options.length === 0 && !media && !voice && sources.length === 0 && !generated && !transcribed) return null;
  const scale = ratingScale(options);
  return (
    <div className={styles.extras}>
      {transcribed ? (
        <p className={styles.voiceText} data-testid="message-transcribed">
          <Icon name="mic" size={12} aria-hidden="true" /> {transcribed}
        </p>
      ) : null}
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
      {sources.length > 0 || generated ? (
        <div className={styles.offered} data-testid="message-sources">
          {generated ? (
            <span className={styles.generatedBadge} title="Written by the AI reply node">
              <Icon name="sparkles" size={11} />
              <span className="sr-only">Generated reply: </span>
              {generated}
            </span>
          ) : null}
          {sources.length > 0 ? (
            <>
              <span className={styles.offeredLabel}>Sources:</span>
              <ul className={styles.offeredList} aria-label="Knowledge articles cited">
                {sources.map((source) => (
                  <li key={source.key}>
                    {source.href ? (
                      <a href={source.href} target="_blank" rel="noopener noreferrer" className={styles.extraAttachment}>
                        <Icon name="book-open" size={12} />
                        {source.title}
                      </a>
                    ) : (
                      <span className={styles.offeredChip}>{source.title}</span>
                    )}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
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
