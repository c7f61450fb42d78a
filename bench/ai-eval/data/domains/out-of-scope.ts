// Test-only messages that belong to none of a domain's intents: the router should fall back on
// them. Written (issue 15) before any model ran on them and never tuned on: everyday questions a
// customer might type into the wrong chat, a few sharing a word with the domain ("cancel my gym
// membership" beside cancel_booking). Not training data: nothing is fitted on them.

/** Out-of-scope test messages per untuned domain (by `Domain.name`). */
export const outOfScopeTests: Record<string, string[]> = {
  banking: [
    "what's the weather going to be like in Madrid tomorrow",
    "can you recommend a good pizza place near me",
    "my washing machine is leaking water all over the floor",
    "who won the football match last night",
    "how do I reset my wifi router",
    "I'd like to book a table for two on Friday evening",
    "what time does the pharmacy close on Sundays",
    "can you help me write a poem for my mum's birthday",
    "I want to cancel my gym membership",
    "is it going to snow this weekend",
  ],
  travel: [
    "my phone screen is cracked, can you fix it",
    "what's a good recipe for banana bread",
    "I want to cancel my gym membership",
    "how much is a pint of milk",
    "tell me a joke",
    "my neighbour's dog keeps barking all night",
    "what's the square root of 144",
    "has my parcel from the online shop been delivered yet",
    "can you help me with my maths homework",
    "how do I unblock my kitchen sink",
  ],
};
