// validateFlow: each node kind's config, and the variables its texts use.
import { describe, expect, it } from 'vitest';
import { baseFlow, codes, only } from '../test/fixtures';
import { validateFlow } from './validate';

describe('validateFlow: node configs (config.invalid)', () => {
  const withConfig = (index: number, config: unknown) => {
    const flow = baseFlow() as unknown as { nodes: { config: unknown }[] };
    flow.nodes[index]!.config = config;
    return validateFlow(flow);
  };

  it.each([
    ['a number', 42],
    ['a string', 'text'],
    ['null', null],
    ['an array', ['Hello']],
  ])('reports a config that is %s against the config itself', (_name, config) => {
    const result = withConfig(1, config);
    expect(codes(result)).toEqual(['config.invalid']);
    const issue = only(result, 'config.invalid');
    expect(issue).toMatchObject({ nodeId: 'hello', path: ['nodes', 1, 'config'] });
    expect(issue.field).toBeUndefined();
    expect(issue.message).toMatch(/^Message "hello": config — /);
  });

  it('reports a wrong field type with the field', () => {
    const issue = only(withConfig(1, { text: ['Hi'] }), 'config.invalid');
    expect(issue).toEqual({
      severity: 'error',
      code: 'config.invalid',
      message: 'Message "hello": Text — Must be text',
      nodeId: 'hello',
      path: ['nodes', 1, 'config', 'text'],
      field: 'text',
    });
  });

  it('accepts message text of exactly 4000 characters and rejects 4001', () => {
    expect(withConfig(1, { text: 'a'.repeat(4000) }).ok).toBe(true);
    const issue = only(withConfig(1, { text: 'a'.repeat(4001) }), 'config.invalid');
    expect(issue).toMatchObject({ field: 'text', path: ['nodes', 1, 'config', 'text'] });
    expect(issue.message).toBe('Message "hello": Text — Must be at most 4000 characters');
  });

  it('rejects empty and blank message text', () => {
    expect(only(withConfig(1, { text: '' }), 'config.invalid').message).toContain('Required');
    expect(only(withConfig(1, { text: ' \n ' }), 'config.invalid').message).toContain('only whitespace');
  });

  it('rejects a missing required field', () => {
    expect(only(withConfig(1, {}), 'config.invalid')).toMatchObject({ field: 'text', path: ['nodes', 1, 'config', 'text'] });
  });

  it('rejects an oversized question and a bad variable name, both at once', () => {
    const result = withConfig(2, { question: 'q'.repeat(2001), variable: '1st name' });
    const issues = result.issues.filter((i) => i.code === 'config.invalid');
    expect(issues.map((i) => [i.field, i.path])).toEqual([
      ['question', ['nodes', 2, 'config', 'question']],
      ['variable', ['nodes', 2, 'config', 'variable']],
    ]);
    expect(issues[1]?.message).toMatch(/^Ask "ask": Save answer as — Must start with a letter or _/);
  });

  it('rejects a variable name longer than 64 characters', () => {
    expect(withConfig(2, { question: 'Q?', variable: 'v'.repeat(64) }).ok).toBe(true);
    expect(only(withConfig(2, { question: 'Q?', variable: 'v'.repeat(65) }), 'config.invalid').field).toBe('variable');
  });

  it('rejects an unknown end status', () => {
    const issue = only(withConfig(4, { status: 'pending' }), 'config.invalid');
    expect(issue).toMatchObject({ nodeId: 'end', field: 'status', path: ['nodes', 4, 'config', 'status'] });
    expect(issue.message).toBe('End "end": Status — Must be "resolved" or "closed"');
  });

  it('names each unknown setting (configs are strict), including on start', () => {
    const result = withConfig(0, { foo: 1, bar: 2 });
    expect(result.issues.map((i) => [i.code, i.field, i.path])).toEqual([
      ['config.invalid', 'foo', ['nodes', 0, 'config', 'foo']],
      ['config.invalid', 'bar', ['nodes', 0, 'config', 'bar']],
    ]);
    expect(result.issues[0]?.message).toBe('Start "start" has an unknown setting "foo".');
  });
});

describe('validateFlow: templates', () => {
  it('warns about a variable that no ask node stores', () => {
    const flow = baseFlow();
    flow.nodes[3]!.config = { text: 'Bye {{nmae}}, about {{ topic }}. {{name}}' };
    const result = validateFlow(flow);
    expect(result.ok).toBe(true);
    expect(result.issues.map((i) => [i.severity, i.code, i.nodeId, i.field, i.path])).toEqual([
      ['warning', 'template.unknown_variable', 'bye', 'text', ['nodes', 3, 'config', 'text']],
      ['warning', 'template.unknown_variable', 'bye', 'text', ['nodes', 3, 'config', 'text']],
    ]);
    expect(result.issues[0]?.message).toBe(
      'Message "bye" uses {{nmae}}, but no node in the flow stores a variable named "nmae"; it would render empty.',
    );
    expect(result.issues[1]?.message).toContain('{{topic}}');
  });

  it('checks ask questions too', () => {
    const flow = baseFlow();
    flow.nodes[2]!.config = { question: 'And your {{thing}}?', variable: 'name' };
    expect(only(validateFlow(flow), 'template.unknown_variable')).toMatchObject({
      nodeId: 'ask',
      field: 'question',
      path: ['nodes', 2, 'config', 'question'],
    });
  });

  it('accepts a variable stored by an ask anywhere in the flow', () => {
    const flow = baseFlow();
    flow.nodes[1]!.config = { text: 'Hello {{name}}' }; // used before the ask that stores it
    expect(validateFlow(flow).issues).toEqual([]);
  });
});
