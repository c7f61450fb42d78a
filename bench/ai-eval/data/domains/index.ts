import { banking } from "./banking";
import { travel } from "./travel";
import type { Domain } from "./types";

/** The domains no model or threshold was tuned on (issue 15). */
export const untunedDomains: Domain[] = [banking, travel];
export type { Domain, DomainIntent, DomainQuestions } from "./types";
