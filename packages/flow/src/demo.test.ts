import { describe, expect, it } from 'vitest';
import { compileFlow } from './compile';
import { demoAssistantFlow, demoFlow, demoSupportFlow } from './demo';
import { renderTemplate } from './template';
import { validateFlow } from './validate';

describe('demoFlow', () => {
  it('validates with no errors and no warnings', () => {
    const result = validateFlow(demoFlow);
    expect(result.issues).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('is laid out top to bottom in one column with room between steps', () => {
    const positions = demoFlow.nodes.map((n) => n.position);
    expect(new Set(positions.map((p) => p.x))).toEqual(new Set([0]));
    for (let i = 1; i < positions.length; i++) {
      expect(positions[i]!.y - positions[i - 1]!.y).toBeGreaterThanOrEqual(150);
    }
  });

  it('runs start → greet → ask name → ask topic → confirm → end', () => {
    const flow = compileFlow(demoFlow);
    const path: string[] = [];
    let id: string | undefined = flow.startNodeId;
    while (id !== undefined) {
      path.push(id);
      const ports: Record<string, string> = flow.next[id] ?? {};
      id = Object.values(ports)[0];
    }
    expect(path).toEqual(['start', 'greet', 'ask_name', 'ask_topic', 'confirm', 'end']);
    expect(path.map((p) => flow.nodes[p]?.kind)).toEqual(['start', 'message', 'ask', 'ask', 'message', 'end']);
    expect(flow.nodes.end?.config).toEqual({ status: 'resolved', message: '' });
  });

  it('says what the support-intake script says', () => {
    const byId = Object.fromEntries(demoFlow.nodes.map((n) => [n.id, n.config]));
    expect(byId.greet).toEqual({ text: "Hi! I'm Parley, the support assistant." });
    expect(byId.ask_name).toEqual({ question: "What's your name?", variable: 'name' });
    expect(byId.ask_topic).toEqual({ question: 'Thanks {{name}}. What can I help you with today?', variable: 'topic' });
    const vars = { name: 'Ada', topic: 'Billing question' };
    expect(renderTemplate(String(byId.confirm?.text), vars)).toBe(
      'Got it, Ada — I\'ve noted: "Billing question". A teammate will follow up by email.',
    );
  });
});

describe('demoSupportFlow', () => {
  it('validates cleanly and hands off under an SLA policy before the CSAT survey', () => {
    const result = validateFlow(demoSupportFlow);
    expect(result.issues).toEqual([]);
    const flow = compileFlow(demoSupportFlow);
    expect(flow.next.handoff).toEqual({ resolved: 'rate', returned: 'ask_topic' });
    expect(flow.nodes.sla?.config).toMatchObject({ firstResponse: 15, hours: 'always' });
  });
});

describe('demoAssistantFlow', () => {
  it('validates with no errors and no warnings', () => {
    expect(validateFlow(demoAssistantFlow).issues).toEqual([]);
  });

  it('routes by intent to the knowledge base, hands off under an SLA policy, and rates at the end', () => {
    const flow = compileFlow(demoAssistantFlow);
    expect(flow.next.mood).toEqual({ negative: 'sla', ok: 'route' });
    expect(flow.next.route).toEqual({
      'intent:billing': 'answer',
      'intent:orders': 'answer',
      'intent:account': 'answer',
      'intent:human': 'sla',
      fallback: 'ai',
    });
    expect(flow.next.answer).toEqual({ answered: 'helped', not_found: 'ai' });
    expect(flow.next.sla).toEqual({ next: 'handoff' });
    expect(flow.next.handoff).toEqual({ resolved: 'rate', returned: 'ask_request' });
    expect(flow.next.rate).toEqual({ next: 'end' });
  });
});
