import * as assert from "node:assert/strict";
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { findControl } from "../../catalog/registry";
import { adaptResource, adaptStack } from "../../policypack/adapter";
import { buildPolicies } from "../../policypack/policies";
import { policyProxy } from "../../policypack/policy-internals";
import { analyzeStack, exampleUrn } from "../../policypack/testing";

const UNKNOWN = policyProxy.unknownStringValue;
const urn = (type: string, name: string) => exampleUrn(type, name);

/** Pulumi aws-native resources in the pack: translated through the CloudFormation tables. */
describe("Pulumi aws-native resources in the policy pack", () => {
    it("reads an aws-native notebook as the bridged notebook (camelCase CloudFormation names)", () => {
        const r = adaptResource({
            type: "aws-native:sagemaker:NotebookInstance",
            name: "nb",
            urn: urn("aws-native:sagemaker:NotebookInstance", "nb"),
            props: { instanceType: "ml.t3.medium", securityGroupIds: ["sg-1"], volumeSizeInGb: 50, instanceMetadataServiceConfiguration: { minimumInstanceMetadataServiceVersion: "2" }, tags: [{ key: "team", value: "ml" }] },
        });
        assert.equal(r.type, "aws:sagemaker/notebookInstance:NotebookInstance");
        assert.deepEqual(Object.keys(r.props.entries).sort(), ["instanceMetadataServiceConfiguration", "instanceType", "securityGroups", "tags", "volumeSize"]);
        assert.deepEqual(r.props.entries.tags, { kind: "map", entries: { team: { kind: "scalar", value: "ml", source: { kind: "pulumi", urn: r.id, path: "tags.0.value" } } }, source: { kind: "pulumi", urn: r.id, path: "tags" } });
    });
    it("splits an aws-native bucket's inline encryption off and joins it to the key it depends on", () => {
        const bucket = urn("aws-native:s3:Bucket", "data");
        const key = urn("aws-native:kms:Key", "key");
        const graph = adaptStack(([
            { urn: key, type: "aws-native:kms:Key", name: "key", props: { enableKeyRotation: true } },
            {
                urn: bucket,
                type: "aws-native:s3:Bucket",
                name: "data",
                props: { bucketEncryption: { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: UNKNOWN } }] } },
                propertyDependencies: { bucketEncryption: [{ urn: key }] },
            },
        ] as unknown) as Parameters<typeof adaptStack>[0]);
        const sse = graph.get(`${bucket}#BucketEncryption`)!;
        assert.equal(sse.type, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration");
        assert.deepEqual(graph.targets(sse, "bucket").map((r) => r.id), [bucket]);
        assert.deepEqual(graph.targets(sse, "rules").map((r) => r.id), [key]);
    });
    it("reports a violation on an aws-native resource during preview, and only advises on unknowns", async () => {
        const nb = { urn: urn("aws-native:sagemaker:NotebookInstance", "nb"), type: "aws-native:sagemaker:NotebookInstance", name: "nb" };
        const bad = await analyzeStack([{ ...nb, props: { instanceType: "ml.t3.medium", directInternetAccess: "Enabled" } }], { controls: [findControl("aws-sagemaker-notebook-no-direct-internet")!] });
        assert.deepEqual(bad.violations.map((d) => d.policyName), ["aws-sagemaker-notebook-no-direct-internet"]);
        const unknown = await analyzeStack([{ ...nb, props: { instanceType: "ml.t3.medium", directInternetAccess: UNKNOWN } }], { controls: [findControl("aws-sagemaker-notebook-no-direct-internet")!] });
        assert.deepEqual(unknown.violations, []);
        assert.ok(unknown.diagnostics.some((d) => d.message.startsWith("can't run policy")));
    });
    it("writes an autofix under the aws-native property name", () => {
        const policy = buildPolicies([findControl("aws-sagemaker-notebook-no-direct-internet")!]).find((p) => p.name === "aws-sagemaker-notebook-no-direct-internet") as ResourceValidationPolicy;
        const props: Record<string, unknown> = { instanceType: "ml.t3.medium", directInternetAccess: "Enabled" };
        const fixed = policy.remediateResource!({ type: "aws-native:sagemaker:NotebookInstance", name: "nb", urn: urn("aws-native:sagemaker:NotebookInstance", "nb"), props, opts: {} } as never) as Record<string, unknown>;
        assert.deepEqual(fixed, { instanceType: "ml.t3.medium", directInternetAccess: "Disabled" });
    });
    it("leaves types it has no table for as they are", () => {
        const r = adaptResource({ type: "aws-native:lambda:Function", name: "f", urn: urn("aws-native:lambda:Function", "f"), props: { role: "x" } });
        assert.equal(r.type, "aws-native:lambda:Function");
        assert.ok("role" in r.props.entries);
    });
});
