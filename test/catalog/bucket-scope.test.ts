import * as assert from "node:assert/strict";
import type { AnyControl } from "../../catalog/control";
import kmsEncrypted from "../../catalog/controls/aws-s3-kms-encrypted";
import objectLockEnabled from "../../catalog/controls/aws-s3-object-lock-enabled";
import objectLockRetention from "../../catalog/controls/aws-s3-object-lock-retention";
import publicAccessBlocked from "../../catalog/controls/aws-s3-public-access-blocked";
import tlsOnlyPolicy from "../../catalog/controls/aws-s3-tls-only-policy";
import versioningEnabled from "../../catalog/controls/aws-s3-versioning-enabled";
import { ML_BUCKET_REFERENCES } from "../../catalog/helpers/s3";
import type { ControlSettings } from "../../catalog/run";
import { types } from "../../catalog/resource-types";
import { scanTerraformSources } from "../../terraform-checks";
import { UNKNOWN, type TableResource, check } from "../support/controls";

const S3_CONTROLS: AnyControl[] = [objectLockEnabled, kmsEncrypted, versioningEnabled, publicAccessBlocked, tlsOnlyPolicy, objectLockRetention];

/** A stack with an ML model using one bucket, a tagged bucket, and a Terraform-state bucket nobody ML uses. */
const stack: TableResource[] = [
    { type: types.s3Bucket, name: "artifacts", props: { bucket: "ml-artifacts" } },
    { type: types.s3Bucket, name: "features", props: { bucket: "ml-features", tags: { "ml-data-class": "training-data" } } },
    { type: types.s3Bucket, name: "tfstate", props: { bucket: "terraform-state" } },
    { type: types.s3Bucket, name: "by-name", props: { bucket: "ml-captures" } },
    {
        type: types.sagemakerModel,
        name: "churn",
        props: { primaryContainer: { image: "i", modelDataUrl: UNKNOWN }, executionRoleArn: "arn:aws:iam::1:role/r" },
        deps: { primaryContainer: ["artifacts"] },
    },
    {
        type: types.sagemakerEndpointConfiguration,
        name: "churn-config",
        props: { dataCaptureConfig: { destinationS3Uri: "s3://ml-captures/capture/", initialSamplingPercentage: 10, captureOptions: [] } },
    },
];

function byBucket(control: AnyControl, resources: TableResource[], settings?: ControlSettings): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const f of check(control, resources, settings)) (out[f.resourceName] ??= []).push(f.status === "not-applicable" ? "n/a" : "checked");
    for (const k of Object.keys(out)) out[k] = [...new Set(out[k])];
    return out;
}

describe("bucket scope (auto / all / tagged), Pulumi", () => {
    for (const control of S3_CONTROLS) {
        it(`${control.id}: auto checks referenced and tagged buckets only`, () => {
            assert.deepEqual(byBucket(control, stack), { artifacts: ["checked"], features: ["checked"], tfstate: ["n/a"], "by-name": ["checked"] });
        });
        it(`${control.id}: all checks every bucket`, () => {
            assert.deepEqual(byBucket(control, stack, { scope: "all" }), { artifacts: ["checked"], features: ["checked"], tfstate: ["checked"], "by-name": ["checked"] });
        });
        it(`${control.id}: tagged checks the tagged bucket only`, () => {
            assert.deepEqual(byBucket(control, stack, { scope: "tagged" }), { artifacts: ["n/a"], features: ["checked"], tfstate: ["n/a"], "by-name": ["n/a"] });
        });
        it(`${control.id}: a stack without ML resources checks every bucket`, () => {
            const noMl = stack.filter((r) => r.type === types.s3Bucket);
            assert.deepEqual(byBucket(control, noMl), { artifacts: ["checked"], features: ["checked"], tfstate: ["checked"], "by-name": ["checked"] });
        });
    }

    it("findings say why a bucket is in scope", () => {
        const findings = check(versioningEnabled, stack);
        const why = (name: string) => findings.find((f) => f.resourceName === name)!.message;
        assert.match(why("artifacts"), /In scope: model data of sagemaker\.Model "churn"/);
        assert.match(why("by-name"), /In scope: data capture of sagemaker\.EndpointConfiguration "churn-config"/);
        assert.match(why("features"), /In scope: it carries the "ml-data-class" tag/);
        assert.match(why("tfstate"), /No ML resource of the stack refers to the bucket/);
        assert.match(check(versioningEnabled, stack.filter((r) => r.type === types.s3Bucket))[0].message, /the stack has no ML resource, so every bucket is checked/);
    });

    it("computed tags keep a bucket in scope rather than skipping it", () => {
        const resources: TableResource[] = [{ type: types.s3Bucket, name: "b", props: { tags: UNKNOWN } }, { ...stack[4], deps: {} }];
        assert.deepEqual(check(versioningEnabled, resources).map((f) => f.status), ["fail"]);
    });

    it("every ML reference path names a property of its type (one line per new ML resource type)", () => {
        for (const e of ML_BUCKET_REFERENCES) assert.match(e.path, /^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)*$/, `${e.type.token}: ${e.path}`);
    });

    it("the log-delivery exception says why SSE-S3 is accepted", () => {
        const [f] = check(kmsEncrypted, [{ type: types.s3Bucket, name: "logs", props: { acl: "log-delivery-write" } }]);
        assert.equal(f.status, "pass");
        assert.match(f.message, /receives S3 server access logs \(its ACL is log-delivery-write\)/);
    });
});

const TF = `resource "aws_s3_bucket" "artifacts" {
  bucket = "ml-artifacts"
}

resource "aws_s3_bucket" "features" {
  bucket = "ml-features"
  tags = {
    "ml-data-class" = "training-data"
  }
}

resource "aws_s3_bucket" "tfstate" {
  bucket = "terraform-state"
}

resource "aws_s3_bucket" "datasets" {
  for_each = toset(["train", "eval"])
  bucket   = "ml-datasets-\${each.key}"
}

resource "aws_sagemaker_model" "churn" {
  name               = "churn"
  execution_role_arn = "arn:aws:iam::111122223333:role/sagemaker"

  primary_container {
    image          = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/churn@sha256:abc"
    model_data_url = "s3://\${aws_s3_bucket.artifacts.bucket}/churn/model.tar.gz"
  }
}

resource "aws_sagemaker_training_job" "train" {
  training_job_name = "train"
  role_arn          = "arn:aws:iam::111122223333:role/sagemaker"

  output_data_config {
    s3_output_path = "s3://ml-datasets-train/output/"
  }
}
`;

async function tfByBucket(control: AnyControl, sources: Record<string, string>, settings?: ControlSettings): Promise<Record<string, string>> {
    const { findings } = await scanTerraformSources(sources, { controls: [control], settings: settings ? { [control.id]: settings } : undefined });
    const out: Record<string, string> = {};
    for (const f of findings.filter((x) => x.controlId === control.id)) {
        out[f.resourceId] = f.status === "not-applicable" ? "n/a" : out[f.resourceId] === "checked" ? "checked" : "checked";
    }
    return out;
}

describe("bucket scope (auto / all / tagged), Terraform", () => {
    it("auto: buckets used by ML resources (through references and literal s3:// names) and tagged buckets", async () => {
        assert.deepEqual(await tfByBucket(versioningEnabled, { "main.tf": TF }), {
            "aws_s3_bucket.artifacts": "checked",
            "aws_s3_bucket.features": "checked",
            "aws_s3_bucket.tfstate": "n/a",
            'aws_s3_bucket.datasets["train"]': "checked",
            'aws_s3_bucket.datasets["eval"]': "n/a",
        });
    });
    it("all: every bucket", async () => {
        const got = await tfByBucket(publicAccessBlocked, { "main.tf": TF }, { scope: "all" });
        assert.ok(Object.values(got).every((s) => s === "checked") && Object.keys(got).length === 5, JSON.stringify(got));
    });
    it("tagged: only the tagged bucket", async () => {
        const got = await tfByBucket(kmsEncrypted, { "main.tf": TF }, { scope: "tagged" });
        assert.deepEqual(Object.entries(got).filter(([, s]) => s === "checked").map(([k]) => k), ["aws_s3_bucket.features"]);
    });
    it("a module library without ML resources: every bucket", async () => {
        const library = TF.split('resource "aws_sagemaker_model"')[0];
        const got = await tfByBucket(tlsOnlyPolicy, { "main.tf": library });
        assert.ok(Object.values(got).every((s) => s === "checked") && Object.keys(got).length === 5, JSON.stringify(got));
    });
    it("a bucket in a child module used by an ML resource of the root is in scope, and the finding says why", async () => {
        const { findings } = await scanTerraformSources(
            {
                "main.tf": `module "data" {
  source = "./modules/data"
  name   = "ml-artifacts"
}

resource "aws_sagemaker_model" "churn" {
  name               = "churn"
  execution_role_arn = "arn:aws:iam::111122223333:role/sagemaker"

  primary_container {
    image          = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/churn@sha256:abc"
    model_data_url = "s3://\${module.data.bucket}/model.tar.gz"
  }
}
`,
                "modules/data/main.tf": `variable "name" {
  type = string
}

resource "aws_s3_bucket" "this" {
  bucket = var.name
}

resource "aws_s3_bucket" "scratch" {
  bucket = "scratch-\${var.name}"
}

output "bucket" {
  value = aws_s3_bucket.this.bucket
}
`,
            },
            { controls: [versioningEnabled] },
        );
        const own = findings.filter((f) => f.controlId === versioningEnabled.id);
        const used = own.find((f) => f.resourceId === "module.data.aws_s3_bucket.this")!;
        assert.equal(used.status, "fail");
        assert.match(used.message, /In scope: model data of aws_sagemaker_model\.churn/);
        assert.equal(own.find((f) => f.resourceId === "module.data.aws_s3_bucket.scratch")!.status, "not-applicable");
    });
});
