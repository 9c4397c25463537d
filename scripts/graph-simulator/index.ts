// Public surface of the Graph + Entra ID simulator, for tests and tools.
export { startGraphSimulator, type GraphSimulatorOptions, type RunningSimulator } from './server.js';
export { SimulatorState, SimulatorError, type EventInput, type EventChange, type TimeInput } from './simulator-state.js';
export { loadScenarioFile, parseScenario, ScenarioError, DEFAULT_SCENARIO, type Scenario, type ResolvedScenario } from './scenario.js';
export type { Faults, FailureRule, LatencyRule } from './faults.js';
export type { SimulatorStats, PathStats, RequestLogEntry } from './stats.js';
export type { Notification, DeclineReason } from './booking-assistant.js';
export type { StoredEvent } from './calendar-store.js';
