import type { Reference, Resource, SourceLocation } from "../../catalog/model";
import type { Diagnostic } from "../diagnostics";
import type { Body } from "../hcl";

/** Reads `terraform show -json` output into neutral resources and references. */
export function scanPlan(
    _text: string,
    _file: string,
    _diagnostics: Diagnostic[],
    _parse: (file: string) => Body | undefined,
): { resources: Resource[]; references: Reference[]; extra: Map<string, { resourceRange: SourceLocation; moduleCallRanges: SourceLocation[] }> } {
    return { resources: [], references: [], extra: new Map() };
}
