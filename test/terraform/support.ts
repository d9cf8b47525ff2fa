import type { Diagnostic } from "../../terraform-checks/diagnostics";
import { evaluate } from "../../terraform-checks/eval/expr";
import { DiskFiles } from "../../terraform-checks/eval/files";
import { parseExpression } from "../../terraform-checks/eval/template-file";
import { type TfValue, toJs } from "../../terraform-checks/eval/value";
import { type ScanOptions, evaluateSources } from "../../terraform-checks/scanner";

/** How an unknown value shows in plain test output. */
export const U = "(known after apply)";

/** A value as plain data, unknowns shown as {@link U}. */
export function plain(v: TfValue): unknown {
    return toJs(v, () => U);
}

/**
 * Evaluates an expression in the root module of `files` (default: one bucket resource and a few
 * variables and locals), returning its value and the diagnostics of the expression alone.
 */
/** As {@link evalIn}, in the root module of a directory on disk (for file functions over real files). */
export function evalOnDisk(dir: string, text: string): { value: TfValue; diagnostics: Diagnostic[]; all: Diagnostic[] } {
    const tree = evaluateSources(new DiskFiles(dir));
    const diagnostics: Diagnostic[] = [];
    const value = evaluate(parseExpression(text, "expr.tf", diagnostics as never), { ...tree.root.scope("expr.tf"), diagnostics });
    return { value, diagnostics, all: tree.diagnostics };
}

export function evalIn(text: string, files: Record<string, string> = {}, options: ScanOptions = {}): { value: TfValue; diagnostics: Diagnostic[]; all: Diagnostic[] } {
    const sources = {
        "main.tf": `resource "aws_s3_bucket" "b" {}\nresource "aws_subnet" "a" {\n  count = 2\n}\n`,
        ...files,
    };
    const tree = evaluateSources(sources, options);
    const diagnostics: Diagnostic[] = [];
    const expr = parseExpression(text, "expr.tf", diagnostics as never);
    const value = evaluate(expr, { ...tree.root.scope("expr.tf"), diagnostics });
    return { value, diagnostics, all: tree.diagnostics };
}
