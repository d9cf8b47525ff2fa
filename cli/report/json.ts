import type { AnyControl } from "../../catalog/control";
import type { Position, SourceLocation } from "../../catalog/model";
import type { FileRange } from "../engine";
import type { ReportedFinding, ScanResult } from "../result";
import { countBySeverity } from "../result";
import { type ReportOptions, displayPath, docsUrl, indexControls, isWholeFile, terraformTypeOf } from "./shared";

/** The report format version; bumped on any incompatible change to `schemas/mlguard-report.schema.json`. */
export const JSON_REPORT_VERSION = 1;
export const JSON_REPORT_SCHEMA_URL = "https://unpkg.com/mlguard/schemas/mlguard-report.schema.json";

interface JsonRange {
    file: string;
    startLine: number;
    startColumn: number;
    endLine: number;
    endColumn: number;
}

function jsonRange(file: string, start: Position, end: Position, baseDir: string): JsonRange {
    return { file: displayPath(file, baseDir), startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column };
}

function fromFileRange(r: FileRange, baseDir: string): JsonRange {
    return jsonRange(r.file, r.start, r.end, baseDir);
}

function fromLocation(l: SourceLocation | undefined, baseDir: string): JsonRange | undefined {
    return l?.kind === "file" ? jsonRange(l.file, l.start, l.end, baseDir) : undefined;
}

function finding(f: ReportedFinding, controls: Map<string, AnyControl>, baseDir: string) {
    const origin = f.evidence?.origin;
    const originLocation = fromLocation(origin?.location, baseDir);
    return {
        ruleId: f.controlId,
        title: controls.get(f.controlId)?.title ?? f.controlId,
        severity: f.severity,
        status: f.status,
        message: f.message,
        location: fromLocation(f.location, baseDir) ?? null,
        resource: {
            address: f.resourceId,
            type: terraformTypeOf(f),
            name: f.resourceName,
            rootModule: f.rootModule,
            moduleChain: f.moduleCalls.map((m) => ({ address: m.address, location: fromFileRange(m.range, baseDir) })),
        },
        attributePath: f.path ?? null,
        ...(f.whenInstantiated ? { whenInstantiated: true } : {}),
        evidence: f.evidence
            ? {
                  state: f.evidence.state,
                  ...(f.evidence.value !== undefined ? { value: f.evidence.value } : {}),
                  ...(origin ? { origin: { description: origin.description, ...(originLocation ? { location: originLocation } : {}) } } : {}),
              }
            : null,
        fingerprint: f.fingerprint,
        docsUrl: docsUrl(f.controlId),
        ...(f.suppression
            ? {
                  suppression: {
                      kind: f.suppression.kind,
                      reason: f.suppression.reason,
                      ...(f.suppression.expires ? { expires: f.suppression.expires } : {}),
                      ...(f.suppression.location ? { location: fromFileRange(f.suppression.location, baseDir) } : {}),
                  },
              }
            : {}),
    };
}

/**
 * The versioned machine-readable report (`schemas/mlguard-report.schema.json`): every reported
 * finding with its location, resource and module chain, evaluated value and origin, fingerprint and
 * docs link; suppressed findings with who suppressed them and why; diagnostics; suppression notices.
 */
export function formatJson(result: ScanResult, controls: readonly AnyControl[], _options: ReportOptions = {}): string {
    const byId = indexControls(controls);
    const base = result.baseDir;
    const report = {
        $schema: JSON_REPORT_SCHEMA_URL,
        version: JSON_REPORT_VERSION,
        tool: result.tool,
        roots: result.roots,
        summary: {
            findings: result.findings.filter((f) => f.status === "fail").length,
            bySeverity: countBySeverity(result.findings),
            unknown: result.findings.filter((f) => f.status === "unknown").length,
            unknownHidden: result.stats.unknownHidden,
            checkErrors: result.findings.filter((f) => f.status === "error").length,
            parseErrors: result.diagnostics.filter((d) => d.severity === "error").length,
            suppressed: result.suppressed.length,
            modulesNotScanned: result.unscannedModules.length,
            complete: !(result.stopped?.length),
            ...(result.stopped?.length ? { stoppedBy: result.stopped } : {}),
            files: result.stats.files,
            resources: result.stats.resources,
            durationMs: result.stats.durationMs,
        },
        findings: result.findings.map((f) => finding(f, byId, base)),
        suppressed: result.suppressed.map((f) => finding(f, byId, base)),
        diagnostics: result.diagnostics.map((d) => ({
            severity: d.severity,
            phase: d.phase ?? "evaluate",
            summary: d.summary,
            ...(d.detail ? { detail: d.detail } : {}),
            location: isWholeFile(d) ? { file: displayPath(d.file, base) } : jsonRange(d.file, d.range.start, d.range.end, base),
        })),
        unscannedModules: result.unscannedModules.map((u) => ({
            rootModule: u.rootModule,
            address: u.address,
            source: u.source,
            reason: u.reason,
            detail: u.detail,
            location: fromFileRange(u.range, base),
        })),
        notices: result.notices.map((n) => ({ kind: n.kind, message: n.message, ...(n.location ? { location: fromFileRange(n.location, base) } : {}) })),
    };
    return JSON.stringify(report, null, 2) + "\n";
}
