import { describe, expect, it } from 'vitest';
import { parseAnswer } from './inputs';
import { extractPersonName } from './person-name';

describe('extractPersonName', () => {
  it.each([
    ['My name is John Smith', 'John Smith'],
    ["it's jane", 'Jane'],
    ['Jane', 'Jane'],
    ["Hi, I'm anna-lena o'brien.", "Anna-Lena O'Brien"],
    ["sure, it's JOHN SMITH", 'John Smith'],
    ['call me Bob, thanks', 'Bob'],
    ['my name is ludwig van beethoven', 'Ludwig van Beethoven'],
    ['Ronald McDonald', 'Ronald McDonald'],
    ['name: José Álvarez', 'José Álvarez'],
    ['  Mary   Ann  ', 'Mary Ann'],
    ['J. Smith', 'J. Smith'],
  ])('reads %j as %j', (answer, name) => {
    expect(extractPersonName(answer)).toBe(name);
  });

  it.each([
    'no',
    'why?',
    'Why do you need it',
    "I'd rather not say",
    'my name is',
    'nope',
    'A-1001',
    'jane123',
    '',
    'I want a refund for my order please',
    'What is your name?',
    'yes',
    'idk',
  ])('refuses %j', (answer) => {
    expect(extractPersonName(answer)).toBeNull();
  });
});

describe("the ask node's name answer", () => {
  it('stores the name and asks again for anything else', () => {
    expect(parseAnswer('name', 'My name is John Smith')).toEqual({ ok: true, value: 'John Smith' });
    expect(parseAnswer('name', 'no')).toEqual({ ok: false });
  });
});
