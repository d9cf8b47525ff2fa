import type { ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { EXCEPTION_LABEL, EXCEPTION_TAG } from "../catalog/exceptions";
import { unproxy } from "./adapter";

/** The name of the pack-level policy that reports recorded exceptions (not a catalog control). */
export const EXCEPTIONS_POLICY = "mlguard-recorded-exceptions";

function recordedReason(props: unknown): string | undefined {
    const raw = unproxy(props) as Record<string, unknown> | undefined;
    for (const [bag, key] of [["tags", EXCEPTION_TAG], ["labels", EXCEPTION_LABEL]] as const) {
        const values = raw?.[bag];
        if (values && typeof values === "object" && !Array.isArray(values)) {
            const reason = (values as Record<string, unknown>)[key];
            if (typeof reason === "string" && reason.trim() !== "") return reason.trim();
        }
    }
    return undefined;
}

/**
 * Reports, as advisory, every resource that records a deliberate exception to a secure default
 * (`mlguard:exception` tag / `mlguard-exception` label), so relaxations made through a component's
 * escape hatch are visible in every preview. The reason is printed: it was written to be read.
 */
export const exceptionsPolicy: ResourceValidationPolicy = {
    name: EXCEPTIONS_POLICY,
    displayName: "Recorded security exceptions",
    description: "A resource records a deliberate exception to a secure default",
    enforcementLevel: "advisory",
    severity: "low",
    remediationSteps: "Review the recorded reason; remove the escape hatch from the component once the exception is no longer needed.",
    tags: ["exceptions"],
    validateResource: (args: ResourceValidationArgs, report: ReportViolation) => {
        const reason = recordedReason(args.props);
        if (reason) report(`Security exception recorded on this resource: ${reason}`);
    },
};
