/**
 * Merging what the pack reported in preview and in update mode (`checkProgram`, `mlguard preview`).
 * No dependencies at run time, so the CLI can use it without loading the Pulumi SDKs.
 */
import type { AnalysisResult, EnforcementLevelName, PolicyDiagnostic } from "./testing";

/** A diagnostic of `checkProgram`, with the modes that produced it. */
export interface CheckedDiagnostic extends PolicyDiagnostic {
    /** The worst level this violation had in any mode. */
    enforcementLevel: EnforcementLevelName;
    modes: Array<"preview" | "update">;
}

const SEVERITY_OF_LEVEL: Record<EnforcementLevelName, number> = { disabled: 0, advisory: 1, remediate: 2, mandatory: 3 };

/** Merges the diagnostics of several modes, keeping the worst level of each (policy, resource, message). */
export function mergeModes(reports: ReadonlyArray<[mode: "preview" | "update", result: AnalysisResult]>): CheckedDiagnostic[] {
    const merged = new Map<string, CheckedDiagnostic>();
    for (const [mode, result] of reports) {
        for (const d of result.diagnostics) {
            const key = `${d.policyName}\u0000${d.urn}\u0000${d.message}`;
            const seen = merged.get(key);
            if (!seen) merged.set(key, { ...d, modes: [mode] });
            else {
                if (!seen.modes.includes(mode)) seen.modes.push(mode);
                if (SEVERITY_OF_LEVEL[d.enforcementLevel] > SEVERITY_OF_LEVEL[seen.enforcementLevel]) seen.enforcementLevel = d.enforcementLevel;
            }
        }
    }
    return [...merged.values()];
}

