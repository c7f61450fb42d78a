import { describe, expect, it } from 'vitest';
import { compileFlow, normalizeCompiledFlow } from './compile';
import { FLOW_SCHEMA_VERSION, type FlowGraph } from './graph';
import { nodeKinds } from './registry';
import { isSsml, ssmlError, ssmlToText } from './ssml';
import { matchTrigger, parseTriggers, startChannels } from './triggers';
import { validateFlow } from './validate';

type Node = Omit<FlowGraph['nodes'][number], 'position'>;

function flow(nodes: Node[], edges: [string, string, string][]): FlowGraph {
  return {
    schemaVersion: FLOW_SCHEMA_VERSION,
    nodes: nodes.map((node, i) => ({ ...node, position: { x: 0, y: i * 100 } })),
    edges: edges.map(([source, sourcePort, target], i) => ({ id: `e${i}`, source, sourcePort, target })),
  };
}

const start: Node = { id: 'start', kind: 'start', config: {} };
const end: Node = { id: 'end', kind: 'end', config: {} };
const errors = (graph: unknown) => validateFlow(graph).issues.filter((issue) => issue.severity === 'error');

describe('ask', () => {
  const askFlow = (config: Record<string, unknown>, extra: [string, string, string][] = []) =>
    flow(
      [start, { id: 'ask', kind: 'ask', config: { question: 'Q?', variable: 'x', ...config } }, end, { id: 'end2', kind: 'end', config: {} }],
      [['start', 'next', 'ask'], ['ask', 'answered', 'end'], ...extra],
    );

  it('keeps stored ask nodes valid: new fields default, only "answered" must be wired', () => {
    const result = validateFlow(askFlow({}));
    expect(result.issues.filter((i) => i.nodeId !== 'end2')).toEqual([]);
    expect(result.graph?.nodes[1]?.config).toEqual({
      question: 'Q?',
      variable: 'x',
      inputType: 'text',
      choices: '',
      pattern: '',
      retryPrompt: '',
      maxRetries: 2,
      timeoutMinutes: 0,
      // Stored nodes keep answering only with the options; new nodes start with 'yes'.
      answerFollowUps: 'no',
      followUpKnowledgeBase: 'Help center',
    });
    // A conversation that loaded the old compiled flow gets the defaults too.
    const compiled = compileFlow(askFlow({}));
    compiled.nodes.ask!.config = { question: 'Q?', variable: 'x' };
    expect(normalizeCompiledFlow(compiled).nodes.ask?.config).toMatchObject({ inputType: 'text', maxRetries: 2, timeoutMinutes: 0, answerFollowUps: 'no' });
  });

  it('requires "invalid" for a checked type or a pattern, and "timeout" with a timeout', () => {
    const ports = (config: Record<string, unknown>) =>
      errors(askFlow(config)).filter((i) => i.code === 'port.unconnected').map((i) => i.port);
    expect(ports({ inputType: 'number' })).toEqual(['invalid']);
    expect(ports({ pattern: '\\d+' })).toEqual(['invalid']);
    expect(ports({ timeoutMinutes: '5' })).toEqual(['timeout']);
    expect(ports({ inputType: 'email', timeoutMinutes: 1 })).toEqual(['invalid', 'timeout']);
    expect(errors(askFlow({ inputType: 'email', timeoutMinutes: 1 }, [['ask', 'invalid', 'end2'], ['ask', 'timeout', 'end2']]))).toEqual([]);
  });

  it('checks options, patterns, retries and the timeout', () => {
    const fields = (config: Record<string, unknown>) =>
      errors(askFlow(config, [['ask', 'invalid', 'end2'], ['ask', 'timeout', 'end2']]))
        .filter((i) => i.code === 'config.invalid')
        .map((i) => [i.field, i.message.replace(/^.*— /, '')]);
    expect(fields({ inputType: 'choice', choices: 'Only one' })).toEqual([['choices', 'Give at least two options, one per line']]);
    expect(fields({ inputType: 'choice', choices: 'Yes\nyes' })).toEqual([['choices', 'Options must differ (ignoring case)']]);
    expect(fields({ pattern: '([a-z]' })).toEqual([['pattern', expect.stringMatching(/^Not a valid regular expression/)]]);
    expect(fields({ pattern: 'a'.repeat(201) })).toEqual([['pattern', 'Must be at most 200 characters']]);
    expect(fields({ pattern: '(?<=#)\\d+' })).toEqual([['pattern', expect.stringMatching(/^Lookahead and lookbehind .* patterns use RE2 syntax/)]]);
    expect(fields({ maxRetries: 6, timeoutMinutes: -1 })).toEqual([
      ['maxRetries', 'At most 5'],
      ['timeoutMinutes', 'Cannot be negative'],
    ]);
    expect(fields({ inputType: 'letters' })).toEqual([['inputType', expect.stringMatching(/^Choose one of text, number/)]]);
  });

  it('types the stored variable by the answer type', () => {
    const typed = (inputType: string) =>
      validateFlow(
        flow(
          [
            start,
            { id: 'ask', kind: 'ask', config: { question: 'Q?', variable: 'x', inputType, choices: 'A\nB' } },
            { id: 'calc', kind: 'set_variable', config: { assignments: 'y = x + 1' } },
            { id: 'end', kind: 'end', config: {} },
            { id: 'end2', kind: 'end', config: {} },
          ],
          [['start', 'next', 'ask'], ['ask', 'answered', 'calc'], ['ask', 'invalid', 'end2'], ['calc', 'next', 'end']],
        ),
      ).issues.filter((i) => i.code === 'expression.type');
    expect(typed('number')).toEqual([]);
    expect(typed('email')).toHaveLength(1);
    expect(typed('text')).toEqual([]); // free text stays unknown (permissive), as before
  });
});

describe('start', () => {
  it('defaults to every channel, no triggers and no variables (stored `{}` stays valid)', () => {
    const result = validateFlow(flow([start, end], [['start', 'next', 'end']]));
    expect(result.issues).toEqual([]);
    const config = result.graph!.nodes[0]!.config as { channels: string; triggers: string };
    expect(startChannels(config)).toEqual(['web', 'voice', 'sms', 'whatsapp', 'email', 'api']);
    expect(matchTrigger(config, 'hello')).toBe(false);
  });

  it('checks channels, triggers and initial variables', () => {
    const fields = (config: Record<string, unknown>) =>
      errors(flow([{ ...start, config }, end], [['start', 'next', 'end']])).map((i) => [i.field, i.message.replace(/^.*— /, '')]);
    expect(fields({ channels: 'web, fax' })).toEqual([['channels', 'Unknown channel "fax"; use web, voice, sms, whatsapp, email, api']]);
    expect(fields({ channels: ' , ' })).toEqual([['channels', 'Choose at least one channel']]);
    expect(fields({ triggers: 'refund\n/(unclosed/' })).toEqual([['triggers', expect.stringMatching(/^Line 2: not a valid regular expression/i)]]);
    expect(fields({ variables: 'language = ' })).toEqual([['variables', expect.stringMatching(/^Line 1: write name = expression/)]]);
    expect(fields({ channels: 'WhatsApp sms', triggers: '# comment\nrefund', variables: 'vip = false' })).toEqual([]);
  });

  it('types initial variables and checks their expressions like set variable', () => {
    const result = validateFlow(
      flow(
        [
          { ...start, config: { variables: 'count = 1\nlabel = count - "x"' } },
          { id: 'hi', kind: 'message', config: { text: 'Hi {{count}}' } },
          end,
        ],
        [['start', 'next', 'hi'], ['hi', 'next', 'end']],
      ),
    );
    expect(result.issues.map((i) => [i.code, i.nodeId, i.field])).toEqual([['expression.type', 'start', 'variables']]);
  });
});

describe('matchTrigger', () => {
  const config = (triggers: string) => ({ triggers });

  it('matches keywords as whole words, any case, any spacing', () => {
    expect(matchTrigger(config('refund'), 'I want a REFUND!')).toBe(true);
    expect(matchTrigger(config('refund'), 'refunds please')).toBe(false);
    expect(matchTrigger(config('track order'), 'can you track   my order')).toBe(false);
    expect(matchTrigger(config('track order'), 'Track  Order 123')).toBe(true);
    expect(matchTrigger(config('c++'), 'help with c++ please')).toBe(true);
    expect(matchTrigger(config('größe'), 'Welche GRÖSSE? nein: größe')).toBe(true);
    expect(matchTrigger(config('größe'), 'größeren')).toBe(false);
  });

  it('matches /patterns/ anywhere, ignoring case; blank and # lines are skipped', () => {
    const triggers = config('# orders\n\n/order\\s*#?\\d{6}/');
    expect(matchTrigger(triggers, 'Where is ORDER #123456?')).toBe(true);
    expect(matchTrigger(triggers, 'order 12345')).toBe(false);
    expect(parseTriggers('/a/\nhello').ok && parseTriggers('/a/\nhello')).toMatchObject({ triggers: [{ kind: 'pattern' }, { kind: 'keyword' }] });
  });

  it('refuses long and broken patterns and matches nothing then', () => {
    expect(parseTriggers(`/${'a'.repeat(201)}/`)).toEqual({ ok: false, error: 'Line 1: a pattern may have at most 200 characters' });
    expect(matchTrigger(config('/(/\nhello'), 'hello')).toBe(false);
  });

  it('runs on RE2: catastrophic patterns finish on long messages, lookaround and backreferences are refused', () => {
    // Triggers look at the first 4,000 characters: a backtracking engine already hangs on those.
    const long = 'a'.repeat(50_000);
    const hostile = `${'a'.repeat(3_999)}!${'b'.repeat(46_000)}`;
    expect(matchTrigger(config('/(a+)+$/'), hostile)).toBe(false);
    expect(matchTrigger(config('/(x+x+)+y/'), 'x'.repeat(50_000))).toBe(false);
    expect(matchTrigger(config('/(a|aa)+$/'), long)).toBe(true);
    expect(parseTriggers('/(a)\\1/')).toEqual({ ok: false, error: expect.stringMatching(/^Line 1: Backreferences .* not supported: patterns use RE2 syntax/) });
    expect(parseTriggers('hi\n/(?<!re)fund/')).toEqual({ ok: false, error: expect.stringMatching(/^Line 2: Lookahead and lookbehind .* not supported/) });
    // A stored flow with such a pattern matches nothing rather than failing.
    expect(matchTrigger(config('/(?=refund)/'), 'refund')).toBe(false);
    // JavaScript escapes still work.
    expect(matchTrigger(config('/caf\\u00e9/'), 'CAFÉ au lait')).toBe(true);
    expect(matchTrigger(config('/\\bord\\w+/'), 'my order')).toBe(true);
  });

  it('keeps keywords whole words at the edges of the text and between Unicode spaces', () => {
    expect(matchTrigger(config('refund'), 'refund')).toBe(true);
    expect(matchTrigger(config('refund'), 'prérefund')).toBe(false);
    expect(matchTrigger(config('track order'), 'track\u00a0order')).toBe(true);
    expect(matchTrigger(config('a/b'), 'plan a/b now')).toBe(true);
  });
});

describe('voice kinds', () => {
  it('accepts well-formed SSML and plain text, and says what is wrong otherwise', () => {
    expect(ssmlError('Hello there')).toBeNull();
    expect(ssmlError('<speak>Hello <break time="300ms"/> <emphasis level="strong">{{name}}</emphasis></speak>')).toBeNull();
    expect(ssmlError('Hi <prosody rate="slow">slowly</prosody> <!-- note -->')).toBeNull();
    expect(ssmlError('<speak>Hello')).toBe('<speak> is never closed');
    expect(ssmlError('<speak><p>Hi</speak></p>')).toBe('</speak> closes <p>');
    expect(ssmlError('Hi</p>')).toBe('</p> has no opening tag');
    expect(ssmlError('Hi <speak>there</speak>')).toBe('<speak> must wrap the whole text');
    expect(ssmlError('<speak>there</speak> again')).toBe('<speak> must wrap the whole text');
    expect(ssmlError('1 < 2')).toBe('Malformed tag at character 3');
    expect(ssmlError('2 > 1')).toBe('Unexpected ">" at character 3; write it as &gt;');
    expect(ssmlError('<break time=300ms/>')).toBe('Malformed tag at character 1');
  });

  it('turns SSML into the words for text channels', () => {
    expect(isSsml('plain {{name}}')).toBe(false);
    expect(ssmlToText('<speak>Hello <break time="1s"/>Ada , Tom &amp; Jerry<!-- x -->.</speak>')).toBe('Hello Ada, Tom & Jerry.');
  });

  it('validates voice_say and voice_listen, and requires both listen exits', () => {
    const graph = (say: Record<string, unknown>, listen: Record<string, unknown>, edges: [string, string, string][] = []) =>
      flow(
        [start, { id: 'say', kind: 'voice_say', config: say }, { id: 'listen', kind: 'voice_listen', config: listen }, end],
        [['start', 'next', 'say'], ['say', 'next', 'listen'], ['listen', 'heard', 'end'], ...edges],
      );
    expect(errors(graph({}, {}, [['listen', 'silence', 'end']]))).toEqual([]);
    expect(errors(graph({}, {})).map((i) => [i.code, i.port])).toEqual([['port.unconnected', 'silence']]);
    const bad = errors(graph({ text: '<speak>Hi', voice: 'en US' }, { endOfSpeechMs: 50, noInputSeconds: 0, variable: '1x' }, [['listen', 'silence', 'end']]));
    expect(bad.map((i) => [i.field, i.message.replace(/^.*— /, '')])).toEqual([
      ['voice', 'Letters, digits and - _ . : only, e.g. en-US-JennyNeural'],
      ['text', 'SSML: <speak> is never closed'],
      ['variable', expect.stringMatching(/^Must start with a letter/)],
      ['endOfSpeechMs', 'At least 200 ms'],
      ['noInputSeconds', 'At least 1 second'],
    ]);
  });
});

describe('busy cycles', () => {
  const say = (id: string): Node => ({ id, kind: 'message', config: { text: id } });

  it('reports a loop without a waiting step at its first node, naming the loop', () => {
    const result = validateFlow(
      flow(
        [start, say('a'), say('b'), { id: 'check', kind: 'condition', config: { if: 'true' } }, end],
        [['start', 'next', 'a'], ['a', 'next', 'b'], ['b', 'next', 'check'], ['check', 'if', 'a'], ['check', 'else', 'end']],
      ),
    );
    expect(result.ok).toBe(false);
    expect(result.issues.filter((i) => i.code === 'flow.busy_cycle')).toEqual([
      {
        severity: 'error',
        code: 'flow.busy_cycle',
        message: expect.stringContaining('("a" → "b" → "check" → "a")'),
        nodeId: 'a',
        path: ['nodes', 1],
      },
    ]);
  });

  it('reports a node that leads to itself, and each separate loop once', () => {
    const issues = validateFlow(
      flow(
        [start, { id: 'loop', kind: 'set_variable', config: { assignments: 'n = 1' } }, say('x'), say('y')],
        [['start', 'next', 'loop'], ['loop', 'next', 'x'], ['x', 'next', 'y'], ['y', 'next', 'x']],
      ),
    ).issues.filter((i) => i.code === 'flow.busy_cycle');
    expect(issues.map((i) => [i.nodeId, i.message.match(/\((.*?)\)/)?.[1]])).toEqual([['x', '"x" → "y" → "x"']]);
    const self = validateFlow(flow([start, say('x')], [['start', 'next', 'x'], ['x', 'next', 'x']])).issues.filter((i) => i.code === 'flow.busy_cycle');
    expect(self.map((i) => [i.nodeId, i.message.match(/\((.*?)\)/)?.[1]])).toEqual([['x', '"x" → "x"']]);
  });

  it('allows loops that wait (ask, wait, voice listen …) and ignores unreachable loops', () => {
    const waiting = (kind: 'ask' | 'wait' | 'csat' | 'voice_listen' | 'handoff', port: string) =>
      validateFlow(
        flow(
          [start, say('a'), { id: 'w', kind, config: kind === 'ask' ? { question: 'Q?', variable: 'v' } : {} }, end],
          [
            ['start', 'next', 'a'],
            ['a', 'next', 'w'],
            ...nodeKinds[kind].ports.outputs.map((o): [string, string, string] => ['w', o.id, o.id === port ? 'a' : 'end']),
          ],
        ),
      ).issues.filter((i) => i.code === 'flow.busy_cycle');
    expect(waiting('ask', 'answered')).toEqual([]);
    expect(waiting('wait', 'next')).toEqual([]);
    expect(waiting('csat', 'next')).toEqual([]);
    expect(waiting('voice_listen', 'silence')).toEqual([]);
    expect(waiting('handoff', 'returned')).toEqual([]);
    const unreachable = validateFlow(flow([start, end, say('x'), say('y')], [['start', 'next', 'end'], ['x', 'next', 'y'], ['y', 'next', 'x']]));
    expect(unreachable.issues.map((i) => i.code)).toEqual(['node.unreachable', 'node.unreachable']);
  });

  it('handles a long chain without recursion limits', () => {
    const nodes = [start, ...Array.from({ length: 400 }, (_, i) => say(`m${i}`))];
    const edges = nodes.slice(0, -1).map((node, i): [string, string, string] => [node.id, 'next', nodes[i + 1]!.id]);
    const issues = validateFlow(flow(nodes, [...edges, ['m399', 'next', 'm0']])).issues.filter((i) => i.code === 'flow.busy_cycle');
    expect(issues).toHaveLength(1);
    expect(issues[0]?.nodeId).toBe('m0');
  });
});
