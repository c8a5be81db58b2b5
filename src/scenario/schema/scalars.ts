// The schema DSL lives in src/core/schema/; this path stays.
export { capitalise } from '../../core/index.ts';
