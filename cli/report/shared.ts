import * as path from "node:path";
import { type AnyControl, docsUrl } from "../../catalog/control";
import type { Finding, Severity } from "../../catalog/model";
import { resourceTypeForToken } from "../../catalog/resource-types";
import type { Diagnostic, UnscannedModule } from "../engine";
import { type ReportedFinding, type ScanResult, countBySeverity } from "../result";

/** Options every reporter accepts. */
export interface ReportOptions {
    /** ANSI colour (pretty only). */
    color?: boolean;
    /** Show `info` diagnostics (pretty and GitHub annotations; JSON and SARIF always carry them). */
    verbose?: boolean;
    /** Keep suppressed results in the output (SARIF `suppressions`, JSON `suppressed` is always present). */
    includeSuppressed?: boolean;
}

/** A reporter: a pure function from a scan result and the controls that ran to the file's text. */
export type Reporter = (result: ScanResult, controls: readonly AnyControl[], options?: ReportOptions) => string;

/** The controls by id, for metadata lookups. */
export function indexControls(controls: readonly AnyControl[]): Map<string, AnyControl> {
    return new Map(controls.map((c) => [c.id, c]));
}

/** A path as users see it: relative to the base directory, with forward slashes. */
export function displayPath(file: string, baseDir: string): string {
    const rel = path.isAbsolute(file) ? path.relative(baseDir, file) : file;
    return rel.split(path.sep).join("/").replace(/\\/g, "/").replace(/^\.\//, "");
}

/**
 * Whether a diagnostic concerns a whole file or path (the engine gives those an empty range at
 * 1:1) rather than a place in it.
 */
export function isWholeFile(d: Diagnostic): boolean {
    const { start, end } = d.range;
    return start.line === 1 && start.column === 1 && end.line === 1 && end.column === 1;
}

/** The diagnostics a human-facing report shows: `info` ones only when verbose. */
export function shownDiagnostics(result: ScanResult, options: ReportOptions): Diagnostic[] {
    return options.verbose ? result.diagnostics : result.diagnostics.filter((d) => d.severity !== "info");
}

/** The finding's file range in display form, when it has one. */
export interface LineRange {
    file: string;
    startLine: number;
    startColumn: number;
    endLine: number;
    endColumn: number;
}

export function lineRangeOf(f: Finding, baseDir: string): LineRange | undefined {
    if (f.location.kind !== "file") return undefined;
    const { start, end } = f.location;
    return {
        file: displayPath(f.location.file, baseDir),
        startLine: start.line,
        startColumn: start.column,
        endLine: Math.max(end.line, start.line),
        endColumn: end.line > start.line || end.column > start.column ? end.column : start.column + 1,
    };
}

/**
 * Splits a Terraform address into its module calls and the resource:
 * `module.a["x.y"].module.b.aws_s3_bucket.c[0]` → `["module.a[\"x.y\"]", "module.b"]` and
 * `aws_s3_bucket.c[0]`. Instance keys may contain dots and brackets inside quotes.
 */
export function splitAddress(address: string): { modules: string[]; resource: string } {
    const segments: string[] = [];
    let current = "";
    for (let i = 0; i < address.length; i++) {
        const ch = address[i];
        if (ch === "[") {
            let j = i + 1;
            let inString = false;
            for (; j < address.length; j++) {
                const c = address[j];
                if (inString) {
                    if (c === "\\") j++;
                    else if (c === '"') inString = false;
                } else if (c === '"') inString = true;
                else if (c === "]") break;
            }
            current += address.slice(i, j + 1);
            i = j;
        } else if (ch === ".") {
            segments.push(current);
            current = "";
        } else {
            current += ch;
        }
    }
    segments.push(current);
    const modules: string[] = [];
    let i = 0;
    while (i + 1 < segments.length - 1 && segments[i] === "module") {
        modules.push(`module.${segments[i + 1]}`);
        i += 2;
    }
    return { modules, resource: segments.slice(i).join(".") };
}

/** The Terraform resource type of a finding (the catalog maps Pulumi tokens; unknown tokens pass through). */
export function terraformTypeOf(f: Finding): string {
    return resourceTypeForToken(f.resourceType)?.terraform ?? f.resourceType;
}

/**
 * Makes untrusted text safe for a terminal or a log line: control characters (ANSI escapes, carriage
 * returns, newlines that could start a forged workflow command) become visible escapes.
 */
export function sanitize(text: string): string {
    // eslint-disable-next-line no-control-regex
    return text.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => {
        if (c === "\n") return "\\n";
        if (c === "\r") return "\\r";
        return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
    });
}

/** A short, single-line rendering of an evaluated value. */
export function formatValue(value: unknown, max = 80): string {
    let text: string;
    try {
        text = typeof value === "string" ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
    } catch {
        text = String(value);
    }
    text = sanitize(text);
    return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The resource address with its instance keys, as Terraform prints it. */
export function resourceAddress(f: Finding): string {
    return f.resourceId;
}

/** `what`, naming the count: `1 finding`, `2 findings`. */
export function plural(n: number, what: string): string {
    return `${n} ${what}${n === 1 ? "" : "s"}`;
}

export { docsUrl };

/** The fix in the finding's own front-end: Pulumi text for `mlguard preview`, Terraform text for `mlguard scan`. */
export function remediationFor(control: AnyControl, f: Pick<Finding, "frontEnd">): string {
    return f.frontEnd === "pulumi" ? control.remediation.pulumi : control.remediation.terraform;
}

/** `3 high, 1 medium` — non-zero severities, most severe first. */
export function severityBreakdown(counts: Record<Severity, number>): string {
    return (Object.keys(counts) as Severity[])
        .filter((s) => counts[s] > 0)
        .map((s) => `${counts[s]} ${s}`)
        .join(", ");
}

/** The one-line summary every human-facing output ends with. */
export function summaryLine(result: ScanResult): string {
    const failures = result.findings.filter((f) => f.status === "fail");
    const errors = result.findings.filter((f) => f.status === "error").length;
    const unknown = result.findings.filter((f) => f.status === "unknown").length;
    const parseErrors = result.diagnostics.filter((d) => d.severity === "error").length;
    const seconds = (result.stats.durationMs / 1000).toFixed(1);
    const scope = result.stats.plan
        ? `${plural(result.stats.resources, "resource")} from the plan ${displayPath(result.stats.plan, result.baseDir)}, mapped to ${plural(result.stats.files, "configuration file")} (${seconds} s)`
        : `${plural(result.stats.resources, "resource")} in ${plural(result.stats.files, "file")} (${seconds} s)`;
    const extras: string[] = [];
    if (result.suppressed.length > 0) extras.push(`${result.suppressed.length} suppressed`);
    if (unknown > 0) extras.push(`${plural(unknown, "result")} not verifiable`);
    if (result.stats.unknownHidden > 0) extras.push(`${plural(result.stats.unknownHidden, "result")} not verifiable (--include-unknown shows them)`);
    if (errors > 0) extras.push(`${plural(errors, "check error")}`);
    if (parseErrors > 0) extras.push(`${plural(parseErrors, "parse error")}`);
    if (result.notices.length > 0) extras.push(`${plural(result.notices.length, "suppression notice")}`);
    const modules = unscannedSummary(result.unscannedModules ?? []);
    if (modules) extras.push(modules);
    const tail = extras.length > 0 ? `; ${extras.join(", ")}` : "";
    const stopped = result.stopped ?? [];
    const found = failures.length > 0 ? `${plural(failures.length, "finding")} (${severityBreakdown(countBySeverity(result.findings))}), ` : "";
    if (stopped.length > 0) return `✖ Scan incomplete: ${found}${stopped.join(", ")}: ${scope}${tail}`;
    if (failures.length === 0) return `${modules ? "⚠ No findings in what was scanned" : "✔ No findings"}: ${scope}${tail}`;
    return `✖ ${plural(failures.length, "finding")} (${severityBreakdown(countBySeverity(result.findings))}): ${scope}${tail}`;
}

/** How each reason for an unscanned module call reads in a summary. */
export const UNSCANNED_REASON_TEXT: Record<UnscannedModule["reason"], string> = {
    "not-installed": "not installed",
    "download-failed": "download failed",
    "invalid-source": "source not a literal string",
    "too-deep": "nested too deeply",
    "outside-root": "outside the scan root",
    cycle: "in a cycle",
    "not-found": "no Terraform files",
};

/** `9 module calls not scanned (8 not installed, 1 download failed)`, or "" when every call was scanned. */
export function unscannedSummary(unscanned: readonly UnscannedModule[]): string {
    if (unscanned.length === 0) return "";
    const byReason = new Map<string, number>();
    for (const u of unscanned) byReason.set(UNSCANNED_REASON_TEXT[u.reason], (byReason.get(UNSCANNED_REASON_TEXT[u.reason]) ?? 0) + 1);
    return `${plural(unscanned.length, "module call")} not scanned (${[...byReason].map(([why, n]) => `${n} ${why}`).join(", ")})`;
}

/** Findings grouped by display file, in report order (findings without a file under ""). */
export function groupByFile(findings: readonly ReportedFinding[], baseDir: string): Map<string, ReportedFinding[]> {
    const groups = new Map<string, ReportedFinding[]>();
    for (const f of findings) {
        const key = f.location.kind === "file" ? displayPath(f.location.file, baseDir) : "";
        const list = groups.get(key);
        if (list) list.push(f);
        else groups.set(key, [f]);
    }
    return groups;
}

/** Reads lines (1-based, without terminators) of the result's sources, splitting each file once. */
export function lineReader(result: ScanResult): (file: string, line: number) => string | undefined {
    const cache = new Map<string, string[]>();
    return (file, line) => {
        let lines = cache.get(file);
        if (!lines) {
            const text = result.sources[file];
            if (text === undefined) return undefined;
            lines = text.split(/\r?\n/);
            cache.set(file, lines);
        }
        return line >= 1 && line <= lines.length ? lines[line - 1] : undefined;
    };
}
