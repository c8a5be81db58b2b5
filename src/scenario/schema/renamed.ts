// The schema DSL lives in src/core/schema/ (the VM layer declares algorithm options with it); this path stays.
export * from '../../core/schema/renamed.ts';
