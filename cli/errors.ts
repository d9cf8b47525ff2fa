/** A command-line mistake; the message names the flag. `mlguard` prints it and exits 2. */
export class UsageError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "UsageError";
    }
}
