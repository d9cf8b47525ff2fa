import { defineControl } from "../control";
import type { ResourceGraph } from "../graph";
import { stringList } from "../helpers/coerce";
import { allOf } from "../helpers/outcomes";
import { type Attr, anyProp, listItems, within } from "../helpers/props";
import { literal } from "../helpers/sagemaker";
import { fail, pass, unknown } from "../helpers/results";
import type { CheckResult, Resource } from "../model";
import { resolveOptions } from "../run";
import { types } from "../resource-types";
import { ref } from "../examples";
import objectLock from "./aws-s3-object-lock-enabled";
import s3Kms from "./aws-s3-kms-encrypted";

type Options = { allowedRegistryAccounts: string[]; trustedBuckets: string[] };

const BUCKET_TYPES = [types.s3Bucket, types.s3BucketV2];
const ECR_IMAGE = /^(\d{12})\.dkr\.ecr(?:-fips)?\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?\/([a-z0-9][a-z0-9._/-]*)(?::[\w][\w.-]{0,127})?(@sha256:[a-f0-9]{64})?$/;
const DIGEST = `sha256:${"ab12".repeat(16)}`;

/** The bucket controls a model artifact's bucket must pass, run with every bucket in scope. */
const BUCKET_CONTROLS = [objectLock, s3Kms];

function judgeBucket(bucket: Resource, graph: ResourceGraph, at: Attr): CheckResult {
    for (const control of BUCKET_CONTROLS) {
        const options = { ...resolveOptions(control, undefined), scopeTag: "" };
        const results = control.check(bucket, { graph, options: options as never });
        if (results.some((r) => r.status === "fail" || r.status === "error")) {
            return fail(at, `The model data comes from bucket ${bucket.name}, which fails ${control.id}.`);
        }
        if (results.some((r) => r.status === "unknown")) {
            return unknown(at, `The model data comes from bucket ${bucket.name}, whose ${control.id} verdict is not known yet.`);
        }
    }
    return pass(at, `The model data comes from bucket ${bucket.name}, which is locked and encrypted with a customer-managed key.`);
}

/** The repositories and buckets a container refers to: through the graph, or by literal name. */
function joined(graph: ResourceGraph, model: Resource, container: Attr, kinds: typeof BUCKET_TYPES | [typeof types.ecrRepository], name: string | undefined, nameProp: string): Resource[] {
    const found = graph.targets(model, container.path.split(".")[0], kinds);
    if (name !== undefined) {
        for (const r of graph.ofType(...kinds)) if (literal(anyProp(r, nameProp)) === name && !found.includes(r)) found.push(r);
    }
    return found;
}

function judgeImage(graph: ResourceGraph, model: Resource, container: Attr, options: Options): CheckResult[] {
    const results: CheckResult[] = [];
    const mode = within(model, container, "imageConfig.repositoryAccessMode");
    if (mode.state === "unknown") results.push(unknown(mode, "The image repository access mode is computed; it cannot be checked yet."));
    else if (mode.state === "explicit" && mode.value !== "Platform") {
        results.push(fail(mode, 'The image is pulled from a private registry in your VPC (repositoryAccessMode "Vpc"), outside ECR; use an approved ECR repository.'));
    }
    const image = within(model, container, "image");
    if (image.state === "absent") {
        if (within(model, container, "modelPackageName").state !== "absent") results.push(pass(container, "The container comes from a model package."));
        else results.push(fail({ ...image, location: container.location }, "The container names no image."));
        return results;
    }
    if (image.state === "unknown") {
        const repos = joined(graph, model, container, [types.ecrRepository], undefined, "name");
        const mutable = repos.filter((r) => anyProp(r, "imageTagMutability").value !== "IMMUTABLE");
        if (repos.length > 0 && mutable.length === 0) results.push(pass(image, "The image comes from an IMMUTABLE ECR repository of the stack."));
        else results.push(unknown(image, "The image URI is computed and does not come from an IMMUTABLE ECR repository of the stack, so its source and pinning cannot be checked yet."));
        return results;
    }
    const m = typeof image.value === "string" ? ECR_IMAGE.exec(image.value.trim()) : null;
    if (!m) return [...results, fail(image, "The image is not from a private ECR registry; copy it into an approved ECR repository.")];
    const accounts = stringList(options.allowedRegistryAccounts);
    if (accounts.length > 0 && !accounts.includes(m[1])) {
        return [...results, fail(image, "The image's ECR registry account is not allow-listed (allowedRegistryAccounts).")];
    }
    if (m[3]) return [...results, pass(image, "The image comes from an allowed ECR registry and is pinned by digest.")];
    const repos = joined(graph, model, container, [types.ecrRepository], m[2], "name");
    if (repos.length > 0 && repos.every((r) => anyProp(r, "imageTagMutability").value === "IMMUTABLE")) {
        return [...results, pass(image, "The image tag is from an IMMUTABLE ECR repository of the stack.")];
    }
    return [...results, fail(image, "The image is referenced by a tag that can be moved; pin it by digest (@sha256:…) or use an IMMUTABLE ECR repository of this stack.")];
}

function judgeModelData(graph: ResourceGraph, model: Resource, container: Attr, options: Options): CheckResult[] {
    const uris: Attr[] = [];
    const url = within(model, container, "modelDataUrl");
    if (url.state !== "absent") uris.push(url);
    const sources = within(model, container, "modelDataSource.s3DataSources");
    if (sources.state === "unknown") uris.push(sources);
    else for (const s of listItems(model, sources)) uris.push(within(model, s, "s3Uri"));
    return uris.map((uri) => {
        const bucketName = typeof uri.value === "string" ? /^s3:\/\/([^/]+)/.exec(uri.value)?.[1] : undefined;
        if (uri.state === "explicit" && bucketName === undefined) return fail(uri, "The model data location is not an s3:// URI.");
        const buckets = joined(graph, model, container, BUCKET_TYPES, bucketName, "bucket");
        if (buckets.length === 0) {
            if (bucketName !== undefined && stringList(options.trustedBuckets).includes(bucketName)) return pass(uri, "The model data bucket is listed as trusted (trustedBuckets).");
            return unknown(uri, "The model data bucket is not a bucket of the stack, so its Object Lock and encryption cannot be checked; list it in trustedBuckets once verified.");
        }
        const verdicts = buckets.map((b) => judgeBucket(b, graph, uri));
        return verdicts.find((v) => v.status === "fail") ?? verdicts.find((v) => v.status === "unknown") ?? verdicts[0];
    });
}

export default defineControl<unknown, Options>({
    id: "aws-sagemaker-model-trusted-sources",
    title: "SageMaker models must serve approved, pinned images and model data from locked, encrypted buckets",
    severity: "medium",
    provider: "aws",
    rationale:
        "What a model endpoint runs is decided by two references: the container image and the model artifact. An " +
        "image outside your ECR registries, or a tag that can be moved, lets someone else change the serving code; an " +
        "artifact in a bucket without Object Lock and a customer-managed key can be swapped or read. Images must come " +
        "from (allow-listed) ECR registries, pinned by digest or from an IMMUTABLE repository in the stack; model data " +
        "must come from buckets that pass aws-s3-object-lock-enabled and aws-s3-kms-encrypted, joined by bucket name.",
    remediation: {
        terraform:
            'Use `<account>.dkr.ecr.<region>.amazonaws.com/<repo>@sha256:<digest>` (or a tag of an `aws_ecr_repository` with `image_tag_mutability = "IMMUTABLE"`) as `image`, keep `image_config.repository_access_mode = "Platform"`, and point `model_data_url` / `model_data_source.s3_data_source.s3_uri` into a bucket with Object Lock and SSE-KMS.',
        pulumi:
            'Use `<account>.dkr.ecr.<region>.amazonaws.com/<repo>@sha256:<digest>` (or a tag of an `aws.ecr.Repository` with `imageTagMutability: "IMMUTABLE"`) as `image`, keep `imageConfig.repositoryAccessMode: "Platform"`, and point `modelDataUrl` / `modelDataSource.s3DataSources[].s3Uri` into a bucket with Object Lock and SSE-KMS (ModelImageRepository and LockedMlBucket do both).',
    },
    frameworks: {
        "aws-config": ["sagemaker-model-multicontainer-private-registry"],
        "nist-800-53": ["SR-3", "SR-11", "SI-7", "CM-14"],
        "owasp-ml": ["ML06", "ML10"],
    },
    tags: ["sagemaker", "inference", "supply-chain"],
    aliases: {},
    subjects: [types.sagemakerModel],
    related: [types.ecrRepository, ...BUCKET_TYPES, ...(objectLock.related ?? []), ...(s3Kms.related ?? [])],
    scope: "stack",
    options: {
        allowedRegistryAccounts: {
            description: "AWS account ids whose ECR registries images may come from (your own, AWS prebuilt-image accounts). Empty: any ECR registry.",
            schema: { type: "array", items: { type: "string" } },
            default: [],
        },
        trustedBuckets: {
            description: "Bucket names managed outside this stack that are known to be locked and encrypted with a customer-managed key.",
            schema: { type: "array", items: { type: "string" } },
            default: [],
        },
    },
    check(model, { graph, options }) {
        const containers: Attr[] = [];
        const primary = anyProp(model, "primaryContainer");
        if (primary.state !== "absent") containers.push(primary);
        const more = anyProp(model, "containers");
        if (more.state === "unknown") containers.push(more);
        else containers.push(...listItems(model, more));
        if (containers.length === 0) return [fail(model, "The model declares no container.")];
        const results: CheckResult[] = [];
        for (const c of containers) {
            if (c.state === "unknown") {
                results.push(unknown(c, "The model's containers are computed; their sources cannot be checked yet."));
                continue;
            }
            results.push(...judgeImage(graph, model, c, options), ...judgeModelData(graph, model, c, options));
        }
        return allOf(model, results, "The model serves a pinned image from an approved ECR registry and model data from locked, encrypted buckets.");
    },
    examples: {
        pulumi: {
            good: [
                [
                    { type: types.kmsKey, name: "ml", props: { enableKeyRotation: true } },
                    { type: types.s3Bucket, name: "models", props: { bucket: "acme-ml-models", objectLockEnabled: true } },
                    {
                        type: types.s3SseConfiguration,
                        name: "models-sse",
                        props: {
                            bucket: ref("models"),
                            rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: ref("ml", "arn") }, bucketKeyEnabled: true }],
                        },
                    },
                    {
                        type: types.sagemakerModel,
                        name: "churn",
                        props: {
                            executionRoleArn: "arn:aws:iam::111122223333:role/sagemaker-serving",
                            primaryContainer: {
                                image: `111122223333.dkr.ecr.eu-west-1.amazonaws.com/churn@${DIGEST}`,
                                modelDataUrl: "s3://acme-ml-models/churn/v1/model.tar.gz",
                            },
                        },
                    },
                ],
            ],
            bad: [
                [
                    {
                        type: types.sagemakerModel,
                        name: "churn",
                        props: { executionRoleArn: "arn:aws:iam::111122223333:role/sagemaker-serving", primaryContainer: { image: "docker.io/acme/churn:latest" } },
                    },
                ],
                [
                    { type: types.s3Bucket, name: "scratch", props: { bucket: "acme-ml-scratch" } },
                    {
                        type: types.sagemakerModel,
                        name: "churn",
                        props: {
                            executionRoleArn: "arn:aws:iam::111122223333:role/sagemaker-serving",
                            primaryContainer: {
                                image: `111122223333.dkr.ecr.eu-west-1.amazonaws.com/churn@${DIGEST}`,
                                modelDataUrl: "s3://acme-ml-scratch/churn/model.tar.gz",
                            },
                        },
                    },
                ],
            ],
        },
        terraform: {
            good: [
                `resource "aws_kms_key" "ml" {
  enable_key_rotation = true
}

resource "aws_s3_bucket" "models" {
  bucket              = "acme-ml-models"
  object_lock_enabled = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "models" {
  bucket = aws_s3_bucket.models.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.ml.arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_sagemaker_model" "churn" {
  execution_role_arn = "arn:aws:iam::111122223333:role/sagemaker-serving"

  primary_container {
    image          = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/churn@${DIGEST}"
    model_data_url = "s3://acme-ml-models/churn/v1/model.tar.gz"
  }
}
`,
            ],
            bad: [
                `resource "aws_sagemaker_model" "churn" {
  execution_role_arn = "arn:aws:iam::111122223333:role/sagemaker-serving"

  primary_container {
    image = "docker.io/acme/churn:latest"
  }
}
`,
                `resource "aws_s3_bucket" "scratch" {
  bucket = "acme-ml-scratch"
}

resource "aws_sagemaker_model" "churn" {
  execution_role_arn = "arn:aws:iam::111122223333:role/sagemaker-serving"

  primary_container {
    image          = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/churn@${DIGEST}"
    model_data_url = "s3://acme-ml-scratch/churn/model.tar.gz"
  }
}
`,
            ],
        },
    },
});
