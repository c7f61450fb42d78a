import type { FlowDetail } from '@/lib/api-types';
import styles from './editor.module.css';

/** The side panel when nothing is selected: what the flow is and how to work on it. */
export function FlowSummaryPanel({ flow, nodeCount, edgeCount }: { flow: FlowDetail; nodeCount: number; edgeCount: number }) {
  const published = flow.versions.filter((version) => version.publishedAt !== null);
  return (
    <section className={styles.inspector} aria-label="Flow details" data-testid="editor-summary">
      <header className={styles.inspectorHeader}>
        <div>
          <h2 className={styles.panelTitle}>{flow.name}</h2>
          <p className={styles.panelSubtitle}>{flow.description || 'No description.'}</p>
        </div>
      </header>
      <dl className={styles.facts}>
        <dt>Steps</dt>
        <dd>{nodeCount}</dd>
        <dt>Connections</dt>
        <dd>{edgeCount}</dd>
        <dt>Published versions</dt>
        <dd>{published.length === 0 ? 'None yet' : published.map((version) => `v${version.version}`).join(', ')}</dd>
      </dl>
      <p className={styles.hint}>Select a step to edit it. Drag from a port (the dots at the bottom of a step) to connect it. Shift-drag selects several; Ctrl+C, Ctrl+V and Ctrl+D copy, paste and duplicate them; Ctrl+Z undoes.</p>
    </section>
  );
}
