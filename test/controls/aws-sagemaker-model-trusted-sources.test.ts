import control from "../../catalog/controls/aws-sagemaker-model-trusted-sources";
import { types } from "../../catalog/resource-types";
import { type TableResource, UNKNOWN, edgeCases } from "../support/controls";
import { terraformCases } from "../support/terraform-cases";

const DIGEST = `sha256:${"cd34".repeat(16)}`;
const ECR = "111122223333.dkr.ecr.eu-west-1.amazonaws.com";
const model = (primaryContainer: unknown, deps?: Record<string, string[]>, extra: Record<string, unknown> = {}): TableResource => ({
    type: types.sagemakerModel,
    name: "m",
    props: { executionRoleArn: "arn:aws:iam::1:role/r", primaryContainer, ...extra },
    deps,
});
const lockedBucket: TableResource[] = [
    { type: types.s3Bucket, name: "models", props: { bucket: "acme-models", objectLockEnabled: true } },
    {
        type: types.s3SseConfiguration,
        name: "models-sse",
        props: { bucket: "acme-models", rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: "arn:aws:kms:eu-west-1:111122223333:key/abc" } }] },
    },
];
const repo = (mutability?: string): TableResource => ({ type: types.ecrRepository, name: "churn-repo", props: { name: "churn", imageTagMutability: mutability } });

edgeCases(control, [
    { name: "a digest-pinned ECR image without model data passes", resources: [model({ image: `${ECR}/churn@${DIGEST}` })], expect: ["pass"] },
    { name: "a Docker Hub image fails", resources: [model({ image: "docker.io/acme/churn:latest" })], expect: ["fail"], message: /ECR/ },
    { name: "a public ECR gallery image fails", resources: [model({ image: "public.ecr.aws/acme/churn:1" })], expect: ["fail"] },
    { name: "an ECR tag without a repository in the stack fails", resources: [model({ image: `${ECR}/churn:1` })], expect: ["fail"], message: /digest/ },
    { name: "an ECR tag of an IMMUTABLE repository in the stack passes", resources: [repo("IMMUTABLE"), model({ image: `${ECR}/churn:1` })], expect: ["pass"] },
    { name: "an ECR tag of a MUTABLE repository fails", resources: [repo("MUTABLE"), model({ image: `${ECR}/churn:1` })], expect: ["fail"] },
    { name: "an ECR tag of a repository with the default mutability fails", resources: [repo(), model({ image: `${ECR}/churn:1` })], expect: ["fail"] },
    { name: "an image from a registry account outside the allow-list fails", resources: [model({ image: `${ECR}/churn@${DIGEST}` })], settings: { allowedRegistryAccounts: ["444455556666"] }, expect: ["fail"], message: /allow-listed/ },
    { name: "a computed image from an IMMUTABLE repository of the stack passes", resources: [repo("IMMUTABLE"), model({ image: UNKNOWN }, { primaryContainer: ["churn-repo"] })], expect: ["pass"] },
    { name: "a computed image from nowhere is not verifiable", resources: [model({ image: UNKNOWN })], expect: ["unknown"] },
    { name: "Vpc repository access mode fails", resources: [model({ image: `${ECR}/churn@${DIGEST}`, imageConfig: { repositoryAccessMode: "Vpc" } })], expect: ["fail"], message: /Vpc/ },
    { name: "Platform access mode passes", resources: [model({ image: `${ECR}/churn@${DIGEST}`, imageConfig: { repositoryAccessMode: "Platform" } })], expect: ["pass"] },
    {
        name: "model data in a locked, encrypted bucket joined by name passes",
        resources: [...lockedBucket, model({ image: `${ECR}/churn@${DIGEST}`, modelDataUrl: "s3://acme-models/churn/model.tar.gz" })],
        expect: ["pass"],
    },
    {
        name: "model data in a bucket without Object Lock fails",
        resources: [{ type: types.s3Bucket, name: "scratch", props: { bucket: "acme-scratch" } }, model({ image: `${ECR}/churn@${DIGEST}`, modelDataUrl: "s3://acme-scratch/m.tar.gz" })],
        expect: ["fail"],
        message: /aws-s3-object-lock-enabled/,
    },
    {
        name: "model data outside the stack is not verifiable",
        resources: [model({ image: `${ECR}/churn@${DIGEST}`, modelDataUrl: "s3://elsewhere/m.tar.gz" })],
        expect: ["unknown"],
        message: /trustedBuckets/,
    },
    {
        name: "model data in a trusted bucket passes",
        resources: [model({ image: `${ECR}/churn@${DIGEST}`, modelDataUrl: "s3://elsewhere/m.tar.gz" })],
        settings: { trustedBuckets: ["elsewhere"] },
        expect: ["pass"],
    },
    {
        name: "computed model data from a locked bucket of the stack passes",
        resources: [...lockedBucket, model({ image: `${ECR}/churn@${DIGEST}`, modelDataUrl: UNKNOWN }, { primaryContainer: ["models"] })],
        expect: ["pass"],
    },
    {
        name: "model data sources (the plural list) are each judged",
        resources: [...lockedBucket, model({ image: `${ECR}/churn@${DIGEST}`, modelDataSource: { s3DataSources: [{ s3Uri: "s3://acme-models/a/", s3DataType: "S3Prefix", compressionType: "None" }, { s3Uri: "s3://other/b/", s3DataType: "S3Prefix", compressionType: "None" }] } })],
        expect: ["unknown"],
    },
    { name: "a non-S3 model data URL fails", resources: [model({ image: `${ECR}/churn@${DIGEST}`, modelDataUrl: "https://example.com/m.tar.gz" })], expect: ["fail"] },
    { name: "every container is judged", resources: [model(undefined, undefined, { containers: [{ image: `${ECR}/a@${DIGEST}` }, { image: "ghcr.io/x/y:1" }] })], expect: ["fail"] },
    { name: "a model without containers fails", resources: [model(undefined)], expect: ["fail"] },
    { name: "computed containers are not verifiable", resources: [model(undefined, undefined, { containers: UNKNOWN })], expect: ["unknown"] },
    { name: "a container from a model package passes the image check", resources: [model({ modelPackageName: "arn:aws:sagemaker:eu-west-1:111122223333:model-package/churn/1" })], expect: ["pass"] },
    { name: "a numeric image fails without throwing", resources: [model({ image: 42 })], expect: ["fail"] },
]);

terraformCases(control, [
    {
        name: "model data joined by bucket name to for_each buckets: the unlocked one fails",
        files: {
            "main.tf": `resource "aws_s3_bucket" "b" {
  for_each            = { locked = true, open = false }
  bucket              = "acme-\${each.key}"
  object_lock_enabled = each.value
}

resource "aws_sagemaker_model" "m" {
  execution_role_arn = "arn:aws:iam::111122223333:role/r"

  primary_container {
    image          = "${ECR}/churn@${DIGEST}"
    model_data_url = "s3://acme-open/m.tar.gz"
  }
}
`,
        },
        expect: ["fail"],
        failsAt: "model_data_url",
    },
    {
        name: "an image tag from a variable default is judged at the attribute",
        files: {
            "main.tf": `variable "image" {
  default = "docker.io/acme/churn:latest"
}

resource "aws_sagemaker_model" "m" {
  execution_role_arn = "arn:aws:iam::111122223333:role/r"

  primary_container {
    image = var.image
  }
}
`,
        },
        expect: ["fail"],
        failsAt: "image",
    },
    {
        name: "an unresolved image variable is not verifiable",
        files: {
            "main.tf": `variable "image" {}

resource "aws_sagemaker_model" "m" {
  execution_role_arn = "arn:aws:iam::111122223333:role/r"

  primary_container {
    image = var.image
  }
}
`,
        },
        expect: ["unknown"],
    },
]);
