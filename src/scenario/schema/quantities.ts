// The schema DSL lives in src/core/schema/; this path stays.
import { schema } from '../../core/index.ts';

export const time = schema.time;
