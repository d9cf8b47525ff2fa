import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import type { AnyControl } from "../../catalog/control";
import type { Severity } from "../../catalog/model";
import type { Diagnostic, FileRange } from "../engine";
import type { ReportedFinding, ScanResult } from "../result";
import { severityIndex } from "../result";
import { type ReportOptions, UNSCANNED_REASON_TEXT, displayPath, docsUrl, indexControls, isWholeFile, lineReader, summaryLine, terraformTypeOf, unscannedSummary } from "./shared";

/** GitHub code scanning displays at most this many results per run (prioritised by severity). */
export const SARIF_MAX_RESULTS = 5000;
/** GitHub rejects uploads above 10 MB gzip-compressed. */
export const SARIF_MAX_GZIP_BYTES = 10 * 1024 * 1024;

/** GitHub's severity scale: over 9.0 critical, 7.0–8.9 high, 4.0–6.9 medium, below 4.0 low. */
export const SECURITY_SEVERITY: Record<Severity, string> = { critical: "9.5", high: "8.0", medium: "5.5", low: "2.0" };

const LEVEL: Record<Severity, "error" | "warning" | "note"> = { critical: "error", high: "error", medium: "warning", low: "note" };

/** SARIF has no `info` level: an engine `info` diagnostic is a `note`. */
const DIAGNOSTIC_LEVEL: Record<Diagnostic["severity"], "error" | "warning" | "note"> = { error: "error", warning: "warning", info: "note" };

const SRCROOT = "%SRCROOT%";

function ruleName(id: string): string {
    return id.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase());
}

function peerIds(control: AnyControl): string {
    const parts = Object.entries(control.aliases as Record<string, string[] | undefined>)
        .filter(([, ids]) => ids && ids.length > 0)
        .map(([tool, ids]) => `${tool} ${ids!.map((i) => `\`${i}\``).join(", ")}`);
    return parts.join("; ");
}

function rule(control: AnyControl) {
    const peers = peerIds(control);
    const markdown = [
        `**${control.title}** (${control.severity})`,
        "",
        control.rationale,
        "",
        "**Fix (Terraform):** " + control.remediation.terraform,
        ...(peers ? ["", `Also known as: ${peers}. Their suppression comments are honoured.`] : []),
        "",
        `[Documentation](${docsUrl(control.id)})`,
    ].join("\n");
    const text = `${control.title}. ${control.rationale}\n\nFix (Terraform): ${control.remediation.terraform}\n\nDocumentation: ${docsUrl(control.id)}`;
    const tags = [...new Set(["security", control.provider, ...control.tags])].slice(0, 20);
    return {
        id: control.id,
        name: ruleName(control.id),
        shortDescription: { text: control.title.slice(0, 1024) },
        fullDescription: { text: control.rationale },
        help: { text, markdown },
        defaultConfiguration: { level: LEVEL[control.severity] },
        properties: { tags, precision: "high", "security-severity": SECURITY_SEVERITY[control.severity] },
    };
}

function artifactUri(file: string, baseDir: string): string {
    return displayPath(file, baseDir).split("/").map(encodeURIComponent).join("/");
}

function physicalLocation(range: FileRange, baseDir: string, read: ReturnType<typeof lineReader>) {
    // One line only: GitHub annotates a pull request only when every line of the region is in the diff.
    const startLine = range.start.line;
    const startColumn = range.start.column;
    let endColumn: number;
    if (range.end.line === startLine && range.end.column > startColumn) {
        endColumn = range.end.column;
    } else {
        const text = read(range.file, startLine);
        endColumn = text !== undefined ? Math.max(startColumn + 1, Array.from(text.trimEnd()).length + 1) : startColumn + 1;
    }
    return {
        artifactLocation: { uri: artifactUri(range.file, baseDir), uriBaseId: SRCROOT },
        region: { startLine, startColumn, endLine: startLine, endColumn },
    };
}

function fileRangeOf(f: ReportedFinding): FileRange | undefined {
    return f.location.kind === "file" ? { file: f.location.file, start: f.location.start, end: f.location.end } : undefined;
}

function suppressionsOf(f: ReportedFinding) {
    if (!f.suppression) return undefined;
    const inSource = f.suppression.kind !== "baseline" && f.suppression.kind !== "config";
    return [{ kind: inSource ? "inSource" : "external", status: "accepted", justification: `${f.suppression.kind}: ${f.suppression.reason}` }];
}

function result(f: ReportedFinding, ruleIndex: number, baseDir: string, read: ReturnType<typeof lineReader>) {
    const range = fileRangeOf(f);
    const level = f.status === "unknown" ? "note" : LEVEL[f.severity];
    const prefix = f.status === "unknown" ? "Could not be verified: " : "";
    const relatedLocations = f.moduleCalls.map((m, i) => ({
        id: i + 1,
        physicalLocation: physicalLocation(m.range, baseDir, read),
        message: { text: `via ${m.address}` },
    }));
    const suppressions = suppressionsOf(f);
    return {
        ruleId: f.controlId,
        ruleIndex,
        level,
        message: { text: `${prefix}${f.message} Resource: ${f.resourceId}.` },
        locations: [
            {
                ...(range ? { physicalLocation: physicalLocation(range, baseDir, read) } : {}),
                logicalLocations: [
                    { fullyQualifiedName: f.resourceId, kind: "resource" },
                    ...(f.governs ? [{ fullyQualifiedName: f.governs.name, name: f.governs.kind === "kms-key" ? "Cloud KMS key" : "Cloud KMS key ring", kind: "resource" }] : []),
                ],
            },
        ],
        ...(relatedLocations.length > 0 ? { relatedLocations } : {}),
        partialFingerprints: { primaryLocationLineHash: f.fingerprint, "mlguard/v1": f.fingerprint },
        ...(suppressions ? { suppressions } : {}),
        properties: {
            resourceAddress: f.resourceId,
            resourceType: terraformTypeOf(f),
            ...(f.path ? { attributePath: f.path } : {}),
            ...(f.whenInstantiated ? { whenInstantiated: true } : {}),
        },
    };
}

/** A notification about a range, a whole file (a path) or nothing in particular. */
function notification(level: "error" | "warning" | "note", id: string, text: string, where: FileRange | string | undefined, baseDir: string, read: ReturnType<typeof lineReader>) {
    const location =
        typeof where === "string"
            ? { physicalLocation: { artifactLocation: { uri: artifactUri(where, baseDir), uriBaseId: SRCROOT } } }
            : where
              ? { physicalLocation: physicalLocation(where, baseDir, read) }
              : undefined;
    return { level, descriptor: { id }, message: { text }, ...(location ? { locations: [location] } : {}) };
}

/** `mlguard/<roots>/`: one category per scan root set, so several scans of one repository do not collide. */
export function automationId(roots: readonly string[], baseDir: string): string {
    const shown = roots.map((r) => displayPath(r, baseDir).replace(/\/+$/, "") || ".").sort();
    return `mlguard/${shown.length === 0 ? "." : shown.join("+")}/`;
}

/**
 * SARIF 2.1.0 for GitHub code scanning: one run; rules from catalog metadata (`help.markdown`,
 * `security-severity`, tags); results with a one-line region at the attribute,
 * content-derived `partialFingerprints` (stable when lines move) and repo-relative URIs; parse
 * errors, check errors and suppression notices as `toolExecutionNotifications`. Suppressed results
 * are left out unless `includeSuppressed`. Results are capped at GitHub's 5,000 (most severe first)
 * and the log at 10 MB gzipped, with a notification saying how many were left out.
 */
export function formatSarif(scan: ScanResult, controls: readonly AnyControl[], options: ReportOptions = {}): string {
    const read = lineReader(scan);
    const byId = indexControls(controls);
    const ruleIds = [...new Set([...controls.map((c) => c.id), ...scan.findings.map((f) => f.controlId), ...scan.suppressed.map((f) => f.controlId)])];
    const rules = ruleIds.filter((id) => byId.has(id)).map((id) => rule(byId.get(id)!));
    const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));

    const reportable = [
        ...scan.findings.filter((f) => f.status === "fail" || f.status === "unknown"),
        ...(options.includeSuppressed ? scan.suppressed : []),
    ].filter((f) => ruleIndex.has(f.controlId));
    // Most severe first, stable within a severity, so truncation drops the least severe.
    const ordered = reportable
        .map((f, i) => ({ f, i }))
        .sort((a, b) => (a.f.status === "unknown" ? 4 : severityIndex(a.f.severity)) - (b.f.status === "unknown" ? 4 : severityIndex(b.f.severity)) || a.i - b.i)
        .map((x) => x.f);

    const notifications = [
        ...scan.diagnostics.map((d) =>
            notification(DIAGNOSTIC_LEVEL[d.severity], `${d.phase ?? "evaluate"}-${d.severity}`, d.detail ? `${d.summary} ${d.detail}` : d.summary,
                isWholeFile(d) ? d.file : { file: d.file, start: d.range.start, end: d.range.end }, scan.baseDir, read),
        ),
        ...scan.findings
            .filter((f) => f.status === "error")
            .map((f) => notification("error", "check-error", `${f.controlId} on ${f.resourceId}: ${f.message}`, fileRangeOf(f), scan.baseDir, read)),
        ...scan.notices.map((n) => notification("warning", `suppression-${n.kind}`, n.message, n.location, scan.baseDir, read)),
        ...scan.unscannedModules.map((u) =>
            notification("warning", `module-not-scanned-${u.reason}`, `${u.address}${u.source ? ` (${u.source})` : ""} was not scanned (${UNSCANNED_REASON_TEXT[u.reason]}): ${u.detail}. Nothing in it was checked.`, u.range, scan.baseDir, read),
        ),
    ];

    const build = (limit: number) => {
        const kept = ordered.slice(0, limit);
        const dropped = ordered.length - kept.length;
        const extra = dropped > 0
            ? [notification("warning", "results-truncated", `${dropped} of ${ordered.length} results were left out to stay within GitHub code scanning limits; the most severe were kept. Use --format json for the full list.`, undefined, scan.baseDir, read)]
            : [];
        const log = {
            $schema: "https://json.schemastore.org/sarif-2.1.0.json",
            version: "2.1.0",
            runs: [
                {
                    tool: {
                        driver: {
                            name: scan.tool.name,
                            version: scan.tool.version,
                            semanticVersion: scan.tool.version,
                            informationUri: "https://www.npmjs.com/package/mlguard",
                            rules,
                        },
                    },
                    automationDetails: { id: automationId(scan.roots, scan.baseDir) },
                    originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(scan.baseDir.endsWith("/") ? scan.baseDir : `${scan.baseDir}/`).href } },
                    columnKind: "unicodeCodePoints",
                    properties: {
                        summary: summaryLine(scan),
                        modulesNotScanned: scan.unscannedModules.length,
                        ...(scan.unscannedModules.length > 0 ? { modulesNotScannedBy: unscannedSummary(scan.unscannedModules) } : {}),
                        complete: !scan.stopped?.length,
                        ...(scan.stopped?.length ? { stoppedBy: scan.stopped } : {}),
                    },
                    invocations: [
                        {
                            executionSuccessful: !scan.diagnostics.some((d) => d.severity === "error") && !scan.findings.some((f) => f.status === "error") && !scan.stopped?.length,
                            toolExecutionNotifications: [...notifications, ...extra],
                        },
                    ],
                    results: kept.map((f) => result(f, ruleIndex.get(f.controlId)!, scan.baseDir, read)),
                },
            ],
        };
        return JSON.stringify(log, null, 2) + "\n";
    };

    let limit = Math.min(ordered.length, SARIF_MAX_RESULTS);
    let text = build(limit);
    // Only compress when the plain text could exceed the limit; halve the results until it fits.
    while (limit > 0 && Buffer.byteLength(text) > SARIF_MAX_GZIP_BYTES && gzipSync(text).length > SARIF_MAX_GZIP_BYTES) {
        limit = Math.floor(limit / 2);
        text = build(limit);
    }
    return text;
}
