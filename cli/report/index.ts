import { formatGithub } from "./github";
import { formatJson } from "./json";
import { formatJunit } from "./junit";
import { formatMarkdown } from "./markdown";
import { formatPretty } from "./pretty";
import { formatSarif } from "./sarif";
import type { Reporter } from "./shared";

export { formatGithub, formatJson, formatJunit, formatMarkdown, formatPretty, formatSarif };
export type { ReportOptions, Reporter } from "./shared";

/** The output formats `--format` accepts. */
export const FORMAT_NAMES = ["pretty", "json", "sarif", "junit", "github", "markdown"] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

/** Reporter per format name. */
export const reporters: Record<FormatName, Reporter> = {
    pretty: formatPretty,
    json: formatJson,
    sarif: formatSarif,
    junit: formatJunit,
    github: formatGithub,
    markdown: formatMarkdown,
};
