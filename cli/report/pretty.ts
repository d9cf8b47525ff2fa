import type { AnyControl } from "../../catalog/control";
import type { Severity } from "../../catalog/model";
import { type Palette, palette } from "../color";
import type { Diagnostic } from "../engine";
import type { Notice, ReportedFinding, ScanResult } from "../result";
import {
    type ReportOptions,
    displayPath,
    docsUrl,
    formatValue,
    groupByFile,
    indexControls,
    isWholeFile,
    lineRangeOf,
    lineReader,
    UNSCANNED_REASON_TEXT,
    sanitize,
    shownDiagnostics,
    summaryLine,
    remediationFor,
} from "./shared";

/** East Asian wide and emoji code points take two terminal cells; good enough to align a marker. */
function cellWidth(ch: string): number {
    const cp = ch.codePointAt(0) ?? 0;
    if (
        (cp >= 0x1100 && cp <= 0x115f) ||
        (cp >= 0x2e80 && cp <= 0xa4cf) ||
        (cp >= 0xac00 && cp <= 0xd7a3) ||
        (cp >= 0xf900 && cp <= 0xfaff) ||
        (cp >= 0xfe30 && cp <= 0xfe4f) ||
        (cp >= 0xff00 && cp <= 0xff60) ||
        (cp >= 0xffe0 && cp <= 0xffe6) ||
        (cp >= 0x1f300 && cp <= 0x1faff) ||
        (cp >= 0x20000 && cp <= 0x3fffd)
    ) {
        return 2;
    }
    return 1;
}

/** The `^^^` line under a source line: columns are 1-based code points, `endColumn` exclusive. */
export function markerLine(line: string, startColumn: number, endColumn: number | undefined): string {
    const chars = Array.from(line);
    let prefix = "";
    for (const ch of chars.slice(0, Math.max(0, startColumn - 1))) prefix += ch === "\t" ? "\t" : " ".repeat(cellWidth(ch));
    const last = endColumn ?? Array.from(line.trimEnd()).length + 1;
    let width = 0;
    for (const ch of chars.slice(startColumn - 1, Math.max(startColumn, last) - 1)) width += cellWidth(ch);
    return prefix + "^".repeat(Math.max(1, width));
}

function severityStyle(p: Palette, severity: Severity): (t: string) => string {
    switch (severity) {
        case "critical":
            return (t) => p.bold(p.magenta(t));
        case "high":
            return p.red;
        case "medium":
            return p.yellow;
        case "low":
            return p.blue;
    }
}

function label(p: Palette, f: ReportedFinding): string {
    if (f.status === "error") return p.red("! error");
    if (f.status === "unknown") return p.cyan("? not verifiable");
    return severityStyle(p, f.severity)(`✖ ${f.severity}`);
}

function positionText(file: string, line?: number, column?: number): string {
    return line === undefined ? file : `${file}:${line}:${column ?? 1}`;
}

function formatFinding(f: ReportedFinding, result: ScanResult, controls: Map<string, AnyControl>, p: Palette, read: ReturnType<typeof lineReader>): string[] {
    const control = controls.get(f.controlId);
    const out: string[] = [];
    const title = control ? `  ${control.title}` : "";
    out.push(`  ${label(p, f)}  ${p.bold(f.controlId)}${title}`);
    const range = lineRangeOf(f, result.baseDir);
    const where = range ? positionText(range.file, range.startLine, range.startColumn) : f.location.kind === "pulumi" ? f.location.urn : "";
    out.push(`    ${p.underline(where)}  ${sanitize(f.resourceId)}${f.whenInstantiated ? ` ${p.dim("(when instantiated)")}` : ""}`);
    if (f.moduleCalls.length > 0) {
        const chain = f.moduleCalls
            .map((m) => `${sanitize(m.address)} (${positionText(displayPath(m.range.file, result.baseDir), m.range.start.line, m.range.start.column)})`)
            .join(" → ");
        out.push(`    ${p.dim("via")}   ${chain}`);
    }
    out.push(`    ${sanitize(f.message)}`);
    if (range && f.location.kind === "file") {
        const text = read(f.location.file, range.startLine);
        if (text !== undefined) {
            const gutter = String(range.startLine);
            const endColumn = range.endLine === range.startLine ? range.endColumn : undefined;
            out.push("");
            out.push(`    ${p.dim(`${gutter} │`)} ${sanitize(text)}`);
            out.push(`    ${p.dim(`${" ".repeat(gutter.length)} │`)} ${p.red(markerLine(sanitize(text), range.startColumn, endColumn))}`);
            out.push("");
        }
    }
    const ev = f.evidence;
    if (ev) {
        let value: string;
        if (ev.state === "unknown") value = "computed, not known before apply";
        else if (ev.state === "default") value = ev.value === undefined ? "not set (the provider default applies)" : `${formatValue(ev.value)} (provider default; the attribute is not set)`;
        else if (ev.origin?.sensitive) value = "(sensitive, not shown)";
        // Explicit evidence without a value is a block, an object or a list too large to show: the source line shows it.
        else value = ev.value === undefined ? "" : formatValue(ev.value);
        if (ev.origin) {
            const at = ev.origin.location?.kind === "file"
                ? ` at ${positionText(displayPath(ev.origin.location.file, result.baseDir), ev.origin.location.start.line, ev.origin.location.start.column)}`
                : "";
            value += `${value ? " " : ""}from ${sanitize(ev.origin.description)}${at}`;
        }
        if (value) out.push(`    ${p.dim("value")} ${value}`);
    }
    if (control) {
        out.push(`    ${p.dim("fix")}   ${remediationFor(control, f)}`);
        out.push(`    ${p.dim("docs")}  ${docsUrl(control.id)}`);
    }
    return out;
}

function formatDiagnostic(d: Diagnostic, baseDir: string, p: Palette): string[] {
    const where = isWholeFile(d) ? displayPath(d.file, baseDir) || "." : positionText(displayPath(d.file, baseDir), d.range.start.line, d.range.start.column);
    const sev = d.severity === "error" ? p.red("error") : d.severity === "warning" ? p.yellow("warning") : p.cyan("info");
    const out = [`  ${p.underline(where)}  ${sev}  ${sanitize(d.summary)}`];
    if (d.detail) out.push(`    ${sanitize(d.detail)}`);
    return out;
}

function formatNotice(n: Notice, baseDir: string, p: Palette): string {
    const where = n.location ? positionText(displayPath(n.location.file, baseDir), n.location.start.line, n.location.start.column) : "";
    return `  ${where ? `${p.underline(where)}  ` : ""}${p.yellow(n.kind)}  ${sanitize(n.message)}`;
}

/**
 * Human output, ESLint-like: findings grouped by file, each with its control, severity, title,
 * `file:line:col`, resource address and module chain, the offending line with a marker, the
 * evaluated value and where it came from, the Terraform fix and the docs link. Ends with one
 * summary line; a clean scan prints only that line.
 */
export function formatPretty(result: ScanResult, controls: readonly AnyControl[], options: ReportOptions = {}): string {
    const p = palette(options.color === true);
    const byId = indexControls(controls);
    const read = lineReader(result);
    const out: string[] = [];
    const diagnostics = shownDiagnostics(result, options);
    if (diagnostics.length > 0) {
        out.push(p.bold("Problems reading the configuration"));
        for (const d of diagnostics) for (const line of formatDiagnostic(d, result.baseDir, p)) out.push(line);
        out.push("");
    }
    for (const [file, findings] of groupByFile(result.findings, result.baseDir)) {
        out.push(p.bold(file || "(no file)"));
        for (const f of findings) {
            for (const line of formatFinding(f, result, byId, p, read)) out.push(line);
            out.push("");
        }
    }
    if (options.includeSuppressed && result.suppressed.length > 0) {
        out.push(p.bold("Suppressed"));
        for (const f of result.suppressed) {
            const range = lineRangeOf(f, result.baseDir);
            const where = range ? positionText(range.file, range.startLine, range.startColumn) : "";
            out.push(`  ${p.dim(`${f.controlId}  ${where}  ${sanitize(f.resourceId)}  ${f.suppression?.kind}: ${sanitize(f.suppression?.reason ?? "")}`)}`);
        }
        out.push("");
    }
    if (result.unscannedModules.length > 0) {
        out.push(p.bold("Module calls not scanned (nothing in them was checked)"));
        for (const u of result.unscannedModules) {
            const where = positionText(displayPath(u.range.file, result.baseDir), u.range.start.line, u.range.start.column);
            out.push(`  ${p.underline(where)}  ${p.yellow(UNSCANNED_REASON_TEXT[u.reason])}  ${sanitize(u.address)}${u.source ? ` (${sanitize(u.source)})` : ""}`);
            out.push(`    ${sanitize(u.detail)}`);
        }
        out.push("");
    }
    if (result.notices.length > 0) {
        out.push(p.bold("Suppression notices"));
        for (const n of result.notices) out.push(formatNotice(n, result.baseDir, p));
        out.push("");
    }
    const summary = summaryLine(result);
    out.push(result.findings.some((f) => f.status === "fail") || result.stopped?.length ? p.bold(p.red(summary)) : result.unscannedModules.length > 0 ? p.yellow(summary) : p.green(summary));
    return out.join("\n") + "\n";
}
