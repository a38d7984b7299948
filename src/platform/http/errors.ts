/**
 * An error a person or a client can act on: a stable machine id (`report_not_found`), an HTTP status, and
 * an optional list of field problems. Rendered in one place (error-handler.ts): JSON for /api, a page otherwise.
 */
export class AppError extends Error {
  constructor(
    readonly id: string,
    readonly status: number,
    message: string = id,
    readonly details?: readonly FieldProblem[],
  ) {
    super(message);
    this.name = "AppError";
  }
}

export interface FieldProblem {
  readonly field: string;
  readonly code: string;
  readonly message: string;
}
