import { defineControl } from "../control";
import type { ResourceGraph } from "../graph";
import { type Attr, anyProp, props } from "../helpers/props";
import { fail, notApplicable, pass, unknown } from "../helpers/results";
import { displayName } from "../helpers/s3";
import type { CheckResult, Resource } from "../model";
import { type ResourceType, types } from "../resource-types";
import { ref } from "../examples";

/**
 * Where ML resources name a KMS key, one line per attribute (Pulumi vocabulary; lists are walked).
 * A new ML resource type is one more line.
 */
export const ML_KEY_REFERENCES: ReadonlyArray<{ type: ResourceType; path: string }> = [
    { type: types.sagemakerNotebookInstance, path: "kmsKeyId" },
    { type: types.sagemakerDomain, path: "kmsKeyId" },
    { type: types.sagemakerEndpointConfiguration, path: "kmsKeyArn" },
    { type: types.sagemakerEndpointConfiguration, path: "dataCaptureConfig.kmsKeyId" },
    { type: types.sagemakerEndpointConfiguration, path: "asyncInferenceConfig.outputConfig.kmsKeyId" },
    { type: types.sagemakerFeatureGroup, path: "offlineStoreConfig.s3StorageConfig.kmsKeyId" },
    { type: types.sagemakerFeatureGroup, path: "onlineStoreConfig.securityConfig.kmsKeyId" },
    { type: types.sagemakerTrainingJob, path: "outputDataConfig.kmsKeyId" },
    { type: types.sagemakerTrainingJob, path: "resourceConfig.volumeKmsKeyId" },
    { type: types.s3SseConfiguration, path: "rules.applyServerSideEncryptionByDefault.kmsMasterKeyId" },
    { type: types.s3SseConfigurationV2, path: "rules.applyServerSideEncryptionByDefault.kmsMasterKeyId" },
    { type: types.s3Bucket, path: "serverSideEncryptionConfiguration.rule.applyServerSideEncryptionByDefault.kmsMasterKeyId" },
    { type: types.ecrRepository, path: "encryptionConfigurations.kmsKey" },
];

const SUBJECTS: ResourceType[] = [...new Set(ML_KEY_REFERENCES.map((e) => e.type))];
const KEY_TYPES = [types.kmsKey, types.kmsAlias];
const AWS_MANAGED = /(^|:)alias\/aws\//i;

/** The stack's aliases by name, for `alias/...` literals. */
function aliasNamed(graph: ResourceGraph, name: string): Resource | undefined {
    for (const alias of graph.ofType(types.kmsAlias)) if (anyProp(alias, "name").value === name) return alias;
    return undefined;
}

function judgeKey(subject: Resource, attr: Attr, graph: ResourceGraph, refs: Resource[]): CheckResult {
    const where = `${attr.path}`;
    if (typeof attr.value === "string" && AWS_MANAGED.test(attr.value)) {
        return fail(attr, `${where} names an AWS-managed key (alias/aws/...): its policy cannot be restricted; use a customer-managed key.`);
    }
    const key = refs.find((r) => r.type === types.kmsKey.token);
    if (key) return pass(attr, `${where} refers to the customer-managed key ${displayName(key)}.`);
    const alias = refs.find((r) => r.type === types.kmsAlias.token);
    if (alias) {
        const aliasName = anyProp(alias, "name");
        if (typeof aliasName.value === "string" && AWS_MANAGED.test(aliasName.value)) return fail(attr, `${where} refers to an alias in the AWS-managed alias/aws/ namespace.`);
        return pass(attr, `${where} refers to the alias ${displayName(alias)} of a customer-managed key.`);
    }
    if (attr.state === "unknown") return unknown(attr, `${where} is computed and refers to no key of the stack, so whether it is customer-managed cannot be checked.`);
    if (typeof attr.value !== "string" || attr.value.trim() === "") return fail(attr, `${where} is not a key id, key ARN or alias.`);
    const value = attr.value.trim();
    const aliasMatch = /(?:^|:)(alias\/.+)$/.exec(value);
    if (aliasMatch) {
        const declared = aliasNamed(graph, aliasMatch[1]);
        if (!declared) return unknown(attr, `${where} names an alias that is not declared here, so the key behind it cannot be checked.`);
        const target = graph.targets(declared, "targetKeyId", [types.kmsKey]);
        return target.length > 0
            ? pass(attr, `${where} names the alias ${displayName(declared)} of the customer-managed key ${displayName(target[0])}.`)
            : unknown(attr, `${where} names the alias ${displayName(declared)}, whose target key is not declared here.`);
    }
    return pass(attr, `${where} names a key by id or ARN (not an AWS-managed alias).`);
}

export default defineControl<unknown>({
    id: "aws-ml-customer-managed-keys",
    title: "ML resources must reference customer-managed KMS keys, not AWS-managed ones",
    severity: "medium",
    provider: "aws",
    rationale:
        "An AWS-managed key (`alias/aws/s3`, `alias/aws/sagemaker`, `alias/aws/ecr`, …) has a policy nobody can change: " +
        "every principal of the account that can use the service can decrypt with it, and it cannot be disabled or its use " +
        "audited per dataset. Every KMS reference of SageMaker, S3 encryption and ECR resources must resolve to an " +
        "`aws_kms_key` or `aws_kms_alias` of the stack or module tree, or to a literal key id or ARN; `alias/aws/...` fails, " +
        "and an `alias/...` that is not declared here cannot be verified.",
    remediation: {
        terraform: "Create an `aws_kms_key` (with an `aws_kms_alias` if you like) and reference it (`aws_kms_key.ml.arn`) instead of `alias/aws/...`.",
        pulumi: "Create an `aws.kms.Key` (or use `MlKmsKey`) and pass `key.arn` instead of `alias/aws/...`.",
    },
    frameworks: {
        "aws-fsbp": ["S3.17"],
        prowler: ["kms_cmk_are_used"],
        "nist-800-53": ["SC-12", "SC-28"],
        "owasp-ml": ["ML05"],
    },
    tags: ["kms", "encryption", "sagemaker", "s3", "ecr"],
    aliases: {},
    subjects: SUBJECTS,
    related: KEY_TYPES,
    scope: "stack",
    options: {},
    check(subject, { graph }) {
        const results: CheckResult[] = [];
        for (const e of ML_KEY_REFERENCES) {
            if (e.type.token !== subject.type) continue;
            for (const attr of props(subject, e.path as never)) {
                if (attr.state === "absent") continue;
                // Pulumi records references per top-level property, Terraform per attribute with block
                // indexes (`rules.0.…`): join on the top-level property, which holds one key reference.
                results.push(judgeKey(subject, attr, graph, graph.targets(subject, e.path.split(".")[0], KEY_TYPES)));
            }
        }
        return results.length > 0 ? results : [notApplicable(subject, "The resource references no KMS key.")];
    },
    examples: {
        pulumi: {
            good: [
                [
                    { type: types.kmsKey, name: "ml", props: { enableKeyRotation: true } },
                    { type: types.ecrRepository, name: "inference", props: { encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: ref("ml", "arn") }] } },
                ],
            ],
            bad: [
                [
                    { type: types.s3Bucket, name: "training-data", props: {} },
                    {
                        type: types.s3SseConfiguration,
                        name: "training-data-sse",
                        props: { bucket: ref("training-data"), rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: "alias/aws/s3" } }] },
                    },
                ],
            ],
        },
        terraform: {
            good: [
                `resource "aws_kms_key" "ml" {
  enable_key_rotation = true
}

resource "aws_ecr_repository" "inference" {
  name = "churn-inference"

  encryption_configuration {
    encryption_type = "KMS"
    kms_key         = aws_kms_key.ml.arn
  }
}
`,
            ],
            bad: [
                `resource "aws_s3_bucket" "training_data" {
  bucket = "ml-training-data"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "training_data" {
  bucket = aws_s3_bucket.training_data.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = "alias/aws/s3"
    }
  }
}
`,
            ],
        },
    },
});
