import { defineControl } from "../control";
import { stringList } from "../helpers/coerce";
import { checkPolicyDocuments, elementAttr } from "../helpers/iam";
import { fail, unknown } from "../helpers/results";
import { ACTION_DATASET, expandActionPattern, isKnownService, serviceActions } from "../iam/action-catalog";
import { PERMISSION_POLICY_HOLDERS } from "../iam/holders";
import { types } from "../resource-types";

interface Options {
    allowedServices: string[];
}

/** `s3:*`, `SageMaker:*`: every action of one service. `*` alone is aws-iam-no-admin-wildcard's concern. */
function serviceOf(action: string): string | undefined {
    const m = /^([a-z0-9-]+):\*+$/i.exec(action.trim());
    return m ? m[1].toLowerCase() : undefined;
}

/**
 * The services whose every catalogue action a statement's wildcard patterns grant together: `s3:*`
 * as written, and through expansion `s*:*` (every service starting with s) or `kms:*e*` with
 * `kms:*` spelt out differently. Only patterns with a wildcard count: listing each action is
 * explicit and grants no action AWS adds later. `*` / `*:*` alone is aws-iam-no-admin-wildcard's
 * concern. Services not in the catalogue are judged as written and named in `unknown`.
 */
function wildcardServices(patterns: string[]): { services: string[]; unknown: string[] } {
    // Documents repeat the same action lists (10^5 statements in the robustness tests): judged once.
    const key = patterns.join("\u0000");
    let found = wildcardMemo.get(key);
    if (found === undefined) {
        found = computeWildcardServices(patterns);
        if (wildcardMemo.size >= 1024) wildcardMemo.clear();
        wildcardMemo.set(key, found);
    }
    return found;
}

const wildcardMemo = new Map<string, { services: string[]; unknown: string[] }>();

function computeWildcardServices(patterns: string[]): { services: string[]; unknown: string[] } {
    const services = new Set<string>();
    const unknownServices = new Set<string>();
    const covered = new Map<string, Set<string>>();
    for (const raw of patterns) {
        const p = raw.trim();
        if (!/[*?]/.test(p) || /^\*+(:\*+)?$/.test(p)) continue;
        const literal = serviceOf(p);
        if (literal) {
            services.add(literal);
            if (!isKnownService(literal)) unknownServices.add(literal);
            continue;
        }
        for (const a of expandActionPattern(p).actions) {
            const service = a.slice(0, a.indexOf(":"));
            let set = covered.get(service);
            if (!set) covered.set(service, (set = new Set()));
            set.add(a);
        }
    }
    for (const [service, set] of covered) if (set.size === serviceActions(service)?.length) services.add(service);
    return { services: [...services], unknown: [...unknownServices] };
}

export default defineControl<unknown, Options>({
    id: "aws-iam-no-service-wildcard",
    title: "IAM policies must not allow every action of a service (service:*)",
    severity: "medium",
    provider: "aws",
    rationale:
        "`s3:*`, `sagemaker:*` or `kms:*` grant every action of the service, including deleting buckets, disabling keys " +
        "and rewriting resource policies, plus every action AWS adds later. Wildcards are expanded against the AWS action " +
        "catalogue, so `s*:*` or patterns that together cover a whole service count too. An ML role needs a handful of actions; list them.",
    remediation: {
        terraform: "Replace `service:*` in `actions` / `Action` with the specific actions the workload uses, or add the service to `allowedServices` with a documented reason.",
        pulumi: "Replace `service:*` in `Action` with the specific actions the workload uses, or add the service to `allowedServices` with a documented reason.",
    },
    frameworks: {
        "aws-fsbp": ["IAM.21"],
        "aws-config": ["iam-policy-no-statements-with-full-access"],
        prowler: ["iam_policy_no_full_access_to_kms", "iam_policy_no_full_access_to_cloudtrail"],
        "nist-800-53": ["AC-6"],
    },
    tags: ["iam", "least-privilege"],
    aliases: {},
    subjects: PERMISSION_POLICY_HOLDERS,
    scope: "resource",
    options: {
        allowedServices: {
            description: 'Services whose full wildcard is accepted (documented exceptions), e.g. ["logs"]; compared without regard to case.',
            schema: { type: "array", items: { type: "string", minLength: 1 } },
            default: [],
        },
    },
    check(resource, { options }) {
        const allowed = stringList(options.allowedServices).map((s) => s.toLowerCase());
        return checkPolicyDocuments(
            resource,
            "whether it allows service:* wildcards",
            (s, label, attr) => {
                const found = wildcardServices(s.action?.values ?? []);
                const services = found.services.filter((x) => !allowed.includes(x));
                if (services.length > 0 && s.effect === "Allow") {
                    const shown = services.slice(0, 8).map((x) => `${x}:*`).join(", ") + (services.length > 8 ? ` and ${services.length - 8} more services` : "");
                    const unknownNote = found.unknown.length > 0 ? ` (${found.unknown.join(", ")} not in the AWS action catalogue ${ACTION_DATASET}; judged as written)` : "";
                    return fail(elementAttr(attr, s, "Action"), `${label} allows every action of ${shown}${unknownNote}; list the actions needed.`);
                }
                if (s.unknown && services.length > 0) return unknown(elementAttr(attr, s, "Action"), `${label} has a computed Effect and allows ${services[0]}:*.`);
                if (s.effect !== "Deny" && s.action?.hasUnknown) return unknown(elementAttr(attr, s, "Action"), `${label} has computed actions; they may include a service wildcard.`);
                return undefined;
            },
            (attr) => `No statement of ${attr.path} allows a service:* wildcard.`,
        );
    },
    examples: {
        pulumi: {
            good: [
                [
                    {
                        type: types.iamRolePolicy,
                        name: "read-training-data",
                        props: {
                            role: "sagemaker-exec",
                            policy: JSON.stringify({
                                Version: "2012-10-17",
                                Statement: [{ Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket"], Resource: ["arn:aws:s3:::ml-training-data", "arn:aws:s3:::ml-training-data/*"] }],
                            }),
                        },
                    },
                ],
            ],
            bad: [
                [
                    {
                        type: types.iamRolePolicy,
                        name: "all-of-s3",
                        props: {
                            role: "sagemaker-exec",
                            policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "S3", Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::ml-training-data/*" }] }),
                        },
                    },
                ],
            ],
        },
        terraform: {
            good: [
                `resource "aws_iam_role_policy" "read_training_data" {
  role = "sagemaker-exec"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:GetObject", "s3:ListBucket"]
      Resource = ["arn:aws:s3:::ml-training-data", "arn:aws:s3:::ml-training-data/*"]
    }]
  })
}
`,
            ],
            bad: [
                `resource "aws_iam_role_policy" "all_of_s3" {
  role = "sagemaker-exec"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "S3"
      Effect   = "Allow"
      Action   = "s3:*"
      Resource = "arn:aws:s3:::ml-training-data/*"
    }]
  })
}
`,
            ],
        },
    },
});
