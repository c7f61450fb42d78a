'use client';

import { TemplateText } from '../TemplateText';
import { NodeShell } from './NodeShell';
import { MappingLines } from './MappingLines';
import { str } from './viewParts';
import type { KindViewProps } from './view-props';
import styles from './nodes.module.css';

export function HttpRequestView({ id, data, selected }: KindViewProps<'http_request'>) {
  const method = str(data.config.method) || 'GET';
  const url = str(data.config.url);
  return (
    <NodeShell id={id} kind="http_request" label={data.label} selected={selected}>
      <p className={styles.preview}>
        <span className="badge">{method}</span>{' '}
        {url ? <TemplateText text={url} /> : <span className={styles.placeholder}>no URL</span>}
      </p>
      <MappingLines value={data.config.responseMapping} />
    </NodeShell>
  );
}
