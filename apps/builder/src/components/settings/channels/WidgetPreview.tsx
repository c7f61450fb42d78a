'use client';

import type { CSSProperties } from 'react';
import type { WidgetForm } from './widget-form';
import styles from './channels.module.css';

/**
 * A live picture of the widget as a visitor would see it on a page, drawn from the unsaved form
 * (the real widget reads the saved settings). Outside business hours the real widget shows the
 * offline message above the chat; the preview shows it whenever business hours are on.
 */
export function WidgetPreview({ form }: { form: WidgetForm }) {
  const accent = { '--accent': /^#[0-9a-f]{6}$/i.test(form.color) ? form.color : '#4f46e5' } as CSSProperties;
  return (
    <figure className={styles.previewFrame} style={accent} aria-label="Widget preview" data-testid="widget-preview">
      <div className={styles.previewPage} aria-hidden="true">
        <span />
        <span />
        <span />
      </div>
      <div className={styles.previewPanel} data-position={form.position}>
        <div className={styles.previewHeader}>
          {form.logoUrl.trim() ? (
            <img src={form.logoUrl.trim()} alt="" />
          ) : null}
          <div>
            <strong data-testid="preview-title">{form.title || 'Chat with us'}</strong>
            <small>{form.hoursOn ? 'Away right now' : 'We reply in a few minutes'}</small>
          </div>
        </div>
        {form.hoursOn ? <p className={styles.previewNotice}>{form.offlineMessage}</p> : null}
        <div className={styles.previewLog}>
          <p className={styles.previewBot}>{form.greeting}</p>
          {form.preChatForm ? (
            <div className={styles.previewForm}>
              <span>Name</span>
              <i />
              <span>Email</span>
              <i />
              <b>Start chat</b>
            </div>
          ) : (
            <>
              <p className={styles.previewMe}>Where is my order?</p>
              <p className={styles.previewBot}>I can help with that. Which one?</p>
              <div className={styles.previewChips}>
                <span>Latest order</span>
                <span>Another one</span>
              </div>
            </>
          )}
        </div>
        <div className={styles.previewComposer}>
          <i />
          <b>Send</b>
        </div>
      </div>
      <div className={styles.previewBubble} data-position={form.position}>
        <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
          <path d="M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z" />
        </svg>
      </div>
    </figure>
  );
}
