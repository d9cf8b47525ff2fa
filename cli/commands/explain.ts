import { type AnyControl, docsUrl } from "../../catalog/control";
import { findControl } from "../../catalog/registry";
import { suggestId } from "../suggest";
import { UsageError } from "../errors";

function indent(text: string, by = "  "): string {
    return text
        .trimEnd()
        .split("\n")
        .map((l) => (l ? by + l : l))
        .join("\n");
}

/** `mlguard explain <id>`: everything a reviewer needs about one control. */
export function formatExplain(c: AnyControl): string {
    const out: string[] = [`${c.id} (${c.severity}, ${c.provider})`, c.title, "", "Why", indent(c.rationale), "", "Fix (Terraform)", indent(c.remediation.terraform), "", "Fix (Pulumi)", indent(c.remediation.pulumi)];
    const options = Object.entries(c.options as Record<string, { description: string; default: unknown }>);
    if (options.length > 0) {
        out.push("", "Options (config: rules.<id>.options)");
        for (const [k, o] of options) out.push(`  ${k}: ${o.description} (default: ${JSON.stringify(o.default)})`);
    }
    const frameworks = Object.entries(c.frameworks as Record<string, string[] | undefined>).filter(([, ids]) => ids && ids.length > 0);
    if (frameworks.length > 0) {
        out.push("", "Frameworks");
        for (const [k, ids] of frameworks) out.push(`  ${k}: ${ids!.join(", ")}`);
    }
    const peers = Object.entries(c.aliases as Record<string, string[] | undefined>).filter(([, ids]) => ids && ids.length > 0);
    if (peers.length > 0) {
        out.push("", "Peer ids (their suppression comments are honoured)");
        for (const [k, ids] of peers) out.push(`  ${k}: ${ids!.join(", ")}`);
    }
    const bad = c.examples.terraform.bad[0];
    const good = c.examples.terraform.good[0];
    if (bad) out.push("", "Fails", indent(bad));
    if (good) out.push("", "Passes", indent(good));
    out.push("", `Suppress one finding: # mlguard:ignore ${c.id} reason="…" [expires=YYYY-MM-DD]`, `Docs: ${docsUrl(c.id)}`);
    return out.join("\n") + "\n";
}

/** Finds the control by id or peer alias, or throws a `UsageError` with a suggestion. */
export function explainControl(idOrAlias: string, controls: readonly AnyControl[]): string {
    const c = findControl(idOrAlias, controls);
    if (!c) {
        const hint = suggestId(idOrAlias, controls);
        throw new UsageError(`explain: unknown control "${idOrAlias}"${hint ? ` (did you mean "${hint}"?)` : ""}; \`mlguard rules\` lists them`);
    }
    return formatExplain(c);
}
