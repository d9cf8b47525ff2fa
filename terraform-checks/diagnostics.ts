import type { SourceLocation } from "../catalog/model";
import type { Range } from "./hcl/source";

/**
 * What a diagnostic is about: `read` (a path or file could not be read, a symlink was not
 * followed, a directory holds no Terraform), `parse` (the text is not valid HCL, JSON, tfvars or
 * plan JSON), `evaluate` (the configuration parsed but an expression could not be evaluated: an
 * undeclared reference, a type error, a cycle). Read and parse errors mean part of the tree was not
 * analysed; evaluation errors leave the rest of the file analysed.
 */
export type DiagnosticPhase = "read" | "parse" | "evaluate";

/**
 * A positioned problem found while reading, evaluating or scanning Terraform. The parser's
 * diagnostics are a subset (errors and warnings); the evaluator adds `info` for things a user may
 * want to know but that are not wrong (a variable without a value, a registry module not installed).
 */
export interface Diagnostic {
    severity: "error" | "warning" | "info";
    summary: string;
    detail?: string;
    file: string;
    range: Range;
    /** Set on every diagnostic a scan returns; the evaluator leaves it out (its diagnostics are `evaluate`). */
    phase?: DiagnosticPhase;
}

const START = { line: 1, column: 1, offset: 0 };

/** The range of a whole file, for diagnostics about files rather than their contents. */
export const FILE_RANGE: Range = { start: START, end: START };

type FileLocation = Extract<SourceLocation, { kind: "file" }>;

/**
 * A catalog source location for a range of a file. Every evaluated value is located, so the
 * location is kept on the range it was made from (ranges of a parsed file are never shared with
 * another file's) instead of being allocated for every value.
 */
export function fileLocation(file: string, range: Range): SourceLocation {
    const cached = (range as Range & { location?: FileLocation }).location;
    if (cached !== undefined && cached.file === file) return cached;
    const location: FileLocation = { kind: "file", file, start: range.start, end: range.end };
    if (range !== FILE_RANGE) (range as Range & { location?: FileLocation }).location = location;
    return location;
}
