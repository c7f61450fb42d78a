export { extractEntities } from './extract';
export { ENTITY_TYPES, type Entity, type EntityType, type ExtractOptions } from './types';
