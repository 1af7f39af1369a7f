/** Pure domain rules for Probity: deterministic, no I/O — safe to import from Temporal workflows. */
export * from './civil-date';
export * from './london-time';
export * from './calendar';
export * from './durations';
export * from './deadlines';
export * from './ranks';
export * from './complaint-routing';
export * from './allocation';
export * from './conduct-triage';
export * from './rprp';
