/** A user error in a function call (a wrong argument): reported as a diagnostic at the call, the result unknown. */
export class CallError extends Error {}

/** Raised inside a function's implementation to report a user error as a diagnostic. */
export function bad(message: string): never {
    throw new CallError(message);
}
