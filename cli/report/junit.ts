import type { AnyControl } from "../../catalog/control";
import type { ReportedFinding, ScanResult } from "../result";
import { type ReportOptions, displayPath, docsUrl, indexControls, lineRangeOf, remediationFor } from "./shared";

/** Escapes XML text and attribute values, dropping characters XML 1.0 cannot carry. */
export function escapeXml(text: string): string {
    return text
        // eslint-disable-next-line no-control-regex
        .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "\ufffd")
        .replace(/&/g, "&amp;")
        .replace(/</g, "&lt;")
        .replace(/>/g, "&gt;")
        .replace(/"/g, "&quot;")
        .replace(/'/g, "&apos;")
        .replace(/\r/g, "&#13;")
        .replace(/\n/g, "&#10;");
}

function textBody(text: string): string {
    // Element content keeps its newlines readable; only attributes need them encoded.
    return escapeXml(text).replace(/&#10;/g, "\n");
}

interface Case {
    controlId: string;
    resourceId: string;
    file?: string;
    failures: ReportedFinding[];
    errors: ReportedFinding[];
    skipped: ReportedFinding[];
}

/**
 * JUnit XML: one `<testsuite>` per control and one `<testcase>` per control × resource, failing
 * when the control failed on that resource, `<error>` when the check itself failed, `<skipped>`
 * when the finding was suppressed or could not be verified, passing otherwise.
 */
export function formatJunit(result: ScanResult, controls: readonly AnyControl[], _options: ReportOptions = {}): string {
    const byId = indexControls(controls);
    const cases = new Map<string, Case>();
    const caseFor = (controlId: string, resourceId: string, file?: string): Case => {
        const key = `${controlId}\u0000${resourceId}`;
        let c = cases.get(key);
        if (!c) {
            c = { controlId, resourceId, file, failures: [], errors: [], skipped: [] };
            cases.set(key, c);
        }
        if (!c.file && file) c.file = file;
        return c;
    };
    const fileOf = (f: ReportedFinding) => (f.location.kind === "file" ? displayPath(f.location.file, result.baseDir) : undefined);
    for (const p of result.passed) caseFor(p.controlId, p.resourceId, p.file && displayPath(p.file, result.baseDir));
    for (const f of result.findings) {
        const c = caseFor(f.controlId, f.resourceId, fileOf(f));
        if (f.status === "fail") c.failures.push(f);
        else if (f.status === "error") c.errors.push(f);
        else c.skipped.push(f);
    }
    for (const f of result.suppressed) caseFor(f.controlId, f.resourceId, fileOf(f)).skipped.push(f);

    const suites = new Map<string, Case[]>();
    for (const c of [...cases.values()].sort((a, b) => (a.controlId < b.controlId ? -1 : a.controlId > b.controlId ? 1 : a.resourceId < b.resourceId ? -1 : a.resourceId > b.resourceId ? 1 : 0))) {
        const list = suites.get(c.controlId);
        if (list) list.push(c);
        else suites.set(c.controlId, [c]);
    }

    const detail = (f: ReportedFinding) => {
        const r = lineRangeOf(f, result.baseDir);
        const control = byId.get(f.controlId);
        return [
            r ? `${r.file}:${r.startLine}:${r.startColumn}` : "",
            f.whenInstantiated ? `${f.resourceId} (when instantiated)` : f.resourceId,
            f.message,
            ...(control ? [`Fix: ${remediationFor(control, f)}`, `Docs: ${docsUrl(control.id)}`] : []),
        ].filter(Boolean).join("\n");
    };
    const failed = (c: Case) => c.failures.length > 0;
    const errored = (c: Case) => !failed(c) && c.errors.length > 0;
    const skippedCase = (c: Case) => !failed(c) && !errored(c) && c.skipped.length > 0;

    const all = [...cases.values()];
    const lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        `<testsuites name="mlguard" tests="${all.length}" failures="${all.filter(failed).length}" errors="${all.filter(errored).length}" skipped="${all.filter(skippedCase).length}" time="${(result.stats.durationMs / 1000).toFixed(3)}">`,
    ];
    for (const [controlId, list] of suites) {
        const control = byId.get(controlId);
        lines.push(
            `  <testsuite name="${escapeXml(controlId)}" tests="${list.length}" failures="${list.filter(failed).length}" errors="${list.filter(errored).length}" skipped="${list.filter(skippedCase).length}">`,
        );
        for (const c of list) {
            const attrs = `classname="${escapeXml(controlId)}" name="${escapeXml(c.resourceId)}"${c.file ? ` file="${escapeXml(c.file)}"` : ""}`;
            if (failed(c)) {
                lines.push(`    <testcase ${attrs}>`);
                const first = c.failures[0];
                const body = c.failures.map(detail).join("\n\n");
                lines.push(`      <failure message="${escapeXml(first.message)}" type="${first.severity}">${textBody(`${control?.title ?? controlId} (${first.severity})\n${body}`)}</failure>`);
                lines.push("    </testcase>");
            } else if (errored(c)) {
                lines.push(`    <testcase ${attrs}>`);
                lines.push(`      <error message="${escapeXml(c.errors[0].message)}">${textBody(c.errors.map(detail).join("\n\n"))}</error>`);
                lines.push("    </testcase>");
            } else if (skippedCase(c)) {
                const s = c.skipped[0];
                const why = s.suppression ? `suppressed by ${s.suppression.kind}: ${s.suppression.reason}` : `not verifiable: ${s.message}`;
                lines.push(`    <testcase ${attrs}>`);
                lines.push(`      <skipped message="${escapeXml(why)}"/>`);
                lines.push("    </testcase>");
            } else {
                lines.push(`    <testcase ${attrs}/>`);
            }
        }
        lines.push("  </testsuite>");
    }
    lines.push("</testsuites>");
    return lines.join("\n") + "\n";
}
