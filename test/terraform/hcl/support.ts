import * as fs from "node:fs";
import * as path from "node:path";
import type { Diagnostic, Range } from "../../../terraform-checks/hcl";

/** Fixture inputs live in the source tree; tests run from `dist/`. */
export const FIXTURES = path.resolve(__dirname, "../../../../test/terraform/hcl/fixtures");

/** `UPDATE_FIXTURES=1 npx mocha` rewrites the expected files instead of comparing against them. */
export const UPDATE = process.env.UPDATE_FIXTURES === "1";

/** The parser inputs in a fixture directory: `.tf`, `.tfvars`, `.tf.json`, `.tfvars.json`. */
export function fixtureInputs(dir: string): string[] {
    const full = path.join(FIXTURES, dir);
    return fs
        .readdirSync(full)
        .filter((f) => /\.(tf|tfvars|tf\.json|tfvars\.json)$/.test(f))
        .sort()
        .map((f) => path.join(full, f));
}

/** `line:column@offset-line:column@offset`, so golden files stay readable. */
export function formatRange(range: Range): string {
    const { start, end } = range;
    return `${start.line}:${start.column}@${start.offset}-${end.line}:${end.column}@${end.offset}`;
}

function isRange(value: unknown): value is Range {
    if (typeof value !== "object" || value === null) return false;
    const r = value as Partial<Range>;
    return typeof r.start === "object" && r.start !== null && typeof r.start.line === "number" && typeof r.end === "object";
}

/** A copy of an AST (or anything holding ranges) with every range written by {@link formatRange}. */
export function serializeRanges(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(serializeRanges);
    if (isRange(value)) return formatRange(value);
    if (typeof value === "object" && value !== null) {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = serializeRanges(v);
        return out;
    }
    return value;
}

/** Diagnostics without the file name, ranges formatted. */
export function serializeDiagnostics(diagnostics: Diagnostic[]): unknown[] {
    return diagnostics.map((d) => ({ severity: d.severity, summary: d.summary, detail: d.detail, range: formatRange(d.range) }));
}

/** Compares `actual` with the JSON golden file at `file`, or rewrites it under UPDATE_FIXTURES=1. */
export function matchGolden(file: string, actual: unknown): { expected: unknown; actual: unknown } {
    const normalized = JSON.parse(JSON.stringify(actual)) as unknown;
    if (UPDATE || !fs.existsSync(file)) {
        fs.writeFileSync(file, JSON.stringify(normalized, null, 2) + "\n");
        if (!UPDATE) throw new Error(`Created missing golden file ${path.relative(process.cwd(), file)}; review it and run again.`);
    }
    return { expected: JSON.parse(fs.readFileSync(file, "utf8")) as unknown, actual: normalized };
}
