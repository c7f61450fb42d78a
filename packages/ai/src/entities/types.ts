/** Entities: the common slots a customer's message carries, found with their place in the text. */

export const ENTITY_TYPES = ['email', 'order_id', 'date', 'phone', 'number'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export interface Entity {
  type: EntityType;
  /** As written in the message. */
  text: string;
  /** UTF-16 offsets into the message: text === message.slice(start, end). */
  start: number;
  end: number;
  /**
   * Normalised: email lowercased; phone `+<digits>` (E.164) when written with a country code,
   * else the national digits; number as a number; date `YYYY-MM-DD`; order id uppercased
   * without `#`.
   */
  value: string | number;
}

export interface ExtractOptions {
  /**
   * The day relative dates count from ("tomorrow", "next monday", a date without a year), as
   * `YYYY-MM-DD` or a Date (its UTC calendar day). Required rather than "now" so that the same
   * message always gives the same slots: a workflow passes its own deterministic time.
   */
  referenceDate: string | Date;
  /** How "03/04" reads: 3 April (`dmy`, the default, as in most of the world) or March 4 (`mdy`). */
  dateOrder?: 'dmy' | 'mdy';
}
