import type { NodeKind } from '@parley/flow';
import type { IconName } from '@parley/ui';

/**
 * Each node kind's icon (palette, canvas, inspector), named in @parley/ui's icon map.
 * `satisfies Record<NodeKind, IconName>`: a kind added to @parley/flow without an icon here, or a
 * name the map lacks, is a compile error.
 */
export const kindIcons = {
  start: 'play',
  message: 'message-square',
  voice_say: 'volume-2',
  ask: 'help-circle',
  voice_listen: 'mic',
  csat: 'star',
  condition: 'split',
  set_variable: 'variable',
  wait: 'clock',
  business_hours: 'calendar-clock',
  intent_router: 'route',
  sentiment_gate: 'smile',
  knowledge_answer: 'book-open',
  ai_reply: 'sparkles',
  http_request: 'globe',
  custom_activity: 'puzzle',
  subflow: 'layers',
  handoff: 'users',
  sla_policy: 'timer',
  end: 'flag',
} as const satisfies Record<NodeKind, IconName>;
