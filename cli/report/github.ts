import type { AnyControl } from "../../catalog/control";
import type { FileRange } from "../engine";
import type { ReportedFinding, ScanResult } from "../result";
import { severityIndex } from "../result";
import { type ReportOptions, UNSCANNED_REASON_TEXT, displayPath, docsUrl, indexControls, isWholeFile, lineRangeOf, shownDiagnostics, summaryLine, remediationFor } from "./shared";

/** GitHub shows at most 10 annotations of each level per step. */
export const GITHUB_ANNOTATIONS_PER_LEVEL = 10;

type Level = "error" | "warning" | "notice";

/** Workflow-command message escaping (actions/toolkit `escapeData`). */
export function escapeData(text: string): string {
    return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Workflow-command property escaping (actions/toolkit `escapeProperty`). */
export function escapeProperty(text: string): string {
    return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

function command(level: Level, props: Record<string, string | number | undefined>, message: string): string {
    const list = Object.entries(props)
        .filter(([, v]) => v !== undefined && v !== "")
        .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
        .join(",");
    return `::${level}${list ? ` ${list}` : ""}::${escapeData(message)}`;
}

function levelOf(f: ReportedFinding): Level {
    if (f.status === "error") return "error";
    if (f.status === "unknown") return "notice";
    return f.severity === "critical" || f.severity === "high" ? "error" : f.severity === "medium" ? "warning" : "notice";
}

function rangeProps(r: FileRange | undefined, baseDir: string) {
    if (!r) return {};
    return { file: displayPath(r.file, baseDir), line: r.start.line, col: r.start.column };
}

/**
 * GitHub Actions workflow commands (`::error file=…,line=…,col=…,title=…::message`), escaped per
 * the workflow-command rules: parse errors first, then findings most severe first, at most 10 per
 * level (GitHub shows no more per step); the rest are counted on a plain log line. The Markdown job
 * summary is `formatMarkdown`, which the command appends to `$GITHUB_STEP_SUMMARY`.
 */
export function formatGithub(result: ScanResult, controls: readonly AnyControl[], options: ReportOptions = {}): string {
    const byId = indexControls(controls);
    const budget: Record<Level, number> = { error: GITHUB_ANNOTATIONS_PER_LEVEL, warning: GITHUB_ANNOTATIONS_PER_LEVEL, notice: GITHUB_ANNOTATIONS_PER_LEVEL };
    const lines: string[] = [];
    let skipped = 0;
    const emit = (level: Level, props: Record<string, string | number | undefined>, message: string) => {
        if (budget[level] === 0) {
            skipped++;
            return;
        }
        budget[level]--;
        lines.push(command(level, props, message));
    };
    for (const d of shownDiagnostics(result, options)) {
        const props = isWholeFile(d) ? { file: displayPath(d.file, result.baseDir) } : rangeProps({ file: d.file, start: d.range.start, end: d.range.end }, result.baseDir);
        emit(d.severity === "error" ? "error" : d.severity === "warning" ? "warning" : "notice", { ...props, title: `mlguard: ${d.summary}` }, d.detail ?? d.summary);
    }
    const ordered = result.findings
        .map((f, i) => ({ f, i }))
        .sort((a, b) => severityIndex(a.f.severity) - severityIndex(b.f.severity) || a.i - b.i)
        .map((x) => x.f);
    for (const f of ordered) {
        const control = byId.get(f.controlId);
        const r = lineRangeOf(f, result.baseDir);
        const props = r ? { file: r.file, line: r.startLine, endLine: r.startLine, col: r.startColumn, endColumn: r.endLine === r.startLine ? r.endColumn : undefined } : {};
        const title = `${f.controlId} (${f.status === "fail" ? f.severity : f.status === "unknown" ? "not verifiable" : "check error"})`;
        const body = [
            `${f.resourceId}${f.whenInstantiated ? " (when instantiated)" : ""}: ${f.message}`,
            ...(f.moduleCalls.length > 0 ? [`via ${f.moduleCalls.map((m) => m.address).join(" → ")}`] : []),
            ...(control ? [`Fix: ${remediationFor(control, f)}`, `Docs: ${docsUrl(control.id)}`] : []),
        ].join("\n");
        emit(levelOf(f), { ...props, title }, body);
    }
    for (const u of result.unscannedModules) {
        emit("warning", { ...rangeProps(u.range, result.baseDir), title: `mlguard: module not scanned (${UNSCANNED_REASON_TEXT[u.reason]})` }, `${u.address}${u.source ? ` (${u.source})` : ""}: ${u.detail}. Nothing in it was checked.`);
    }
    for (const n of result.notices) {
        emit("warning", { ...rangeProps(n.location, result.baseDir), title: `mlguard suppression ${n.kind}` }, n.message);
    }
    if (skipped > 0) lines.push(`mlguard: ${skipped} more annotations were not emitted (GitHub shows ${GITHUB_ANNOTATIONS_PER_LEVEL} per level per step); the job summary and the SARIF upload list everything.`);
    lines.push(summaryLine(result));
    return lines.join("\n") + "\n";
}
