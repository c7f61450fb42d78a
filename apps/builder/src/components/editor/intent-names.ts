import { INTENT_NAME_PATTERN } from '@parley/flow';

/** "Order status!" → "order_status": a valid intent name, or '' when nothing usable is left. */
export function slug(label: string): string {
  const name = label
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+|_+$/g, '')
    .slice(0, 40)
    .replace(/_+$/, '');
  return INTENT_NAME_PATTERN.test(name) ? name : '';
}
