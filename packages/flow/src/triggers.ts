/**
 * How a flow is started: on which channels, and by which first messages (keyword or pattern
 * triggers). Pure: the API uses it to pick a flow for an inbound message, validation to check
 * the start node, the builder to show it. Triggers run on RE2 (./patterns): linear time, so a
 * hostile pattern cannot stall the API that tests every inbound first message against them.
 */
import { compileSafePattern, type SafePattern } from './patterns';

/** Channels a conversation can come in on. */
export const CHANNELS = ['web', 'voice', 'sms', 'whatsapp', 'email', 'api'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Longest trigger pattern (patterns run on every inbound first message). */
export const MAX_TRIGGER_PATTERN_LENGTH = 200;
/** Longest text a trigger is tested against; the rest of a long message is not looked at. */
const MAX_TRIGGER_INPUT = 4000;

export function isChannel(value: string): value is Channel {
  return (CHANNELS as readonly string[]).includes(value);
}

/** `"web, voice"` → the channel names as written (lower-cased), duplicates dropped. */
export function splitChannels(text: string): string[] {
  return [...new Set(text.split(/[,\s]+/).map((item) => item.trim().toLowerCase()).filter(Boolean))];
}

/** The channels a start node allows (unknown names are validation errors, skipped here). */
export function startChannels(config: { channels: string }): Channel[] {
  return splitChannels(config.channels).filter(isChannel);
}

export type Trigger = { kind: 'keyword'; text: string; regex: SafePattern } | { kind: 'pattern'; source: string; regex: SafePattern };

export type TriggersResult = { ok: true; triggers: Trigger[] } | { ok: false; error: string };

/**
 * Reads trigger lines: `/pattern/` is a regular expression found anywhere in the message;
 * anything else is a keyword or phrase matched as whole words. Both ignore case. Blank lines
 * and lines starting with # are skipped.
 */
export function parseTriggers(text: string): TriggersResult {
  const triggers: Trigger[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line || line.startsWith('#')) continue;
    const pattern = /^\/(.+)\/$/.exec(line);
    if (pattern) {
      const source = pattern[1]!;
      if (source.length > MAX_TRIGGER_PATTERN_LENGTH) {
        return { ok: false, error: `Line ${i + 1}: a pattern may have at most ${MAX_TRIGGER_PATTERN_LENGTH} characters` };
      }
      const compiled = compileSafePattern(source, { ignoreCase: true });
      if (!compiled.ok) return { ok: false, error: `Line ${i + 1}: ${compiled.error}` };
      triggers.push({ kind: 'pattern', source, regex: compiled.regex });
      continue;
    }
    if (line.length > MAX_TRIGGER_PATTERN_LENGTH) {
      return { ok: false, error: `Line ${i + 1}: a keyword may have at most ${MAX_TRIGGER_PATTERN_LENGTH} characters` };
    }
    // Whole words: no letter, digit or _ right before or after (RE2 has no lookaround, so the
    // neighbour is matched, or the start/end of the text); any run of spaces inside matches.
    const words = line.split(/\s+/).map(escapeRegExp).join(SPACES);
    const compiled = compileSafePattern(`(?:^|${NOT_WORD})${words}(?:${NOT_WORD}|$)`, { ignoreCase: true });
    if (!compiled.ok) return { ok: false, error: `Line ${i + 1}: ${compiled.error}` };
    triggers.push({ kind: 'keyword', text: line, regex: compiled.regex });
  }
  return { ok: true, triggers };
}

/**
 * Whether a first message starts this flow: some trigger of the start node matches. A start
 * node without triggers matches nothing (the flow is started explicitly, by id).
 */
export function matchTrigger(config: { triggers: string }, text: string): boolean {
  const parsed = parseTriggers(config.triggers);
  if (!parsed.ok) return false;
  const input = text.slice(0, MAX_TRIGGER_INPUT);
  return parsed.triggers.some((trigger) => trigger.regex.test(input));
}

/** A character that is not part of a word (RE2's `\W` is ASCII-only, so spelled out in Unicode classes). */
const NOT_WORD = '[^\\p{L}\\p{N}_]';
/** Spaces between the words of a keyword (RE2's `\s` is ASCII-only; `\p{Z}` adds the Unicode ones). */
const SPACES = '[\\s\\p{Z}]+';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
