import type { SourceLocation } from "../catalog/model";
import { type Range, Span, plainRange } from "./hcl/source";

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
 * A catalog source location for a range of a file. Every evaluated value is located, so this must
 * be cheap: a parsed range of that file is its own location (a {@link Span} works out its
 * positions only when a report reads them). Other ranges get a plain location.
 */
export function fileLocation(file: string, range: Range): SourceLocation {
    if (range instanceof Span && range.text.file === file) return range as FileLocation;
    return { kind: "file", file, start: range.start, end: range.end };
}

/** A location as plain data: what findings carry out of the scanner (and across threads). */
export function plainLocation(l: SourceLocation): SourceLocation {
    return l instanceof Span ? { kind: "file", file: l.file, start: l.start, end: l.end } : l;
}

/** A diagnostic as plain data (its range's positions worked out). */
export function plainDiagnostic(d: Diagnostic): Diagnostic {
    return d.range instanceof Span ? { ...d, range: plainRange(d.range) } : d;
}
