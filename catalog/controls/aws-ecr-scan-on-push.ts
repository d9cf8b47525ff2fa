import { defineControl } from "../control";
import type { ResourceGraph } from "../graph";
import { asBoolean } from "../helpers/coerce";
import { type Attr, anyProp, listItems, prop, within } from "../helpers/props";
import { fail, pass, unknown } from "../helpers/results";
import type { CheckResult, Resource } from "../model";
import { types } from "../resource-types";
import { ref } from "../examples";
import type * as ecr from "@pulumi/aws/ecr";

/** Registry scan frequencies that scan an image when it is pushed, per scan type. */
const ON_PUSH: Record<string, string[]> = { ENHANCED: ["SCAN_ON_PUSH", "CONTINUOUS_SCAN"], BASIC: ["SCAN_ON_PUSH"] };

/** An ECR wildcard filter (`*` any run of characters) as a regular expression. */
function wildcard(filter: string): RegExp {
    return new RegExp(`^${filter.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`);
}

/**
 * Whether a registry scanning configuration scans this repository on push: `yes` with the rule,
 * `no`, or `unknown` when the configuration or the repository name is computed.
 */
function registryCovers(config: Resource, repo: Resource, repoName: Attr, graph: ResourceGraph): { verdict: "yes" | "no" | "unknown"; at: Attr } {
    // A filter taken from this repository's own name (`aws_ecr_repository.x.name`) matches it.
    const namesRepo = graph.targets(config, "rules", [repo.type]).includes(repo);
    const scanType = anyProp(config, "scanType");
    if (scanType.state === "unknown") return { verdict: "unknown", at: scanType };
    const frequencies = ON_PUSH[String(scanType.value)] ?? [];
    const rules = anyProp(config, "rules");
    if (rules.state === "unknown") return { verdict: "unknown", at: rules };
    let undecided: Attr | undefined;
    for (const rule of listItems(config, rules)) {
        const frequency = within(config, rule, "scanFrequency");
        if (frequency.state === "unknown") undecided ??= frequency;
        if (typeof frequency.value !== "string" || !frequencies.includes(frequency.value)) continue;
        const filters = within(config, rule, "repositoryFilters");
        if (filters.state === "unknown") {
            undecided ??= filters;
            continue;
        }
        for (const f of listItems(config, filters)) {
            const filter = within(config, f, "filter");
            if (filter.state === "unknown" && namesRepo) return { verdict: "yes", at: filter };
            if (filter.state === "unknown") undecided ??= filter;
            if (typeof filter.value !== "string") continue;
            if (/^\*+$/.test(filter.value)) return { verdict: "yes", at: filter };
            if (repoName.state === "unknown" || typeof repoName.value !== "string") undecided ??= repoName.state === "unknown" ? repoName : filter;
            else if (wildcard(filter.value).test(repoName.value)) return { verdict: "yes", at: filter };
        }
    }
    return undecided ? { verdict: "unknown", at: undecided } : { verdict: "no", at: scanType };
}

function checkScanning(repo: Resource, graph: ResourceGraph): CheckResult {
    const onPush = anyProp(repo, "imageScanningConfiguration.scanOnPush");
    if (onPush.state === "explicit" && asBoolean(onPush) === true) return pass(onPush, "Images are scanned on push.");
    const name = anyProp(repo, "name");
    let undecided: Attr | undefined;
    for (const config of graph.ofType(types.ecrRegistryScanningConfiguration)) {
        const covered = registryCovers(config, repo, name, graph);
        if (covered.verdict === "yes") return pass(covered.at, `Images are scanned on push by the registry scanning configuration ${config.name}.`);
        if (covered.verdict === "unknown") undecided ??= covered.at;
    }
    if (onPush.state === "unknown") return unknown(onPush, "scanOnPush is computed.");
    if (undecided) return unknown(undecided, "Whether the registry scanning configuration covers this repository is computed.");
    if (onPush.state === "explicit") {
        return fail(onPush, "scanOnPush is not true and no registry scanning rule scans this repository on push; set imageScanningConfiguration.scanOnPush to true.");
    }
    return fail(repo, "Images are not scanned on push: imageScanningConfiguration.scanOnPush is not set (default: manual scans only) and no registry scanning rule covers the repository.", false);
}

export default defineControl<ecr.RepositoryArgs>({
    id: "aws-ecr-scan-on-push",
    title: "ECR repositories for model and inference images must scan images on push",
    severity: "high",
    provider: "aws",
    rationale:
        "Inference and training images carry the model server, its Python packages and their CVEs. By default ECR " +
        "scans only when asked, so a vulnerable image ships unseen. The repository passes with " +
        "`image_scanning_configuration.scan_on_push = true`, or when an `aws_ecr_registry_scanning_configuration` of " +
        "the stack or module tree has a scan-on-push (or, with ENHANCED scanning, continuous) rule whose filter matches it.",
    remediation: {
        terraform: "Add `image_scanning_configuration { scan_on_push = true }` to the `aws_ecr_repository` (or a registry scanning configuration with a `SCAN_ON_PUSH` rule matching it).",
        pulumi: "Set `imageScanningConfiguration: { scanOnPush: true }` on the `aws.ecr.Repository` (or add an `aws.ecr.RegistryScanningConfiguration` with a `SCAN_ON_PUSH` rule matching it).",
    },
    frameworks: {
        "aws-fsbp": ["ECR.1"],
        "aws-config": ["ecr-private-image-scanning-enabled"],
        prowler: ["ecr_repositories_scan_images_on_push_enabled", "ecr_registry_scan_images_on_push_enabled"],
        "nist-800-53": ["RA-5", "SI-3"],
        "owasp-ml": ["ML06"],
    },
    tags: ["ecr", "supply-chain", "vulnerabilities"],
    aliases: { checkov: ["CKV_AWS_163"], tfsec: ["aws-ecr-enable-image-scans"], trivy: ["AVD-AWS-0030"] },
    subjects: [types.ecrRepository],
    related: [types.ecrRegistryScanningConfiguration],
    scope: "stack",
    options: {},
    autofix: [{ path: "imageScanningConfiguration", value: { scanOnPush: true } }],
    check(repo, { graph }) {
        return [checkScanning(repo, graph)];
    },
    examples: {
        pulumi: {
            good: [
                [{ type: types.ecrRepository, name: "inference", props: { imageScanningConfiguration: { scanOnPush: true } } }],
                [
                    { type: types.ecrRegistryScanningConfiguration, name: "registry", props: { scanType: "ENHANCED", rules: [{ scanFrequency: "CONTINUOUS_SCAN", repositoryFilters: [{ filter: "*", filterType: "WILDCARD" }] }] } },
                    { type: types.ecrRepository, name: "inference", props: {} },
                ],
                [
                    { type: types.ecrRepository, name: "inference", props: { name: "churn-inference" } },
                    {
                        type: types.ecrRegistryScanningConfiguration,
                        name: "registry",
                        props: { scanType: "ENHANCED", rules: [{ scanFrequency: "SCAN_ON_PUSH", repositoryFilters: [{ filter: ref("inference", "name"), filterType: "WILDCARD" }] }] },
                    },
                ],
            ],
            bad: [
                [{ type: types.ecrRepository, name: "inference", props: {} }],
                [
                    { type: types.ecrRegistryScanningConfiguration, name: "registry", props: { scanType: "ENHANCED", rules: [{ scanFrequency: "SCAN_ON_PUSH", repositoryFilters: [{ filter: "web-*", filterType: "WILDCARD" }] }] } },
                    { type: types.ecrRepository, name: "inference", props: { name: "churn-inference", imageScanningConfiguration: { scanOnPush: false } } },
                ],
            ],
        },
        terraform: {
            good: [
                `resource "aws_ecr_repository" "inference" {
  name = "churn-inference"

  image_scanning_configuration {
    scan_on_push = true
  }
}
`,
                `resource "aws_ecr_registry_scanning_configuration" "registry" {
  scan_type = "ENHANCED"

  rule {
    scan_frequency = "CONTINUOUS_SCAN"
    repository_filter {
      filter      = "*"
      filter_type = "WILDCARD"
    }
  }
}

resource "aws_ecr_repository" "inference" {
  name = "churn-inference"
}
`,
            ],
            bad: [
                `resource "aws_ecr_repository" "inference" {
  name = "churn-inference"
}
`,
                `resource "aws_ecr_registry_scanning_configuration" "registry" {
  scan_type = "ENHANCED"

  rule {
    scan_frequency = "SCAN_ON_PUSH"
    repository_filter {
      filter      = "web-*"
      filter_type = "WILDCARD"
    }
  }
}

resource "aws_ecr_repository" "inference" {
  name = "churn-inference"

  image_scanning_configuration {
    scan_on_push = false
  }
}
`,
            ],
        },
    },
});
