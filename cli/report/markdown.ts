import type { AnyControl } from "../../catalog/control";
import type { ReportedFinding, ScanResult } from "../result";
import { type ReportOptions, UNSCANNED_REASON_TEXT, displayPath, docsUrl, isWholeFile, lineRangeOf, shownDiagnostics, summaryLine } from "./shared";

/** GitHub rejects pull-request comments over 64 KB (65,536 characters). */
export const MARKDOWN_COMMENT_LIMIT = 65_536;
/** `$GITHUB_STEP_SUMMARY` uploads are aborted above 1 MiB. */
export const STEP_SUMMARY_LIMIT = 1024 * 1024;

/** Text safe inside a GFM table cell: no pipes, no line breaks, no raw HTML. */
export function cell(text: string): string {
    return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\r?\n/g, " ").replace(/[*_[\]`]/g, "\\$&");
}

/** An inline code span in a table cell, fenced with enough backticks for its content. */
export function code(text: string): string {
    const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((m) => m.length));
    const fence = "`".repeat(longest + 1);
    const inner = text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
    const pad = inner.startsWith("`") || inner.endsWith("`") ? " " : "";
    return `${fence}${pad}${inner}${pad}${fence}`;
}

function row(f: ReportedFinding, baseDir: string): string {
    const r = lineRangeOf(f, baseDir);
    const severity = f.status === "fail" ? `**${f.severity}**` : f.status === "unknown" ? "not verifiable" : "check error";
    const where = r ? code(`${r.file}:${r.startLine}`) : "";
    return `| ${severity} | [${cell(f.controlId)}](${docsUrl(f.controlId)}) | ${where} | ${code(f.resourceId)}${f.whenInstantiated ? " (when instantiated)" : ""} | ${cell(f.message)} |`;
}

/**
 * Markdown for a pull-request comment or a job summary: a heading with the summary, one compact
 * table row per finding, and collapsed sections for parse errors and suppression notices. Rows are
 * cut with a note so the text stays under `maxBytes` (64 KB by default, GitHub's comment limit).
 */
export function formatMarkdown(result: ScanResult, _controls: readonly AnyControl[], options: ReportOptions & { maxBytes?: number } = {}): string {
    const maxBytes = options.maxBytes ?? MARKDOWN_COMMENT_LIMIT;
    const head = [`### mlguard: ${summaryLine(result)}`, ""];
    const tail: string[] = [];
    const diagnostics = shownDiagnostics(result, options);
    if (diagnostics.length > 0) {
        tail.push("", `<details><summary>${diagnostics.length} problem(s) reading the configuration</summary>`, "");
        for (const d of diagnostics) {
            const where = `${displayPath(d.file, result.baseDir)}${isWholeFile(d) ? "" : `:${d.range.start.line}`}`;
            tail.push(`- ${code(where)} ${d.severity}: ${cell(d.summary)}`);
        }
        tail.push("", "</details>");
    }
    if (result.unscannedModules.length > 0) {
        tail.push("", `<details><summary>${result.unscannedModules.length} module call(s) not scanned</summary>`, "");
        for (const u of result.unscannedModules) {
            tail.push(`- ${code(`${displayPath(u.range.file, result.baseDir)}:${u.range.start.line}`)} ${code(u.address)}${u.source ? ` ${code(u.source)}` : ""}: ${UNSCANNED_REASON_TEXT[u.reason]}, ${cell(u.detail)}`);
        }
        tail.push("", "</details>");
    }
    if (result.notices.length > 0) {
        tail.push("", `<details><summary>${result.notices.length} suppression notice(s)</summary>`, "");
        for (const n of result.notices) {
            const where = n.location ? `${code(`${displayPath(n.location.file, result.baseDir)}:${n.location.start.line}`)} ` : "";
            tail.push(`- ${where}${n.kind}: ${cell(n.message)}`);
        }
        tail.push("", "</details>");
    }
    tail.push("", `<sub>mlguard ${cell(result.tool.version)}</sub>`);

    const body: string[] = [];
    if (result.findings.length > 0) {
        body.push("| Severity | Control | Location | Resource | Message |", "| --- | --- | --- | --- | --- |");
        let size = Buffer.byteLength([...head, ...body, ...tail].join("\n")) + 200;
        let shown = 0;
        for (const f of result.findings) {
            const line = row(f, result.baseDir);
            const bytes = Buffer.byteLength(line) + 1;
            if (size + bytes > maxBytes) break;
            body.push(line);
            size += bytes;
            shown++;
        }
        if (shown < result.findings.length) {
            body.push("", `…and ${result.findings.length - shown} more; the SARIF or JSON report lists every finding.`);
        }
    }
    return [...head, ...body, ...tail].join("\n") + "\n";
}
