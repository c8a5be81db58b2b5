// Public face of the solver layer: a weighted max-min fair sharing system on plain numbers.
export { solveMaxMin } from './max-min-solve.ts';
export {
  Constraint,
  DEFAULT_PRECISION,
  Element,
  type MaxMinOptions,
  MaxMinSystem,
  type SharingPolicy,
  Variable,
} from './system.ts';
