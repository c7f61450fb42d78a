/**
 * Parley's own sentiment lexicon for customer-support messages, written for this project (not
 * derived from AFINN, VADER, SentiWordNet or any other public list). Weights run from -3
 * (furious) to +3 (delighted) and were chosen for how the words read in a support chat: "slow"
 * and "stuck" are complaints, "fixed" and "resolved" are good news, "refund" and "cancel" are
 * neutral requests. Lookup is by the lowercased word, then by its light stem (stem()), so
 * "crashes" finds "crash"; add inflections explicitly where the stem would collide.
 */
export const SENTIMENT_WORDS: Readonly<Record<string, number>> = {
  // Anger, abuse, threats to leave
  furious: -3, livid: -3, outraged: -3, outrageous: -3, disgusted: -3, disgusting: -3, appalled: -3,
  appalling: -3, hate: -3, hated: -3, horrible: -3, horrendous: -3, terrible: -3, awful: -3,
  atrocious: -3, dreadful: -2.5, abysmal: -3, worst: -3, pathetic: -3, disgrace: -3, disgraceful: -3,
  unacceptable: -3, scam: -3, scammed: -3, fraud: -3, fraudulent: -3, thieves: -3, stealing: -2.5,
  stole: -2.5, robbed: -3, ripoff: -3, lawsuit: -2.5, lawyer: -2, sue: -2.5, incompetent: -3,
  useless: -2.5, worthless: -2.5, garbage: -2.5, trash: -2.5, crap: -2.5, crappy: -2.5, rubbish: -2.5,
  joke: -1.5, nightmare: -2.5, disaster: -2.5, shambles: -2.5, insane: -1.5, ridiculous: -2.5,
  absurd: -2, shameful: -2.5, shame: -1.5, liar: -3, lied: -2.5, lying: -2.5, lies: -2.5, cheated: -3,
  angry: -2.5, anger: -2.5, mad: -2, annoyed: -2, annoying: -2, irritated: -2, irritating: -2,
  frustrated: -2.5, frustrating: -2.5, frustration: -2.5, fuming: -3, sick: -1.5, fed: -0.5, sucks: -2.5,
  suck: -2, stupid: -2, idiotic: -2.5, dumb: -1.5, rude: -2.5, arrogant: -2, unprofessional: -2.5,
  disrespectful: -2.5, ignored: -2, ignoring: -2, ignore: -1.5, unhelpful: -2, clueless: -2,
  // Disappointment, sadness, worry
  disappointed: -2, disappointing: -2, disappointment: -2, unhappy: -2, sad: -1.5, upset: -2,
  miserable: -2.5, regret: -2, regretting: -2, sorry: -0.5, unfortunately: -1, unfortunate: -1,
  worried: -1.5, worry: -1, worrying: -1.5, concerned: -1, concern: -0.5, anxious: -1.5, stressed: -1.5,
  stressful: -1.5, scared: -1.5, afraid: -1, confused: -1.5, confusing: -1.5, unclear: -1, lost: -1.5,
  meh: -1, desperate: -2, hopeless: -2.5, helpless: -2, tired: -1.5, exhausted: -2, sigh: -1,
  // Things going wrong
  broken: -2, broke: -1.5, crash: -2, crashed: -2, crashing: -2, bug: -1.5, buggy: -2, glitch: -1.5,
  glitchy: -1.5, error: -1.5, errors: -1.5, fail: -2, failed: -2, failing: -2, failure: -2, fails: -2,
  faulty: -2, defective: -2.5, damaged: -2, wrong: -1.5, incorrect: -1.5, missing: -1.5, problem: -1,
  problems: -1.5, issue: -0.5, issues: -1, trouble: -1.5, stuck: -1.5, freeze: -1.5, frozen: -1.5,
  freezes: -1.5, slow: -1.5, sluggish: -1.5, laggy: -1.5, lag: -1, late: -1.5, delayed: -1.5, delay: -1,
  delays: -1.5, overdue: -1.5, waiting: -0.5, waited: -1, still: -0.3, again: -0.3, never: -1,
  nobody: -1, nothing: -0.5, impossible: -2, difficult: -1, complicated: -1, hard: -0.5, mess: -2,
  messed: -2, screwed: -2.5, overcharged: -2.5, overcharging: -2.5, double: -0.5, twice: -0.5,
  unauthorized: -2, unauthorised: -2, expensive: -1, overpriced: -2, pricey: -1, spam: -1.5,
  down: -0.5, outage: -2, unusable: -2.5, unreliable: -2, unstable: -1.5, inconsistent: -1,
  unresponsive: -2, corrupted: -2, deleted: -1, lose: -1.5, losing: -1.5, worse: -2, worsened: -2,
  bad: -2, poor: -2, poorly: -2, mediocre: -1.5, inadequate: -1.5, lousy: -2.5, sloppy: -2,
  careless: -2, misleading: -2, misled: -2, hidden: -1, nonsense: -2, excuse: -1.5, excuses: -1.5,
  complain: -1.5, complaint: -1.5, complaining: -1.5, escalate: -1, cancelling: -0.5, leaving: -0.5,
  switching: -0.5, competitor: -1, fined: -1.5, penalty: -1.5, charged: -0.3, declined: -1.5,
  rejected: -1.5, refused: -1.5, denied: -1.5, blocked: -1.5, locked: -1, banned: -2, suspended: -1.5,
  // Relief, thanks, praise
  thanks: 2, thank: 2, thx: 1.5, ty: 1.5, grateful: 2.5, appreciate: 2, appreciated: 2, cheers: 1.5,
  great: 2.5, excellent: 3, awesome: 3, amazing: 3, fantastic: 3, wonderful: 3, brilliant: 3,
  superb: 3, outstanding: 3, perfect: 2.5, perfectly: 2, love: 2.5, loved: 2.5, loving: 2, lovely: 2.5,
  good: 1.5, nice: 1.5, fine: 1, ok: 0.5, okay: 0.5, alright: 0.5, decent: 1, solid: 1, cool: 1.5,
  happy: 2, glad: 2, pleased: 2, delighted: 3, thrilled: 3, satisfied: 2, impressed: 2.5, relieved: 2,
  helpful: 2, friendly: 2, kind: 2, patient: 1.5, polite: 1.5, professional: 1.5, quick: 1.5,
  quickly: 1.5, fast: 1.5, speedy: 1.5, prompt: 1.5, promptly: 1.5, easy: 1.5, easily: 1.5,
  simple: 1, smooth: 1.5, smoothly: 1.5, seamless: 2, intuitive: 1.5, reliable: 2, stable: 1,
  resolved: 2, fixed: 2, solved: 2, sorted: 1.5, works: 1, working: 0.5, worked: 1.5, recommend: 2,
  recommended: 2, best: 2.5, better: 1.5, improved: 1.5, improvement: 1, win: 1.5, wow: 2, yay: 2.5,
  super: 2, stellar: 3, exceptional: 3, legend: 2.5, lifesaver: 3, hero: 2.5, pleasure: 2,
  enjoy: 2, enjoyed: 2, beautiful: 2, handy: 1.5, useful: 1.5, valuable: 1.5, clear: 1, clearly: 0.5,
  refunded: 1, received: 0.5, arrived: 0.5, delivered: 0.5, welcome: 1, yes: 0.5,
  correct: 1, right: 0.5, accurate: 1, generous: 2, fair: 1, reasonable: 1, affordable: 1.5,
  cheap: 0.5, free: 0.5, safe: 1, secure: 1, trust: 1.5, trusted: 1.5, loyal: 1.5, hope: 0.5,
  hopefully: 0.5, calm: 1, understand: 0.5, understanding: 1.5, wonderfully: 3, superbly: 3,
};

/** Several-word expressions, matched before single words (lowercased, contractions expanded). */
export const SENTIMENT_PHRASES: Readonly<Record<string, number>> = {
  'fed up': -2.5,
  'sick of': -2.5,
  'tired of': -2,
  'waste of time': -3,
  'waste of money': -3,
  'rip off': -3,
  'ripped off': -3,
  'had enough': -2.5,
  'last time': -1,
  'no one': -1.5,
  'not acceptable': -3,
  'money back': -1,
  'on hold': -1,
  'for ages': -1.5,
  'for hours': -1.5,
  'for days': -1.5,
  'for weeks': -2,
  'still waiting': -2,
  'what a joke': -3,
  'how hard': -1.5,
  'thank you': 2,
  'thanks a lot': 2.5,
  'much appreciated': 2.5,
  'well done': 2.5,
  'good job': 2.5,
  'great job': 3,
  'works now': 2,
  'working now': 2,
  'no problem': 1,
  'no worries': 1,
  'not bad': 1,
  'all good': 1.5,
  'made my day': 3,
  'you rock': 3,
  'you are the best': 3,
  'saved me': 2.5,
};

/**
 * Words that are neutral alone but a complaint when negated: "doesn't work", "never arrived",
 * "can't log in", "won't load". Negating them gives this weight (not a flipped positive).
 */
export const NEGATED_COMPLAINTS: Readonly<Record<string, number>> = {
  work: -2, works: -2, working: -2, worked: -1.5, load: -2, loading: -2, open: -1.5, opening: -1.5,
  arrive: -2, arrived: -2, receive: -2, received: -2, deliver: -2, delivered: -2, respond: -2,
  responding: -2, reply: -1.5, replied: -2, answer: -1.5, answered: -2, log: -1.5, login: -1.5,
  connect: -1.5, connecting: -1.5, sync: -1.5, syncing: -1.5, start: -1.5, send: -1.5, sent: -1.5,
  show: -1, showing: -1, charge: -0.5, refund: -1.5, refunded: -2, fix: -1.5, fixed: -2, resolved: -2,
  help: -1.5, helped: -2, helping: -1.5, happy: -2, satisfied: -2, impressed: -1.5,
};

/** Words before a sentiment word that scale it (how much). */
export const INTENSIFIERS: Readonly<Record<string, number>> = {
  very: 1.4, really: 1.35, so: 1.3, too: 1.25, extremely: 1.7, incredibly: 1.7, super: 1.4,
  totally: 1.5, completely: 1.5, absolutely: 1.6, utterly: 1.7, truly: 1.35, seriously: 1.4,
  highly: 1.4, most: 1.3, such: 1.25, quite: 1.15, pretty: 1.1, ridiculously: 1.6, insanely: 1.6,
  beyond: 1.5, damn: 1.4, bloody: 1.4, freaking: 1.4, fucking: 1.6,
   slightly: 0.6, somewhat: 0.7, bit: 0.6, little: 0.7, kinda: 0.7, sorta: 0.75,
  fairly: 0.85, mildly: 0.6, marginally: 0.6,
};

/** Words that flip the meaning of a sentiment word within a few words after them. */
export const NEGATIONS: ReadonlySet<string> = new Set([
  'not', 'no', 'never', 'none', 'nothing', 'nobody', 'neither', 'nor', 'without', 'hardly', 'barely',
  'rarely', 'cannot', 'nowhere', 'lack', 'lacking',
]);

/**
 * Words after which the clause that follows carries the customer's real point ("thanks, but it
 * still doesn't work"): what comes before is weighted down, what follows up.
 */
export const CONTRASTS: ReadonlySet<string> = new Set(['but', 'however', 'though', 'although', 'yet', 'except']);

/** Emoticons and emoji, matched in the raw text. */
export const SENTIMENT_SYMBOLS: readonly (readonly [RegExp, number])[] = [
  [/(?:^|\s)[:;=]-?[)\]D](?=\s|$)/g, 1.5],
  [/(?:^|\s)[:;=]-?[([](?=\s|$)/g, -1.5],
  [/(?:^|\s):'\((?=\s|$)/g, -2],
  [/[\u{1F600}-\u{1F60D}\u{1F642}\u{1F917}\u{1F44D}\u{2764}\u{1F389}\u{1F64F}]/gu, 1.5],
  [/[\u{1F620}\u{1F621}\u{1F92C}\u{1F624}\u{1F44E}\u{1F62D}\u{1F622}\u{1F61E}\u{1F612}\u{1F643}]/gu, -1.5],
];
