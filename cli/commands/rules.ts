import { type AnyControl, docsUrl } from "../../catalog/control";
import { severityIndex } from "../result";

/** The metadata `mlguard rules --format json` prints for one control. */
export function ruleMetadata(c: AnyControl) {
    return {
        id: c.id,
        title: c.title,
        severity: c.severity,
        provider: c.provider,
        tags: c.tags,
        resourceTypes: c.subjects.map((s: { terraform: string }) => s.terraform),
        aliases: c.aliases,
        frameworks: c.frameworks,
        options: Object.fromEntries(
            Object.entries(c.options as Record<string, { description: string; default: unknown }>).map(([k, o]) => [k, { description: o.description, default: o.default }]),
        ),
        docsUrl: docsUrl(c.id),
    };
}

function sorted(controls: readonly AnyControl[]): AnyControl[] {
    return [...controls].sort((a, b) => severityIndex(a.severity) - severityIndex(b.severity) || (a.id < b.id ? -1 : 1));
}

/** `mlguard rules --format json`: every control's metadata, most severe first. */
export function formatRulesJson(controls: readonly AnyControl[]): string {
    return JSON.stringify(sorted(controls).map(ruleMetadata), null, 2) + "\n";
}

/** `mlguard rules`: one line per control, most severe first. */
export function formatRulesText(controls: readonly AnyControl[]): string {
    const list = sorted(controls);
    const idWidth = Math.max(...list.map((c) => c.id.length));
    const lines = list.map((c) => `${c.severity.padEnd(8)}  ${c.id.padEnd(idWidth)}  ${c.title}`);
    return `${lines.join("\n")}\n\n${list.length} controls. \`mlguard explain <id>\` shows one in full.\n`;
}
