import { type Subject, defineControl } from "../control";
import { type Attr, listItems, prop, within } from "../helpers/props";
import { fail, pass, unknown } from "../helpers/results";
import type { CheckResult } from "../model";
import { types } from "../resource-types";
import type * as ecr from "@pulumi/aws/ecr";

/** Exclusion filters that make every tag mutable again (a bare wildcard). */
function opensEverything(repo: Subject<ecr.RepositoryArgs>, filters: Attr): Attr | undefined {
    for (const f of listItems(repo, filters)) {
        const filter = within(repo, f, "filter");
        if (typeof filter.value === "string" && /^\*+$/.test(filter.value.trim())) return filter;
    }
    return undefined;
}

function checkMutability(repo: Subject<ecr.RepositoryArgs>): CheckResult {
    const mutability = prop(repo, "imageTagMutability");
    if (mutability.state === "unknown") return unknown(mutability, "The tag mutability (imageTagMutability) is computed; it must be IMMUTABLE.");
    if (mutability.state === "absent") {
        return fail(mutability, 'Tag mutability (imageTagMutability) is not set, so the default "MUTABLE" applies: a pushed tag can be moved to another image; set it to "IMMUTABLE".', "MUTABLE");
    }
    if (mutability.value === "IMMUTABLE") return pass(mutability, "Image tags are immutable.");
    if (mutability.value === "IMMUTABLE_WITH_EXCLUSION") {
        const filters = prop(repo, "imageTagMutabilityExclusionFilters");
        if (filters.state === "unknown") return unknown(filters, "The tag-mutability exclusion filters are computed.");
        const wildcard = opensEverything(repo, filters);
        if (wildcard) return fail(wildcard, "An exclusion filter matches every tag, so IMMUTABLE_WITH_EXCLUSION leaves all tags mutable.");
        return pass(mutability, "Image tags are immutable except those the exclusion filters name (keep release tags out of them).");
    }
    return fail(mutability, 'Tag mutability (imageTagMutability) is not "IMMUTABLE": a pushed tag can be moved to another image; set it to "IMMUTABLE".');
}

export default defineControl<ecr.RepositoryArgs>({
    id: "aws-ecr-immutable-tags",
    title: "ECR repositories for model and inference images must have immutable tags",
    severity: "medium",
    provider: "aws",
    rationale:
        "With mutable tags anyone who can push can move `churn:v3` to a different image, and the next model deployment " +
        "or training job silently runs it. Repositories are MUTABLE unless set otherwise. `IMMUTABLE` passes; " +
        "`IMMUTABLE_WITH_EXCLUSION` passes unless an exclusion filter matches every tag (keep release tags out of the filters).",
    remediation: {
        terraform: 'Set `image_tag_mutability = "IMMUTABLE"` on the `aws_ecr_repository`.',
        pulumi: 'Set `imageTagMutability: "IMMUTABLE"` on the `aws.ecr.Repository`.',
    },
    frameworks: {
        "aws-fsbp": ["ECR.2"],
        "aws-config": ["ecr-private-tag-immutability-enabled"],
        prowler: ["ecr_repositories_tag_immutability"],
        "nist-800-53": ["CM-2", "CM-8(1)", "SI-7"],
        "owasp-ml": ["ML06", "ML10"],
    },
    tags: ["ecr", "supply-chain", "immutability"],
    aliases: { checkov: ["CKV_AWS_51"], tfsec: ["aws-ecr-enforce-immutable-repository"], trivy: ["AVD-AWS-0031"] },
    subjects: [types.ecrRepository],
    scope: "resource",
    options: {},
    autofix: [{ path: "imageTagMutability", value: "IMMUTABLE" }],
    check(repo) {
        return [checkMutability(repo)];
    },
    examples: {
        pulumi: {
            good: [[{ type: types.ecrRepository, name: "inference", props: { imageTagMutability: "IMMUTABLE" } }]],
            bad: [
                [{ type: types.ecrRepository, name: "inference", props: {} }],
                [{ type: types.ecrRepository, name: "inference", props: { imageTagMutability: "MUTABLE" } }],
            ],
        },
        terraform: {
            good: [
                `resource "aws_ecr_repository" "inference" {
  name                 = "churn-inference"
  image_tag_mutability = "IMMUTABLE"
}
`,
            ],
            bad: [
                `resource "aws_ecr_repository" "inference" {
  name = "churn-inference"
}
`,
                `resource "aws_ecr_repository" "inference" {
  name                 = "churn-inference"
  image_tag_mutability = "MUTABLE"
}
`,
            ],
        },
    },
});
