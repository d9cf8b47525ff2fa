import * as assert from "node:assert/strict";
import * as path from "node:path";
import {
    MOCK_ACCOUNT_ID,
    MOCK_GCP_PROJECT_NUMBER,
    analyzeStack,
    captureModule,
    checkProgram,
    defaultCall,
    packIdentity,
    renderPolicyDocument,
} from "../../policypack/testing";

const program = (name: string) => path.join(__dirname, "programs", name);
const last = (urn: string) => urn.split("::").pop();

describe("mlguard/policypack/testing", () => {
    describe("capture isolation", () => {
        it("a program that throws after a component leaves no trace in the next capture", async () => {
            const stray: unknown[] = [];
            const onStray = (err: unknown) => stray.push(err);
            process.on("unhandledRejection", onStray);
            process.on("uncaughtException", onStray);
            try {
                await assert.rejects(captureModule(program("throws-after-component")), /bad input after the component/);
                const next = await captureModule(program("sync-export"));
                assert.deepEqual(next.map((r) => r.type), ["aws:kms/key:Key"]);
                // Give any late operation of the first capture the chance to surface.
                await new Promise((resolve) => setImmediate(resolve));
                await new Promise((resolve) => setImmediate(resolve));
            } finally {
                process.off("unhandledRejection", onStray);
                process.off("uncaughtException", onStray);
            }
            assert.deepEqual(stray.map(String), []);
        });

        it("captures started together run one after another, each with its own resources", async () => {
            const [a, b] = await Promise.all([captureModule(program("sync-export")), captureModule(program("async-export"))]);
            assert.deepEqual(a.map((r) => r.name), ["sync-key"]);
            assert.deepEqual(b.map((r) => r.name), ["late-bucket"]);
        });
    });

    describe("exported-function programs", () => {
        it("runs an `export = async () => …` program as the Pulumi runtime does", async () => {
            const resources = await captureModule(program("async-export"));
            assert.deepEqual(resources.map((r) => `${r.type} ${r.name}`), ["aws:s3/bucket:Bucket late-bucket"]);
            const { violations } = await analyzeStack(resources);
            assert.deepEqual(violations.map((v) => v.policyName).sort(), ["aws-s3-kms-encrypted", "aws-s3-object-lock-enabled", "aws-s3-public-access-blocked"]);
        });

        it("resolves the outputs an exported function returns (unknown in preview)", async () => {
            const seen: Array<Record<string, unknown>> = [];
            await captureModule(program("async-export"), { preview: false, onOutputs: (o) => seen.push(o) });
            await captureModule(program("async-export"), { preview: true, onOutputs: (o) => seen.push(o) });
            assert.deepEqual(seen, [{ bucketName: "late-bucket-abc123" }, { bucketName: undefined }]);
        });

        it("runs an `export default () => …` program", async () => {
            const resources = await captureModule(program("sync-export"), { preview: false });
            assert.deepEqual(resources.map((r) => r.name), ["sync-key"]);
        });
    });

    describe("config, project, stack and organization", () => {
        it("sets project-scoped, namespaced, JSON and secret keys", async () => {
            const resources = await captureModule(program("config-reader"), {
                project: "vision",
                stack: "prod",
                organization: "acme",
                config: { bucketSuffix: "raw", "aws:region": "eu-central-1", sizes: [1, 2], apiToken: { secret: "s3cr3t-value" } },
            });
            const bucket = resources.find((r) => r.name === "configured")!;
            assert.equal(bucket.props.bucket, "vision-prod-acme-raw");
            assert.deepEqual(bucket.props.tags, { region: "eu-central-1", size: "2" });
            const token = resources.find((r) => r.name === "token")!;
            const value = token.props.value as Record<string, unknown>;
            assert.equal(value["4dabf18193072939515e22adb298388d"], "1b47061264138c4ac30d75fd1eb44270", "a secret is sent as a secret envelope");
            assert.ok(bucket.urn.startsWith("urn:pulumi:prod::vision::"));
        });

        it("config does not leak into the next capture", async () => {
            await captureModule(program("config-reader"), { config: { bucketSuffix: "raw", "aws:region": "eu-central-1", sizes: [1, 2], apiToken: { secret: "x" } } });
            await assert.rejects(captureModule(program("config-reader")), /Missing required configuration variable/);
        });
    });

    describe("look-up mocks", () => {
        it("answers identity look-ups of both clouds and renders policy documents", async () => {
            const resources = await captureModule(program("lookups"), { preview: false });
            const policy = resources.find((r) => r.name === "data-access")!;
            assert.deepEqual(JSON.parse(policy.props.policy as string), {
                Version: "2012-10-17",
                Statement: [
                    { Sid: "ReadData", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::data-abc123/*", Principal: { AWS: `arn:aws:iam::${MOCK_ACCOUNT_ID}:root` } },
                    { Sid: "Everything", Effect: "Allow", Action: "*", Resource: "*" },
                ],
            });
            assert.deepEqual(resources.find((r) => r.name === "models")!.props.labels, { number: MOCK_GCP_PROJECT_NUMBER });
        });

        it("a `call` override wins for its token; other tokens keep the defaults", async () => {
            const resources = await captureModule(program("lookups"), {
                preview: false,
                call: (token) => (token === "gcp:organizations/getProject:getProject" ? { number: "42" } : undefined),
            });
            assert.deepEqual(resources.find((r) => r.name === "models")!.props.labels, { number: "42" });
            assert.match(resources.find((r) => r.name === "data-access")!.props.policy as string, /111122223333/);
        });

        it("renders a policy document as the provider does", () => {
            const { json, minifiedJson } = renderPolicyDocument({
                policyId: "doc",
                sourcePolicyDocuments: [JSON.stringify({ Statement: [{ Sid: "Base", Effect: "Deny", Action: "s3:*", Resource: "*" }, { Sid: "Replaced", Action: "a:b" }] })],
                statements: [
                    {
                        sid: "Replaced",
                        actions: ["s3:PutObject", "s3:GetObject", "s3:GetObject"],
                        notResources: ["arn:aws:s3:::x"],
                        principals: [{ type: "Service", identifiers: ["sagemaker.amazonaws.com"] }, { type: "AWS", identifiers: ["arn:aws:iam::1:root", "arn:aws:iam::2:root"] }],
                        conditions: [{ test: "StringEquals", variable: "aws:SourceAccount", values: ["111122223333"] }],
                    },
                    { effect: "Deny", actions: ["*"], principals: [{ type: "*", identifiers: ["*"] }] },
                ],
            });
            assert.equal(minifiedJson, JSON.stringify(JSON.parse(json)));
            assert.ok(json.startsWith('{\n  "Version": "2012-10-17",\n  "Id": "doc",\n  "Statement": ['), json);
            assert.deepEqual(JSON.parse(json).Statement, [
                { Sid: "Base", Effect: "Deny", Action: "s3:*", Resource: "*" },
                {
                    Sid: "Replaced",
                    Effect: "Allow",
                    Action: ["s3:GetObject", "s3:PutObject"],
                    NotResource: "arn:aws:s3:::x",
                    Principal: { AWS: ["arn:aws:iam::1:root", "arn:aws:iam::2:root"], Service: "sagemaker.amazonaws.com" },
                    Condition: { StringEquals: { "aws:SourceAccount": "111122223333" } },
                },
                { Effect: "Deny", Action: "*", Principal: "*" },
            ]);
            assert.deepEqual(Object.keys(JSON.parse(json).Statement[1]), ["Sid", "Effect", "Action", "NotResource", "Principal", "Condition"]);
        });

        it("answers the GCP service-account and client look-ups without a real token", () => {
            assert.equal(defaultCall("gcp:serviceaccount/getAccount:getAccount", { accountId: "trainer" })?.email, "trainer@ml-research-prod.iam.gserviceaccount.com");
            assert.match(String(defaultCall("gcp:storage/getProjectServiceAccount:getProjectServiceAccount", {})?.emailAddress), /^service-123456789012@gs-project-accounts/);
            assert.equal(defaultCall("gcp:compute/getDefaultServiceAccount:getDefaultServiceAccount", {})?.member, "serviceAccount:123456789012-compute@developer.gserviceaccount.com");
            assert.equal(defaultCall("gcp:organizations/getClientConfig:getClientConfig", {})?.accessToken, "mock-access-token");
            assert.equal(defaultCall("aws:index/getPartition:getPartition", {})?.partition, "aws");
            assert.equal(defaultCall("aws:index/getRegion:getRegion", {})?.name, "eu-west-1");
            assert.equal(defaultCall("vendor:index/unknown:unknown", {}), undefined);
        });
    });

    describe("checkProgram", () => {
        it("reports preview and update and the worst level per violation", async () => {
            const result = await checkProgram(program("lookups"), { controls: undefined });
            const wildcard = (r: { diagnostics: Array<{ policyName: string; enforcementLevel: string; urn: string }> }) =>
                r.diagnostics.filter((d) => d.policyName === "aws-iam-no-admin-wildcard" && last(d.urn) === "data-access").map((d) => d.enforcementLevel);
            assert.deepEqual(wildcard(result.preview), ["advisory"], "the computed document can only advise in preview");
            assert.deepEqual(wildcard(result.update), ["mandatory"]);
            const merged = result.violations.filter((d) => d.policyName === "aws-iam-no-admin-wildcard");
            assert.equal(merged.length, 1);
            assert.deepEqual(merged[0].modes, ["update"]);
            assert.ok(result.violations.every((v) => v.enforcementLevel === "mandatory"));
            const both = result.diagnostics.find((d) => d.policyName === "aws-s3-object-lock-enabled");
            assert.deepEqual(both?.modes, ["preview", "update"]);
        });

        it("names the pack by its real name and version", async () => {
            const { version } = packIdentity();
            assert.match(version, /^\d+\.\d+\.\d+/);
            assert.notEqual(version, "0.0.0-test");
            const { preview } = await checkProgram(program("lookups"));
            const advisory = preview.diagnostics.find((d) => d.message.includes("during preview"));
            assert.ok(advisory, "a preview-time advisory names the pack");
            assert.ok(advisory.message.includes(`'mlguard@v${version}'`), advisory.message);
        });
    });
});
