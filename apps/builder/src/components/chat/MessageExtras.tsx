'use client';

import { Icon } from '@parley/ui';
import { isImageUrl, isQuoted, ratingScale, safeMediaUrl, sourcesOf, type MessageMeta } from '@/lib/message-meta';
import styles from './chat.module.css';

/**
 * An attachment under a chat bubble: images inline (lazy, at most the bubble's width, a click
 * opens the full size), anything else as an "Open attachment" link. Only http(s) URLs render.
 */
export function ChatAttachment({ url }: { url: string | undefined }) {
  const href = safeMediaUrl(url);
  if (!href) return null;
  if (isImageUrl(href)) {
    return (
      <a href={href} target="_blank" rel="noopener noreferrer" className={styles.attachmentImageLink} data-testid="chat-attachment">
        {/* A customer-facing widget shows whatever the flow links to: no Next image optimiser. */}
        <img src={href} alt="Attachment" loading="lazy" decoding="async" className={styles.attachmentImage} />
      </a>
    );
  }
  return (
    <a href={href} target="_blank" rel="noopener noreferrer" className={styles.attachmentLink} data-testid="chat-attachment">
      <Icon name="paperclip" size={14} />
      Open attachment
    </a>
  );
}

/**
 * The knowledge articles a bot answer came from, under its bubble: links when the article has a
 * public url. A generated reply says so ("Automatic answer", or "Quoted from the help center" when
 * no model wrote it), so the customer knows what they read.
 */
export function ChatSources({ meta }: { meta: MessageMeta | undefined }) {
  const sources = sourcesOf(meta);
  const generated = Boolean(meta?.generated);
  if (sources.length === 0 && !generated) return null;
  return (
    <div className={styles.sources} data-testid="chat-sources">
      {generated ? (
        <span className={styles.sourcesNote}>
          {isQuoted(meta) ? 'Quoted from the help center' : 'Automatic answer'}
          {sources.length > 0 ? ' · ' : ''}
        </span>
      ) : null}
      {sources.length > 0 ? (
        <>
          <span className={styles.sourcesNote}>{sources.length === 1 ? 'Source:' : 'Sources:'}</span>
          <ul className={styles.sourcesList}>
            {sources.map((source) => (
              <li key={source.key}>
                {source.href ? (
                  <a href={source.href} target="_blank" rel="noopener noreferrer" className={styles.sourceLink}>
                    <Icon name="book-open" size={12} />
                    {source.title}
                  </a>
                ) : (
                  <span className={styles.sourceText}>
                    <Icon name="book-open" size={12} />
                    {source.title}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

/**
 * The quick replies of the bot's latest message, as buttons the customer can press instead of
 * typing. A set of "1".."N" (a CSAT question) becomes a rating row: stars up to 5, numbers above.
 * Each press sends the option's text as the customer's message.
 */
export function QuickReplies({
  options,
  disabled,
  onPick,
}: {
  options: string[];
  disabled: boolean;
  onPick: (text: string) => void;
}) {
  const scale = ratingScale(options);
  if (scale !== null) {
    const stars = scale <= 5;
    return (
      <div className={styles.quickReplies} data-testid="quick-replies" data-kind="rating">
        <div
          role="group"
          aria-label={`Rate from 1 to ${scale}`}
          className={stars ? styles.stars : styles.scale}
          data-testid="rating-row"
        >
          {options.map((option) => (
            <button
              key={option}
              type="button"
              className={stars ? styles.star : styles.scalePoint}
              aria-label={`Rate ${option} out of ${scale}`}
              title={`${option} out of ${scale}`}
              disabled={disabled}
              onClick={() => onPick(option)}
              data-testid={`rating-${option}`}
            >
              {stars ? <Icon name="star" size={22} /> : null}
              <span className={stars ? styles.starNumber : undefined}>{option}</span>
            </button>
          ))}
        </div>
        <p className={styles.ratingHint} aria-hidden="true">
          <span>Poor</span>
          <span>Excellent</span>
        </p>
      </div>
    );
  }
  return (
    <div className={styles.quickReplies} data-testid="quick-replies" data-kind="chips">
      <div role="group" aria-label="Suggested replies" className={styles.chips}>
        {options.map((option) => (
          <button
            key={option}
            type="button"
            className={styles.chip}
            disabled={disabled}
            onClick={() => onPick(option)}
            data-testid="quick-reply"
          >
            {option}
          </button>
        ))}
      </div>
    </div>
  );
}
