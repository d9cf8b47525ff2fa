import type { Diagnostic as ParseDiagnostic } from "../hcl/diagnostics";
import type { Expression } from "../hcl/ast";
import { Parser } from "../hcl/parser";
import { SourceText } from "../hcl/source";
import { type EvalHost, type Scope, evaluate, noBindings } from "./expr";
import type { TfValue } from "./value";

/**
 * Evaluates a template file's text (`templatefile(path, vars)`): only `vars` are in scope, as in
 * Terraform; functions work, `var.*` and resources do not.
 */
export function evaluateTemplateText(text: string, file: string, vars: Record<string, TfValue>, outer: Scope): TfValue {
    const problems: ParseDiagnostic[] = [];
    const parser = new Parser(text, file, new SourceText(text, file), "template", {}, problems);
    const template = parser.parseBareTemplate();
    for (const p of problems) outer.diagnostics.push(p);
    const host: EvalHost = {
        lookup: () => undefined,
        readFile: (p, s, r) => outer.host.readFile(p, s, r),
        readFileBytes: (p, s, r) => outer.host.readFileBytes(p, s, r),
        fileExists: (p) => outer.host.fileExists(p),
        filePath: (p) => outer.host.filePath(p),
        listFiles: (d, s, r) => outer.host.listFiles(d, s, r),
    };
    const bindings = noBindings(vars);
    const expr: Expression = { ...template, kind: "quoted" };
    return evaluate(expr, { host, file, bindings, diagnostics: outer.diagnostics, depth: outer.depth + 1 });
}

/** Parses a standalone expression (a `-var` or `TF_VAR_` value of a complex type). */
export function parseExpression(text: string, file: string, diagnostics: ParseDiagnostic[]): Expression {
    const parser = new Parser(text, file, new SourceText(text, file), "native", {}, diagnostics);
    return parser.parseStandaloneExpression();
}
