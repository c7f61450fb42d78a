import { parseCustomActivityInput, parseHeaderLines, parseOutputMapping, parseResponseMapping } from '@parley/flow';
import { describe, expect, it } from 'vitest';
import { moveItem, parseKeyValueLines, parseListLines, serializeKeyValueLines, serializeListLines } from './lines';

describe('line-based field formats', () => {
  it('reads headers into rows and writes the same text back', () => {
    const text = 'Authorization: Bearer {{secrets.API_TOKEN}}\nX-Trace: a:b:c';
    const rows = parseKeyValueLines(text, ':');
    expect(rows).toEqual([
      { key: 'Authorization', value: 'Bearer {{secrets.API_TOKEN}}' },
      { key: 'X-Trace', value: 'a:b:c' },
    ]);
    expect(serializeKeyValueLines(rows, ':')).toBe(text);
    expect(parseHeaderLines(serializeKeyValueLines([...rows, { key: 'Accept', value: 'application/json' }], ':'))).toMatchObject({ ok: true });
  });

  it('reads mappings and assignments, keeps comments and half-typed lines, drops empty rows', () => {
    const text = 'order_status = body.order.status\n# from the CRM\nfirst = body.items[0].id\nhalf typed';
    const rows = parseKeyValueLines(text, '=');
    expect(rows.map((row) => row.raw ?? `${row.key}|${row.value}`)).toEqual(['order_status|body.order.status', '# from the CRM', 'first|body.items[0].id', 'half typed']);
    expect(serializeKeyValueLines(rows, '=')).toBe(text);
    expect(serializeKeyValueLines([...rows.slice(0, 1), { key: ' ', value: '' }], '=')).toBe('order_status = body.order.status');
    expect(parseKeyValueLines('total = price == 2', '=')).toEqual([{ key: 'total', value: 'price == 2' }]);
  });

  it('writes what the kinds parse: response mappings, activity input and output', () => {
    const mapping = serializeKeyValueLines([{ key: 'status_text', value: 'body.status' }], '=');
    expect(parseResponseMapping(mapping)).toMatchObject({ ok: true, mappings: [{ target: 'status_text' }] });
    const input = serializeKeyValueLines([{ key: 'weightKg', value: 'number(weight)' }, { key: 'country', value: '"DE"' }], '=');
    expect(parseCustomActivityInput(input)).toMatchObject({ ok: true, assignments: [{ variable: 'weightKg', source: 'number(weight)' }, { variable: 'country' }] });
    expect(parseOutputMapping(serializeKeyValueLines([{ key: 'cost_eur', value: 'cost' }], '='))).toMatchObject({ ok: true });
  });

  it('reads and writes lists, and reorders rows', () => {
    expect(parseListLines('refund\n\n  track my order \n')).toEqual(['refund', 'track my order']);
    expect(serializeListLines(['refund', ' ', '/order\\s*\\d+/'])).toBe('refund\n/order\\s*\\d+/');
    expect(moveItem(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveItem(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });
});
