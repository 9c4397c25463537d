export { ManualClock } from '../../src/util/manual-clock.js';
