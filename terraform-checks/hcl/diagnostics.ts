import type { Range } from "./source";

/** A positioned problem found while reading a file. Parsers return these; they never throw. */
export interface Diagnostic {
    severity: "error" | "warning";
    summary: string;
    detail?: string;
    file: string;
    range: Range;
}
