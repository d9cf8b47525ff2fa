/**
 * Thrown when a component is given inputs that would weaken a guarantee it makes. The message names
 * the component, the input and the rule, so the fix is obvious from the error alone.
 */
export class MlguardComponentError extends Error {
    constructor(
        readonly component: string,
        readonly input: string,
        readonly rule: string,
    ) {
        super(`${component}: invalid input \`${input}\`: ${rule}`);
        this.name = "MlguardComponentError";
    }
}

/** An explicit, reviewed exception to a secure default. The reason is recorded on the resource. */
export interface EscapeHatch {
    /** Why the exception is needed; written to the `mlguard:exception` tag/label and read by reviewers. */
    reason: string;
}

/** Validates an escape hatch's reason: it must say something. */
export function requireReason(component: string, input: string, hatch: EscapeHatch | undefined): string | undefined {
    if (hatch === undefined) return undefined;
    const reason = (hatch.reason ?? "").trim();
    if (reason.length < 10) {
        throw new MlguardComponentError(component, `${input}.reason`, "an escape hatch needs a written reason of at least 10 characters");
    }
    return reason;
}

/** The tag/label key carrying an escape hatch's reason, which the policy pack reports. */
export const EXCEPTION_TAG = "mlguard:exception";

/** GCP label values allow only `[a-z0-9_-]{0,63}`: a reason becomes a slug there (full text goes in descriptions). */
export function labelValue(text: string): string {
    return text.toLowerCase().replace(/[^a-z0-9_-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 63);
}

/** The environment a component is deployed to; `prod` turns on the strictest settings. */
export type Environment = "prod" | "staging" | "dev";
