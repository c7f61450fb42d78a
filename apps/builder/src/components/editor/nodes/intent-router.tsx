'use client';

import { FALLBACK_PORT, intentPort, type OutputPort } from '@parley/flow';
import { TemplateText } from '../TemplateText';
import { NodeShell } from './NodeShell';
import { str, num, VariableChip } from './viewParts';
import type { KindViewProps } from './view-props';
import styles from './nodes.module.css';
import rowStyles from './PortRows.module.css';

/** The intents as drawn (config not validated yet): name → first examples. */
function intentExamples(config: Record<string, unknown>): Map<string, string[]> {
  const intents = Array.isArray(config.intents) ? config.intents : [];
  const byPort = new Map<string, string[]>();
  for (const intent of intents as unknown[]) {
    if (typeof intent !== 'object' || intent === null) continue;
    const { name, examples } = intent as { name?: unknown; examples?: unknown };
    const list = Array.isArray(examples) ? examples.filter((e): e is string => typeof e === 'string' && e.trim() !== '') : [];
    if (typeof name === 'string') byPort.set(intentPort(name), list);
  }
  return byPort;
}

export function IntentRouterView({ id, data, selected }: KindViewProps<'intent_router'>) {
  const text = str(data.config.text) || '{{last_message}}';
  const examples = intentExamples(data.config);
  const detail = (port: OutputPort) => {
    if (port.id === FALLBACK_PORT) {
      return <span className={rowStyles.rowDetail}>below {num(data.config.threshold, 0.3)} confidence</span>;
    }
    const list = examples.get(port.id) ?? [];
    return list.length > 0 ? (
      <span className={rowStyles.rowDetail} title={list.join('\n')}>
        “{list[0]}”{list.length > 1 ? ` +${list.length - 1}` : ''}
      </span>
    ) : (
      <span className={`${rowStyles.rowDetail} ${styles.placeholder}`}>no examples</span>
    );
  };
  return (
    <NodeShell id={id} kind="intent_router" label={data.label} selected={selected} portDetails={detail}>
      <p className={styles.preview}>
        Classify <TemplateText text={text} />
      </p>
      <span className={styles.saveAs}>
        <span aria-hidden="true">→</span>
        <span className="sr-only">saves the intent as</span>
        <VariableChip name={str(data.config.intentVariable)} />
      </span>
    </NodeShell>
  );
}
