import { describe, expect, it } from 'vitest';
import { renderTemplate, templateVariables } from './template';

describe('renderTemplate', () => {
  it('replaces placeholders with the string value of variables', () => {
    expect(renderTemplate('Hi {{name}}, you are #{{n}}. {{ok}}', { name: 'Ada', n: 3, ok: true })).toBe(
      'Hi Ada, you are #3. true',
    );
  });

  it('allows whitespace inside the braces', () => {
    expect(renderTemplate('{{ name }}|{{   name}}|{{name   }}|{{\tname\n}}', { name: 'x' })).toBe('x|x|x|x');
  });

  it('renders missing, undefined and null variables as empty strings', () => {
    expect(renderTemplate('[{{a}}][{{b}}][{{c}}]', { b: undefined, c: null })).toBe('[][][]');
  });

  it('keeps falsy but present values', () => {
    expect(renderTemplate('{{zero}}/{{no}}/{{empty}}.', { zero: 0, no: false, empty: '' })).toBe('0/false/.');
  });

  it('replaces every occurrence', () => {
    expect(renderTemplate('{{a}}{{a}}-{{ a }}', { a: 'z' })).toBe('zz-z');
  });

  it('does not reach into the prototype chain', () => {
    const vars = { name: 'Ada' };
    expect(renderTemplate('[{{constructor}}][{{__proto__}}][{{toString}}][{{hasOwnProperty}}]', vars)).toBe(
      '[][][][]',
    );
  });

  it('uses own properties even when they are named like prototype members', () => {
    const vars = JSON.parse('{"constructor":"c","__proto__":"p"}') as Record<string, unknown>;
    expect(renderTemplate('{{constructor}}-{{__proto__}}', vars)).toBe('c-p');
  });

  it('works with prototype-less variable bags', () => {
    const vars = Object.assign(Object.create(null) as Record<string, unknown>, { a: 1 });
    expect(renderTemplate('{{a}}{{b}}', vars)).toBe('1');
  });

  it('leaves anything that is not a plain variable name untouched (no expressions, no eval)', () => {
    const text = '{{ process.exit(1) }} {{a.b}} {{1abc}} {{}} {{ a b }} {{a}';
    expect(renderTemplate(text, { a: 'A', process: 'P' })).toBe(text);
  });

  it('does not treat names longer than 64 characters as placeholders', () => {
    const long = `v${'x'.repeat(64)}`;
    expect(renderTemplate(`{{${long}}}`, { [long]: 'no' })).toBe(`{{${long}}}`);
  });

  it('inserts values literally: no $-patterns and no second expansion', () => {
    expect(renderTemplate('{{a}}|{{b}}', { a: '$& $1 $$', b: '{{a}}' })).toBe('$& $1 $$|{{a}}');
  });
});

describe('templateVariables', () => {
  it('lists referenced names once each, in order of first use', () => {
    expect(templateVariables('{{b}} {{ a }} {{b}} {{c}} {{a}}')).toEqual(['b', 'a', 'c']);
  });

  it('ignores things that are not placeholders', () => {
    expect(templateVariables('no vars {{ a.b }} {{9}} {{ }} {x}')).toEqual([]);
  });

  it('returns an empty list for plain text', () => {
    expect(templateVariables('Hello!')).toEqual([]);
  });
});
