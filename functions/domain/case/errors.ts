/**
 * Why the lifecycle refused a command. Each error has a stable `code` that the HTTP layer maps to a status
 * and clients may branch on; the message is for people and names the field or rule at fault.
 */
import type { ActorKind, Stage } from './events.js';

export type DomainErrorCode =
  | 'ILLEGAL_TRANSITION'
  | 'NOT_PERMITTED'
  | 'MISSING_FIELD'
  | 'INVALID_FIELD'
  | 'RETURN_LIMIT_REACHED'
  | 'DEADLINE_PASSED'
  | 'CORRUPT_HISTORY';

export abstract class DomainError extends Error {
  abstract readonly code: DomainErrorCode;

  /** The facts of the refusal without the prose, for API bodies and logs. */
  abstract details(): Record<string, unknown>;
}

/** The command does not apply in the case's stage (or a precondition of the stage is unmet). */
export class IllegalTransition extends DomainError {
  readonly code = 'ILLEGAL_TRANSITION';
  override readonly name = 'IllegalTransition';

  constructor(
    readonly stage: Stage,
    readonly command: string,
    readonly detail?: string,
  ) {
    super(`Cannot ${command} a case in stage '${stage}'${detail ? `: ${detail}` : ''}.`);
  }

  details() {
    return { stage: this.stage, command: this.command, ...(this.detail ? { detail: this.detail } : {}) };
  }
}

/** The actor's kind (or unit) may not issue this command. */
export class NotPermitted extends DomainError {
  readonly code = 'NOT_PERMITTED';
  override readonly name = 'NotPermitted';

  constructor(
    readonly command: string,
    readonly actorKind: ActorKind,
    readonly detail: string,
  ) {
    super(`A ${actorKind} may not ${command} this case: ${detail}.`);
  }

  details() {
    return { command: this.command, actorKind: this.actorKind, detail: this.detail };
  }
}

export class MissingField extends DomainError {
  readonly code = 'MISSING_FIELD';
  override readonly name = 'MissingField';

  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`Field '${field}' is required: ${reason}.`);
  }

  details() {
    return { field: this.field, reason: this.reason };
  }
}

export class InvalidField extends DomainError {
  readonly code = 'INVALID_FIELD';
  override readonly name = 'InvalidField';

  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`Field '${field}' is invalid: ${reason}.`);
  }

  details() {
    return { field: this.field, reason: this.reason };
  }
}

/**
 * Returning is closed for this case: the unit used up the returns the city allows, or the centre designated it.
 * The way forward is the centre's `designate` (or, for the unit, handling the case).
 */
export class ReturnLimitReached extends DomainError {
  readonly code = 'RETURN_LIMIT_REACHED';
  override readonly name = 'ReturnLimitReached';

  constructor(
    readonly command: string,
    readonly returns: number,
    readonly maxReturns: number,
    readonly designated: boolean,
  ) {
    super(
      designated
        ? `Cannot ${command}: the centre designated the lead unit, which must now handle the case.`
        : command === 'arbitrate'
          ? `Cannot arbitrate: the case was returned ${returns} times (limit ${maxReturns}); the centre must designate the lead unit.`
          : `Cannot ${command}: the case was already returned ${returns} times (limit ${maxReturns}); the centre will designate the handler.`,
    );
  }

  details() {
    return { command: this.command, returns: this.returns, maxReturns: this.maxReturns, designated: this.designated };
  }
}

/** The command had to come before a deadline (an extension is requested before expiry, not after). */
export class DeadlinePassed extends DomainError {
  readonly code = 'DEADLINE_PASSED';
  override readonly name = 'DeadlinePassed';

  constructor(
    readonly command: string,
    readonly deadline: string,
    readonly dueAt: string,
  ) {
    super(`Cannot ${command}: it must come before '${deadline}' (${dueAt}), which has passed.`);
  }

  details() {
    return { command: this.command, deadline: this.deadline, dueAt: this.dueAt };
  }
}

/** A stored history that cannot be replayed (wrong case, gap in the sequence, no `received` first). */
export class CorruptHistory extends DomainError {
  readonly code = 'CORRUPT_HISTORY';
  override readonly name = 'CorruptHistory';

  constructor(
    readonly caseId: string,
    readonly seq: number,
    readonly detail: string,
  ) {
    super(`The history of case '${caseId}' cannot be replayed at event ${seq}: ${detail}.`);
  }

  details() {
    return { caseId: this.caseId, seq: this.seq, detail: this.detail };
  }
}

export const isDomainError = (error: unknown): error is DomainError => error instanceof DomainError;
