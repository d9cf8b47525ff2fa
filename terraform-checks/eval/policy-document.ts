import type { SourceLocation } from "../../catalog/model";
import { fileLocation } from "../diagnostics";
import type { EvalBody } from "./module";
import { type TfValue, asString, computedDocument, fromJs, isNull, isWhollyKnown, list, map, scalar, toJs, unknown, unknownFrom } from "./value";

/**
 * `data "aws_iam_policy_document"` evaluated as the AWS provider does: `statement` blocks become a
 * JSON policy (single-element lists collapse to strings, as the provider renders them), exposed as
 * `json` and `minified_json`. A document with computed parts (an ARN of a resource in the same
 * configuration) is unknown to expressions but keeps its structure for controls (`partial`).
 */
export function evaluatePolicyDocument(body: EvalBody, source: SourceLocation): TfValue {
    const attr = (b: EvalBody, name: string): TfValue | undefined => b.attributes.find((a) => a.name === name)?.value;
    const refsFrom: TfValue[] = [];

    const stringOrList = (v: TfValue | undefined): TfValue | undefined => {
        if (!v || isNull(v)) return undefined;
        refsFrom.push(v);
        if (v.kind === "list") {
            const items = dedupe(v.items);
            return items.length === 1 ? items[0] : list(items, v.source);
        }
        return v;
    };

    const statements: TfValue[] = [];
    const base = new Map<string, TfValue>();
    const baseOrder: TfValue[] = [];
    // Source documents first; later statements with the same Sid replace them, as the provider does.
    for (const doc of listItems(attr(body, "source_policy_documents"))) mergeDocument(doc, baseOrder, base, refsFrom);
    if (attr(body, "source_json")) mergeDocument(attr(body, "source_json")!, baseOrder, base, refsFrom);

    for (const block of body.blocks.filter((b) => b.type === "statement")) {
        const s = block.body;
        const entries: Record<string, TfValue> = {};
        const sid = attr(s, "sid");
        if (sid && !isNull(sid)) entries.Sid = sid;
        const effect = attr(s, "effect");
        entries.Effect = effect && !isNull(effect) ? effect : scalar("Allow");
        const fields: Array<[string, string]> = [
            ["actions", "Action"],
            ["not_actions", "NotAction"],
            ["resources", "Resource"],
            ["not_resources", "NotResource"],
        ];
        for (const [tf, json] of fields) {
            const v = stringOrList(attr(s, tf));
            if (v) entries[json] = v;
        }
        for (const [tf, json] of [["principals", "Principal"], ["not_principals", "NotPrincipal"]] as const) {
            const blocks = s.blocks.filter((b) => b.type === tf);
            if (blocks.length === 0) continue;
            const byType: Record<string, TfValue[]> = {};
            let star = false;
            for (const p of blocks) {
                const type = attr(p.body, "type");
                const ids = attr(p.body, "identifiers");
                refsFrom.push(...[type, ids].filter((x): x is TfValue => !!x));
                const t = type ? asString(type) : undefined;
                if (t === undefined) {
                    byType["\u0000unknown"] = [unknown("a principal type is computed", type)];
                    continue;
                }
                const idItems = ids?.kind === "list" ? ids.items : ids ? [ids] : [];
                if (t === "*" && idItems.length > 0 && idItems.every((i) => asString(i) === "*")) star = true;
                else {
                    const into = (byType[t] ??= []);
                    for (const i of idItems) into.push(i);
                }
            }
            if (star && Object.keys(byType).length === 0) {
                entries[json] = scalar("*");
                continue;
            }
            if (star) (byType["*"] ??= []).push(scalar("*"));
            const principal: Record<string, TfValue> = {};
            for (const [t, ids] of Object.entries(byType)) {
                if (t === "\u0000unknown") {
                    entries[json] = ids[0];
                    continue;
                }
                const d = dedupe(ids);
                principal[t] = d.length === 1 ? d[0] : list(d);
            }
            if (!entries[json]) entries[json] = map(principal);
        }
        const conditions = s.blocks.filter((b) => b.type === "condition");
        if (conditions.length > 0) {
            const cond: Record<string, Record<string, TfValue>> = {};
            let computed: TfValue | undefined;
            for (const c of conditions) {
                const test = attr(c.body, "test");
                const variable = attr(c.body, "variable");
                const values = attr(c.body, "values");
                const t = test ? asString(test) : undefined;
                const v = variable ? asString(variable) : undefined;
                if (t === undefined || v === undefined) {
                    computed = unknown("a condition key is computed", test, variable, values);
                    continue;
                }
                const vs = stringOrList(values) ?? list([]);
                (cond[t] ??= {})[v] = vs;
            }
            const condEntries: Record<string, TfValue> = {};
            for (const [t, vars] of Object.entries(cond)) condEntries[t] = map(vars);
            entries.Condition = computed ?? map(condEntries);
        }
        const statement = map(entries, fileLocation(block.file, block.range));
        const sidText = sid ? asString(sid) : undefined;
        if (sidText && base.has(sidText)) {
            const i = baseOrder.indexOf(base.get(sidText)!);
            baseOrder[i] = statement;
            base.set(sidText, statement);
        } else statements.push(statement);
    }
    const all = [...baseOrder, ...statements];
    const overrides: TfValue[] = [];
    for (const doc of listItems(attr(body, "override_policy_documents"))) overrides.push(doc);
    if (attr(body, "override_json")) overrides.push(attr(body, "override_json")!);
    for (const doc of overrides) {
        const parsed = parseDoc(doc, refsFrom);
        if (!parsed) {
            all.push(unknown("an override document is computed", doc));
            continue;
        }
        for (const st of parsed) {
            const sid = st.kind === "map" && st.entries.Sid ? asString(st.entries.Sid) : undefined;
            const i = sid ? all.findIndex((x) => x.kind === "map" && x.entries.Sid && asString(x.entries.Sid) === sid) : -1;
            if (i >= 0) all[i] = st;
            else all.push(st);
        }
    }
    const version = attr(body, "version");
    const docEntries: Record<string, TfValue> = { Version: version && !isNull(version) ? version : scalar("2012-10-17") };
    const policyId = attr(body, "policy_id");
    if (policyId && !isNull(policyId)) docEntries.Id = policyId;
    docEntries.Statement = list(all);
    const doc = map(docEntries, source);
    if (isWhollyKnown(doc)) {
        const plain = toJs(doc);
        const json = scalar(JSON.stringify(plain, null, 2), source);
        const minified = scalar(JSON.stringify(plain), source);
        // Statements stay located at their blocks, so findings point where each one is written.
        if (json.kind === "scalar" && minified.kind === "scalar") json.document = minified.document = doc;
        return map(
            {
                json,
                minified_json: minified,
                id: scalar(String(hash(JSON.stringify(plain))), source),
            },
            source,
        );
    }
    const json = computedDocument(unknownFrom(source, "the policy document has computed parts", refsFrom.concat([doc])), doc);
    return map({ json, minified_json: json, id: { ...unknown("computed", doc), source } }, source);
}


function listItems(v: TfValue | undefined): TfValue[] {
    if (!v || isNull(v)) return [];
    return v.kind === "list" ? v.items : [v];
}

function dedupe(items: TfValue[]): TfValue[] {
    const seen = new Set<string>();
    const out: TfValue[] = [];
    for (const i of items) {
        const key = i.kind === "scalar" ? JSON.stringify(i.value) : undefined;
        if (key !== undefined) {
            if (seen.has(key)) continue;
            seen.add(key);
        }
        out.push(i);
    }
    return out;
}

/** The statements of a source or override document; a computed document's known structure serves (another document with a computed ARN, a `jsonencode`). */
function parseDoc(doc: TfValue, refsFrom: TfValue[]): TfValue[] | undefined {
    refsFrom.push(doc);
    if (doc.kind === "unknown") return doc.partial ? statementsOf(doc.partial) : undefined;
    const text = asString(doc);
    if (text === undefined) return undefined;
    try {
        return statementsOf(fromJs(JSON.parse(text), doc.source));
    } catch {
        return [];
    }
}

function statementsOf(parsed: TfValue): TfValue[] {
    if (parsed.kind !== "map") return [];
    const st = parsed.entries.Statement;
    if (!st) return [];
    return st.kind === "list" ? st.items : [st];
}

function mergeDocument(doc: TfValue, order: TfValue[], bySid: Map<string, TfValue>, refsFrom: TfValue[]): void {
    const statements = parseDoc(doc, refsFrom);
    if (!statements) {
        order.push(unknown("a source document is computed", doc));
        return;
    }
    for (const st of statements) {
        const sid = st.kind === "map" && st.entries.Sid ? asString(st.entries.Sid) : undefined;
        if (sid && bySid.has(sid)) {
            order[order.indexOf(bySid.get(sid)!)] = st;
            bySid.set(sid, st);
            continue;
        }
        order.push(st);
        if (sid) bySid.set(sid, st);
    }
}

function hash(text: string): number {
    let h = 0;
    for (let i = 0; i < text.length; i++) h = (Math.imul(31, h) + text.charCodeAt(i)) | 0;
    return h >>> 0;
}
