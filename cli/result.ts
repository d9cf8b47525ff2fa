import type { Finding, Severity } from "../catalog/model";
import { SEVERITIES } from "../catalog/model";
import type { Diagnostic, FileRange, ModuleCallSite, UnscannedModule } from "./engine";

/** Which mechanism suppressed a finding. */
export type SuppressionKind = "mlguard:ignore" | "checkov:skip" | "tfsec:ignore" | "trivy:ignore" | "baseline" | "config";

/** Why a finding is not reported: the mechanism, the reviewer-facing reason, and where it is written. */
export interface Suppression {
    kind: SuppressionKind;
    reason: string;
    /** `YYYY-MM-DD`, the last day the suppression applies. */
    expires?: string;
    location?: FileRange;
}

/** A finding ready for reporting: the catalog finding plus its fingerprint, call chain and suppression. */
export interface ReportedFinding extends Finding {
    /** Stable identity: hashed from control id, root module, resource address and attribute path, never from line numbers. */
    fingerprint: string;
    /** The root module directory the resource was evaluated in. */
    rootModule: string;
    /** Module calls from the root module down to the resource, outermost first. */
    moduleCalls: ModuleCallSite[];
    suppression?: Suppression;
}

/** Something wrong with a suppression or the baseline, reported next to the findings. */
export interface Notice {
    kind: "expired" | "unused" | "rejected" | "unknown-rule" | "unsupported" | "stale-baseline";
    message: string;
    location?: FileRange;
}

/** Counters shown in summaries. */
export interface ScanStats {
    files: number;
    resources: number;
    durationMs: number;
    /** The plan file of a plan scan (`files` then counts the configuration files its resources were mapped to). */
    plan?: string;
    /** Results that could not be verified (computed values) and were left out because `--include-unknown` was not given. */
    unknownHidden: number;
}

/** Everything a reporter needs, already decided: reporters only format it. */
export interface ScanResult {
    tool: { name: string; version: string };
    /** Absolute directory that file paths are shown relative to (the working directory). */
    baseDir: string;
    /** The scanned paths as given. */
    roots: string[];
    /** Findings to report: `fail` and `error`, plus `unknown` when asked; suppressed ones excluded. Sorted by file, line, column. */
    findings: ReportedFinding[];
    /** Findings kept out of the report by a suppression, the baseline or a config exemption. */
    suppressed: ReportedFinding[];
    /** Control × resource pairs that passed (JUnit lists them as passing test cases). */
    passed: Array<{ controlId: string; resourceId: string; file?: string; rootModule?: string }>;
    diagnostics: Diagnostic[];
    /** Module calls that were not evaluated: nothing inside them was checked. */
    unscannedModules: UnscannedModule[];
    /**
     * Why the scan exits 2 (parse errors, no files, unscanned modules under `--strict-modules`, …),
     * set once the exit code is known; empty or absent when it does not. A summary never says
     * "No findings" while this holds anything.
     */
    stopped?: string[];
    notices: Notice[];
    stats: ScanStats;
    /** Text of the files the findings point into, keyed like `Finding.location.file` (reporters never read files). */
    sources: Readonly<Record<string, string>>;
}

/** Severity order for sorting: critical first. */
export function severityIndex(severity: Severity): number {
    return SEVERITIES.indexOf(severity);
}

function locationKey(f: Finding): [string, number, number] {
    return f.location.kind === "file" ? [f.location.file, f.location.start.line, f.location.start.column] : ["", 0, 0];
}

/** Report order: by file, line, column, then control id and resource address. */
export function compareFindings(a: Finding, b: Finding): number {
    const [fa, la, ca] = locationKey(a);
    const [fb, lb, cb] = locationKey(b);
    return (
        (fa < fb ? -1 : fa > fb ? 1 : 0) ||
        la - lb ||
        ca - cb ||
        (a.controlId < b.controlId ? -1 : a.controlId > b.controlId ? 1 : 0) ||
        (a.resourceId < b.resourceId ? -1 : a.resourceId > b.resourceId ? 1 : 0)
    );
}

/** Counts of reported failures per severity (errors and unknowns are counted apart). */
export function countBySeverity(findings: readonly ReportedFinding[]): Record<Severity, number> {
    const counts: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0 };
    for (const f of findings) if (f.status === "fail") counts[f.severity]++;
    return counts;
}
