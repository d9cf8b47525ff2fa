import type { SourceLocation } from "../../catalog/model";
import { fileLocation } from "../diagnostics";
import type { EvalBody } from "./module";
import { type TfValue, computedDocument, isNull, isWhollyKnown, list, map, scalar, toJs, unknownFrom } from "./value";

/**
 * `data "google_iam_policy"` evaluated as the Google provider renders it: `binding` blocks (role,
 * members, condition) and `audit_config` blocks (service, audit_log_configs) become the JSON policy
 * exposed as `policy_data`. Every binding keeps the location of its block, and its role and members
 * theirs, so IAM findings on a `*_iam_policy` point where the grant is written. A policy with
 * computed parts is unknown to expressions but keeps its structure for controls (`partial`).
 */
export function evaluateGoogleIamPolicy(body: EvalBody, source: SourceLocation): TfValue {
    const attr = (b: EvalBody, name: string): TfValue | undefined => {
        const v = b.attributes.find((a) => a.name === name)?.value;
        return v && !isNull(v) ? v : undefined;
    };
    const asList = (v: TfValue | undefined): TfValue | undefined => (v === undefined ? undefined : v.kind === "list" || v.kind === "unknown" ? v : list([v], v.source));
    const refsFrom: TfValue[] = [];
    const track = (v: TfValue | undefined): TfValue | undefined => {
        if (v) refsFrom.push(v);
        return v;
    };

    const bindings: TfValue[] = [];
    for (const block of body.blocks.filter((b) => b.type === "binding")) {
        const b = block.body;
        const at = fileLocation(block.file, block.range);
        const entries: Record<string, TfValue> = {};
        const role = track(attr(b, "role"));
        if (role) entries.role = role;
        const members = track(asList(attr(b, "members")));
        if (members) entries.members = members;
        const condition = b.blocks.find((c) => c.type === "condition");
        if (condition) {
            const cond: Record<string, TfValue> = {};
            for (const name of ["title", "description", "expression"]) {
                const v = track(attr(condition.body, name));
                if (v) cond[name] = v;
            }
            entries.condition = map(cond, fileLocation(condition.file, condition.range));
        }
        bindings.push(map(entries, at));
    }

    const auditConfigs: TfValue[] = [];
    for (const block of body.blocks.filter((b) => b.type === "audit_config")) {
        const a = block.body;
        const entries: Record<string, TfValue> = {};
        const service = track(attr(a, "service"));
        if (service) entries.service = service;
        const logs: TfValue[] = [];
        for (const l of a.blocks.filter((x) => x.type === "audit_log_configs")) {
            const e: Record<string, TfValue> = {};
            const logType = track(attr(l.body, "log_type"));
            if (logType) e.logType = logType;
            const exempted = track(asList(attr(l.body, "exempted_members")));
            if (exempted) e.exemptedMembers = exempted;
            logs.push(map(e, fileLocation(l.file, l.range)));
        }
        entries.auditLogConfigs = list(logs);
        auditConfigs.push(map(entries, fileLocation(block.file, block.range)));
    }

    const docEntries: Record<string, TfValue> = {};
    if (bindings.length > 0) docEntries.bindings = list(bindings, source);
    if (auditConfigs.length > 0) docEntries.auditConfigs = list(auditConfigs, source);
    const doc = map(docEntries, source);
    if (isWhollyKnown(doc)) {
        const policy = scalar(JSON.stringify(toJs(doc)), source);
        if (policy.kind === "scalar") policy.document = doc;
        return map({ policy_data: policy }, source);
    }
    const policy = computedDocument(unknownFrom(source, "the IAM policy has computed parts", refsFrom.concat([doc])), doc);
    return map({ policy_data: policy }, source);
}
