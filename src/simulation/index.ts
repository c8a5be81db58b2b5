// Public face of the simulation layer: the Simulation users build and run.
export { simgridLogLine } from './log-format.ts';
export { type MigratableVmOptions, Simulation, type SimulationOptions } from './simulation.ts';
