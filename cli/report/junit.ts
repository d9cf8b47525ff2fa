import type { AnyControl } from "../../catalog/control";
import type { ReportedFinding, ScanResult } from "../result";
import { type ReportOptions, UNSCANNED_REASON_TEXT, displayPath, docsUrl, indexControls, lineRangeOf, remediationFor, summaryLine } from "./shared";

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

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * JUnit XML: one `<testsuite>` per root module, and in it one `<testcase>` per control × resource
 * (classname: the file the resource is written in), failing when the control failed on that
 * resource, `<error>` when the check itself failed, `<skipped>` when the finding was suppressed or
 * could not be verified, passing otherwise. A module call that was not scanned is a skipped
 * testcase of its root module; a scan that could not vouch for the tree (exit 2) adds an errored
 * `scan` testcase saying why.
 */
export function formatJunit(result: ScanResult, controls: readonly AnyControl[], _options: ReportOptions = {}): string {
    const byId = indexControls(controls);
    const roots = new Map<string, Map<string, Case>>();
    const caseFor = (rootModule: string, controlId: string, resourceId: string, file?: string): Case => {
        let cases = roots.get(rootModule);
        if (!cases) roots.set(rootModule, (cases = new Map()));
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
    for (const p of result.passed) caseFor(p.rootModule ?? "", p.controlId, p.resourceId, p.file && displayPath(p.file, result.baseDir));
    for (const f of result.findings) {
        const c = caseFor(f.rootModule, f.controlId, f.resourceId, fileOf(f));
        if (f.status === "fail") c.failures.push(f);
        else if (f.status === "error") c.errors.push(f);
        else c.skipped.push(f);
    }
    for (const f of result.suppressed) caseFor(f.rootModule, f.controlId, f.resourceId, fileOf(f)).skipped.push(f);
    const unscanned = new Map<string, typeof result.unscannedModules>();
    for (const u of result.unscannedModules) {
        if (!roots.has(u.rootModule)) roots.set(u.rootModule, new Map());
        unscanned.set(u.rootModule, [...(unscanned.get(u.rootModule) ?? []), u]);
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

    const suites: string[] = [];
    let tests = 0;
    let failures = 0;
    let errors = 0;
    let skipped = 0;
    for (const rootModule of [...roots.keys()].sort(byText)) {
        // Grouped by file, then control and resource: a file's testcases are together.
        const list = [...roots.get(rootModule)!.values()].sort((a, b) => byText(a.file ?? "", b.file ?? "") || byText(a.controlId, b.controlId) || byText(a.resourceId, b.resourceId));
        const notScanned = unscanned.get(rootModule) ?? [];
        const counts = { tests: list.length + notScanned.length, failures: list.filter(failed).length, errors: list.filter(errored).length, skipped: list.filter(skippedCase).length + notScanned.length };
        tests += counts.tests;
        failures += counts.failures;
        errors += counts.errors;
        skipped += counts.skipped;
        const name = displayPath(rootModule, result.baseDir) || ".";
        const lines = [
            `  <testsuite name="${escapeXml(name)}" tests="${counts.tests}" failures="${counts.failures}" errors="${counts.errors}" skipped="${counts.skipped}">`,
            "    <properties>",
            `      <property name="mlguard.rootModule" value="${escapeXml(name)}"/>`,
            `      <property name="mlguard.modulesNotScanned" value="${notScanned.length}"/>`,
            "    </properties>",
        ];
        for (const c of list) {
            const control = byId.get(c.controlId);
            const attrs = `classname="${escapeXml(c.file ?? name)}" name="${escapeXml(`${c.controlId} ${c.resourceId}`)}"${c.file ? ` file="${escapeXml(c.file)}"` : ""}`;
            if (failed(c)) {
                lines.push(`    <testcase ${attrs}>`);
                const first = c.failures[0];
                const body = c.failures.map(detail).join("\n\n");
                lines.push(`      <failure message="${escapeXml(first.message)}" type="${first.severity}">${textBody(`${control?.title ?? c.controlId} (${first.severity})\n${body}`)}</failure>`);
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
        for (const u of notScanned) {
            const file = displayPath(u.range.file, result.baseDir);
            lines.push(`    <testcase classname="${escapeXml(file)}" name="${escapeXml(`module not scanned ${u.address}`)}" file="${escapeXml(file)}">`);
            lines.push(`      <skipped message="${escapeXml(`${u.address}${u.source ? ` (${u.source})` : ""} was not scanned (${UNSCANNED_REASON_TEXT[u.reason]}): ${u.detail}`)}"/>`);
            lines.push("    </testcase>");
        }
        lines.push("  </testsuite>");
        suites.push(...lines);
    }
    if (result.stopped?.length) {
        tests++;
        errors++;
        const why = `The scan is incomplete: ${result.stopped.join(", ")}.`;
        suites.push('  <testsuite name="mlguard" tests="1" failures="0" errors="1" skipped="0">');
        suites.push(`    <testcase classname="mlguard" name="scan">`);
        suites.push(`      <error message="${escapeXml(why)}">${textBody(summaryLine(result))}</error>`);
        suites.push("    </testcase>");
        suites.push("  </testsuite>");
    }
    const lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        `<testsuites name="mlguard" tests="${tests}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${(result.stats.durationMs / 1000).toFixed(3)}">`,
        ...suites,
        "</testsuites>",
    ];
    return lines.join("\n") + "\n";
}
