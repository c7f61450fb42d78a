export { splitPassages } from './passages';
export { DEFAULT_MIN_SCORE, scorePassages, rankPassages, isAnswerable, termOverlapSearch } from './search';
export type { KnowledgeArticleInput, KnowledgeSearch, KnowledgeSearchRequest, Passage, ScoredPassage } from './types';
export type { Embedder } from './embeddings';
