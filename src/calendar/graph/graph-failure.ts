import type { Failure } from './classify-error.js';

/** A failed Graph call, classified. Thrown by GraphHttp; the sync engine decides what to do. */
export class GraphFailure extends Error {
  constructor(readonly failure: Failure) {
    super(`${failure.kind} (${failure.code}): ${failure.advice}`);
    this.name = 'GraphFailure';
  }
}
