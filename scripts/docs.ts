/**
 * Control documentation generated from catalog metadata: one page per control in `docs/controls/`
 * and an index. `npm run docs` writes them; a test fails when the committed pages are stale.
 */
import type { AnyControl, ExampleResource } from "../catalog/control";
import { awsNativeToken, cfnTypes } from "../catalog/cloudformation/tables";
import { allControls } from "../catalog/controls";
import { isComputed, isRef } from "../catalog/examples";

const FRAMEWORK_NAMES: Record<string, string> = {
    "aws-fsbp": "AWS Security Hub FSBP",
    "aws-config": "AWS Config rule",
    "cis-aws": "CIS AWS Foundations",
    "cis-gcp": "CIS Google Cloud Platform",
    "nist-800-53": "NIST SP 800-53 r5",
    "owasp-ml": "OWASP Machine Learning Top 10",
    prowler: "Prowler check",
    "gcp-scc": "Security Command Center finding",
    "gcp-org-policy": "Organization Policy constraint",
};

const RESERVED = new Set(
    "break case catch class const continue debugger default delete do else enum export extends false finally for function if implements import in instanceof interface let new null package private protected public return static super switch this throw true try typeof var void while with yield".split(" "),
);

function variableName(name: string): string {
    const camel = name.replace(/[-_ ]+([a-z0-9])/gi, (_, c: string) => c.toUpperCase());
    const safe = /^[a-z_$]/i.test(camel) ? camel : `r${camel}`;
    return RESERVED.has(safe) ? `${safe}Resource` : safe;
}

function renderValue(value: unknown, indent: string): string {
    if (isRef(value)) return `${variableName(value.$ref.name)}.${value.$ref.attribute}`;
    if (isComputed(value)) return "pulumi.output(computedValue)";
    if (Array.isArray(value)) {
        if (value.length === 0) return "[]";
        const inner = value.map((v) => `${indent}    ${renderValue(v, `${indent}    `)},`).join("\n");
        return `[\n${inner}\n${indent}]`;
    }
    if (value && typeof value === "object") {
        const entries = Object.entries(value);
        if (entries.length === 0) return "{}";
        const inner = entries
            .map(([k, v]) => `${indent}    ${/^[a-z_$][\w$]*$/i.test(k) ? k : JSON.stringify(k)}: ${renderValue(v, `${indent}    `)},`)
            .join("\n");
        return `{\n${inner}\n${indent}}`;
    }
    return JSON.stringify(value);
}

/** A catalog example as the Pulumi TypeScript a user would write. */
export function renderPulumiExample(example: readonly ExampleResource[]): string {
    const referenced = new Set<string>();
    const collect = (v: unknown): void => {
        if (isRef(v)) referenced.add(v.$ref.name);
        else if (Array.isArray(v)) v.forEach(collect);
        else if (v && typeof v === "object") Object.values(v).forEach(collect);
    };
    example.forEach((r) => collect(r.props));
    return example
        .map((r) => {
            const cls = `${r.type.sdk.package === "@pulumi/aws" ? "aws" : "gcp"}.${r.type.sdk.path}`;
            const decl = referenced.has(r.name) ? `const ${variableName(r.name)} = ` : "";
            return `${decl}new ${cls}(${JSON.stringify(r.name)}, ${renderValue(r.props, "")});`;
        })
        .join("\n");
}

function fence(lang: string, code: string): string {
    return "```" + lang + "\n" + code.trimEnd() + "\n```";
}

/** The Markdown page of one control. */
export function renderControlPage(control: AnyControl): string {
    const lines: string[] = [];
    lines.push(`# ${control.id}`, "", `**${control.title}**`, "");
    lines.push(`Severity: **${control.severity}** · Provider: ${control.provider.toUpperCase()} · Tags: ${control.tags.map((t) => `\`${t}\``).join(", ")}`, "");
    lines.push("## Why", "", control.rationale, "");
    lines.push("## Resources checked", "", "| Terraform | Pulumi |", "| --- | --- |");
    for (const t of control.subjects) lines.push(`| \`${t.terraform}\` | \`${t.token}\` |`);
    if (control.related?.length) {
        lines.push("", `Also read, to join resources: ${control.related.map((t) => `\`${t.terraform}\``).join(", ")}.`);
    }
    lines.push("", `Scope: ${control.scope === "stack" ? "cross-resource (a stack policy in the pack; the whole module tree in Terraform)" : "one resource at a time"}.`, "");
    lines.push(...renderCloudFormation(control));
    lines.push("## How to fix", "", `Terraform: ${control.remediation.terraform}`, "", `Pulumi: ${control.remediation.pulumi}`, "");
    if (control.autofix?.length) {
        lines.push(
            `The policy pack can fix this automatically at enforcement level \`remediate\`: it sets ${control.autofix
                .map((f) => `\`${f.path}\` to \`${JSON.stringify(f.value)}\``)
                .join(" and ")}.`,
            "",
        );
    }
    const options = Object.entries(control.options as Record<string, { description: string; default: unknown }>);
    lines.push("## Options", "");
    lines.push("Set them under the control's id in a `--policy-pack-config` file or in `.mlguard.yaml`.", "");
    lines.push("| Option | Default | Meaning |", "| --- | --- | --- |");
    lines.push("| `exemptions` | `[]` | Resources exempted from this control: `{ resource, reason }`, where `resource` matches a URN, Terraform address or name (`*` globs) and `reason` is required. |");
    for (const [key, spec] of options) lines.push(`| \`${key}\` | \`${JSON.stringify(spec.default)}\` | ${spec.description} |`);
    lines.push("");
    const frameworks = Object.entries(control.frameworks).filter(([, ids]) => ids && ids.length > 0);
    if (frameworks.length) {
        lines.push("## Mappings", "");
        for (const [key, ids] of frameworks) lines.push(`- ${FRAMEWORK_NAMES[key] ?? key}: ${(ids as string[]).join(", ")}`);
        lines.push("");
    }
    const aliases = Object.entries(control.aliases).filter(([, ids]) => ids && ids.length > 0);
    if (aliases.length) {
        lines.push("## Peer scanner ids", "", "Suppression comments written for these ids are honoured.", "");
        for (const [tool, ids] of aliases) lines.push(`- ${tool}: ${(ids as string[]).map((i) => `\`${i}\``).join(", ")}`);
        lines.push("");
    }
    lines.push("## Examples", "");
    control.examples.terraform.bad.forEach((e, i) => lines.push(`Terraform, non-compliant${control.examples.terraform.bad.length > 1 ? ` (${i + 1})` : ""}:`, "", fence("hcl", e), ""));
    control.examples.terraform.good.forEach((e, i) => lines.push(`Terraform, compliant${control.examples.terraform.good.length > 1 ? ` (${i + 1})` : ""}:`, "", fence("hcl", e), ""));
    control.examples.pulumi.bad.forEach((e, i) =>
        lines.push(`Pulumi, non-compliant${control.examples.pulumi.bad.length > 1 ? ` (${i + 1})` : ""}:`, "", fence("ts", renderPulumiExample(e)), ""),
    );
    control.examples.pulumi.good.forEach((e, i) =>
        lines.push(`Pulumi, compliant${control.examples.pulumi.good.length > 1 ? ` (${i + 1})` : ""}:`, "", fence("ts", renderPulumiExample(e)), ""),
    );
    lines.push("---", "", "Generated from the control's metadata by `npm run docs`; do not edit by hand.", "");
    return lines.join("\n");
}

/** The CloudFormation / aws-native types behind a neutral type: whole resources, or inline properties split off. */
function cloudFormationSources(token: string): string[] {
    const out: string[] = [];
    for (const t of cfnTypes) {
        const native = t.awsNative ? ` (Pulumi \`${awsNativeToken(t.awsNative)}\`)` : " (no aws-native type)";
        if (t.token === token) out.push(`\`${t.cfn}\`${native}`);
        for (const s of t.split ?? []) if (s.token === token) out.push(`\`${t.cfn}\` property \`${s.property}\`${native}`);
    }
    return out;
}

/** The section on the third front-end: which CloudFormation types and properties the control reads, and their defaults. */
export function renderCloudFormation(control: AnyControl): string[] {
    if (control.provider !== "aws") return [];
    const lines = ["## CloudFormation and Pulumi aws-native", ""];
    if (control.cloudformation) {
        lines.push(`Not checked in CloudFormation templates: ${control.cloudformation.unsupported}`, "");
        return lines;
    }
    lines.push("The same check runs on CloudFormation templates, CDK output and Pulumi `aws-native` resources, read through the CloudFormation tables:", "");
    lines.push("| Read as | From | Properties (CloudFormation → neutral) |", "| --- | --- | --- |");
    const seen = new Set<string>();
    for (const t of [...control.subjects, ...(control.related ?? [])]) {
        for (const m of cfnTypes) {
            const direct = m.token === t.token;
            const splits = (m.split ?? []).filter((s) => s.token === t.token);
            if (!direct && splits.length === 0) continue;
            const key = `${t.token}\u0000${m.cfn}`;
            if (seen.has(key)) continue;
            seen.add(key);
            const specs = direct ? m.props : Object.assign({}, ...splits.map((s) => (s.into ? { [s.property]: s.into } : (s.props ?? {}))));
            const names = Object.entries(specs as Record<string, string | { to?: string }>)
                .filter(([cfn]) => cfn !== "Tags")
                .map(([cfn, spec]) => `\`${direct ? cfn : `${splits[0].property}.${cfn}`}\` → \`${typeof spec === "string" ? spec : (spec.to ?? cfn)}\``);
            lines.push(`| \`${t.token}\` | ${cloudFormationSources(t.token).filter((x) => x.startsWith(`\`${m.cfn}\``)).join(", ")} | ${names.join(", ")} |`);
        }
    }
    const defaults = new Set(cfnTypes.filter((m) => control.subjects.some((t) => m.token === t.token || (m.split ?? []).some((s) => s.token === t.token))).map((m) => `- \`${m.cfn}\`: ${m.defaults}`));
    if (defaults.size > 0) lines.push("", "Defaults when absent, from the CloudFormation documentation:", "", ...defaults);
    lines.push("");
    return lines;
}

/** The index page listing every control. */
export function renderIndex(controls: readonly AnyControl[]): string {
    const lines = [
        "# mlguard controls",
        "",
        `${controls.length} controls. Critical and high controls are mandatory in the policy pack by default; medium and low are advisory.`,
        "",
        "| Control | Severity | Provider | Title |",
        "| --- | --- | --- | --- |",
    ];
    for (const c of controls) lines.push(`| [${c.id}](${c.id}.md) | ${c.severity} | ${c.provider} | ${c.title} |`);
    lines.push("", "Generated from catalog metadata by `npm run docs`; do not edit by hand.", "");
    return lines.join("\n");
}

/** Every generated file: path relative to the repository root → content. */
export function generateDocs(controls: readonly AnyControl[] = allControls): Map<string, string> {
    const files = new Map<string, string>();
    files.set("docs/controls/README.md", renderIndex(controls));
    for (const c of controls) files.set(`docs/controls/${c.id}.md`, renderControlPage(c));
    return files;
}
