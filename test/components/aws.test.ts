import * as assert from "node:assert/strict";
import { aws as ml, EXCEPTION_TAG, MlguardComponentError } from "../../components";
import { Capture, type CapturedResource, capturePulumi, MOCK_ACCOUNT_ID } from "../support/pulumi-capture";
import { awsPlatform, DIGEST } from "./fixtures";

const T = {
    vpc: "aws:ec2/vpc:Vpc",
    subnet: "aws:ec2/subnet:Subnet",
    routeTable: "aws:ec2/routeTable:RouteTable",
    rta: "aws:ec2/routeTableAssociation:RouteTableAssociation",
    defaultSg: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
    sg: "aws:ec2/securityGroup:SecurityGroup",
    endpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
    flowLog: "aws:ec2/flowLog:FlowLog",
    igw: "aws:ec2/internetGateway:InternetGateway",
    nat: "aws:ec2/natGateway:NatGateway",
    key: "aws:kms/key:Key",
    alias: "aws:kms/alias:Alias",
    bucket: "aws:s3/bucket:Bucket",
    versioning: "aws:s3/bucketVersioning:BucketVersioning",
    lock: "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
    sse: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    pab: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    ownership: "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
    bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
    role: "aws:iam/role:Role",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    attachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    notebook: "aws:sagemaker/notebookInstance:NotebookInstance",
    lifecycle: "aws:sagemaker/notebookInstanceLifecycleConfiguration:NotebookInstanceLifecycleConfiguration",
    domain: "aws:sagemaker/domain:Domain",
    userProfile: "aws:sagemaker/userProfile:UserProfile",
    model: "aws:sagemaker/model:Model",
    endpointConfig: "aws:sagemaker/endpointConfiguration:EndpointConfiguration",
    smEndpoint: "aws:sagemaker/endpoint:Endpoint",
    repo: "aws:ecr/repository:Repository",
    repoPolicy: "aws:ecr/repositoryPolicy:RepositoryPolicy",
};

type Statement = { Sid?: string; Effect: string; Action: string | string[]; Resource: unknown; Condition?: Record<string, Record<string, unknown>>; Principal?: unknown };
function statements(doc: unknown): Statement[] {
    const parsed = (typeof doc === "string" ? JSON.parse(doc) : doc) as { Statement: Statement[] };
    return parsed.Statement;
}
const actions = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);

async function capture(program: () => unknown, preview = false): Promise<Capture> {
    return new Capture(await capturePulumi(program, { preview }));
}

/** The default platform (update mode), captured once: tests only read it. */
let cachedPlatform: Promise<Capture> | undefined;
function platform(): Promise<Capture> {
    return (cachedPlatform ??= capture(() => awsPlatform()));
}

function assertChildrenOf(c: Capture, componentType: string, name: string) {
    const component = c.resources.find((r) => r.type === componentType && r.name === name);
    assert.ok(component, `component ${componentType} ${name} registered`);
    assert.equal(component.custom, false);
    const children = c.resources.filter((r) => r.parent === component.urn);
    assert.ok(children.length > 0, "has children");
    for (const child of children) {
        assert.ok(child.name.startsWith(`${name}-`), `child ${child.name} is prefixed with ${name}-`);
    }
    return children;
}

async function rejects(program: () => unknown, pattern: RegExp) {
    await assert.rejects(capturePulumi(program), (err: unknown) => {
        assert.ok(err instanceof MlguardComponentError, `expected MlguardComponentError, got ${String(err)}`);
        assert.match(err.message, pattern);
        return true;
    });
}

describe("AWS components", () => {
    describe("the capture helper", () => {
        it("records parent, dependencies and property dependencies of every resource", async () => {
            const c = await platform();
            const nb = c.one(T.notebook);
            const key = c.one(T.key, "ml-key-key");
            assert.ok(c.dependsThrough(nb, "kmsKeyId", key));
            assert.ok(nb.dependencies.includes(key.urn));
            assert.equal(nb.parent, c.resources.find((r) => r.type === "mlguard:aws:SecureNotebookInstance")!.urn);
        });

        it("keeps computed outputs unknown in preview and resolves them in update mode", async () => {
            const preview = await capture(() => awsPlatform(), true);
            assert.equal(preview.one(T.notebook).inputs.kmsKeyId, "04da6b54-80e4-46f7-96ec-b56ff0331ba9");
            const update = await platform();
            assert.match(String(update.one(T.notebook).inputs.kmsKeyId), /^arn:aws:kms:/);
        });

        it("does not leak resources between captures", async () => {
            const a = await capturePulumi(() => new ml.MlKmsKey("k1"));
            const b = await capturePulumi(() => new ml.MlKmsKey("k2"));
            assert.ok(a.every((r) => !r.name.startsWith("k2")));
            assert.ok(b.every((r) => !r.name.startsWith("k1")));
        });
    });

    describe("MlPrivateNetwork", () => {
        const program = () => new ml.MlPrivateNetwork("net", { availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"] });

        it("creates private subnets in each AZ with route tables that have no internet or NAT route", async () => {
            const c = await capture(program);
            assertChildrenOf(c, "mlguard:aws:MlPrivateNetwork", "net");
            assert.equal(c.ofType(T.igw).length, 0);
            assert.equal(c.ofType(T.nat).length, 0);
            const subnets = c.ofType(T.subnet);
            assert.deepEqual(subnets.map((s) => s.inputs.availabilityZone), ["eu-west-1a", "eu-west-1b", "eu-west-1c"]);
            for (const s of subnets) {
                assert.equal(s.inputs.mapPublicIpOnLaunch, false);
                const rta = c.ofType(T.rta).find((a) => c.dependsThrough(a, "subnetId", s));
                assert.ok(rta, `subnet ${s.name} has an explicit route table association`);
                const rt = c.ofType(T.routeTable).find((t) => c.dependsThrough(rta, "routeTableId", t))!;
                assert.deepEqual(rt.inputs.routes, []);
            }
        });

        it("enables DNS, closes the default security group and logs flows", async () => {
            const c = await capture(program);
            const vpc = c.one(T.vpc);
            assert.equal(vpc.inputs.enableDnsSupport, true);
            assert.equal(vpc.inputs.enableDnsHostnames, true);
            const dsg = c.one(T.defaultSg);
            assert.equal(dsg.inputs.ingress, undefined);
            assert.equal(dsg.inputs.egress, undefined);
            const fl = c.one(T.flowLog);
            assert.equal(fl.inputs.trafficType, "ALL");
            assert.ok(c.dependsThrough(fl, "vpcId", vpc));
        });

        it("creates the required interface endpoints with private DNS and a restricted S3 gateway endpoint", async () => {
            const c = await capture(program);
            const eps = c.ofType(T.endpoint);
            const byService = new Map(eps.map((e) => [String(e.inputs.serviceName), e]));
            for (const svc of ["sagemaker.api", "sagemaker.runtime", "sts", "logs", "ecr.api", "ecr.dkr", "kms", "monitoring", "ssm"]) {
                const ep = byService.get(`com.amazonaws.eu-west-1.${svc}`);
                assert.ok(ep, `endpoint for ${svc}`);
                assert.equal(ep.inputs.vpcEndpointType, "Interface");
                assert.equal(ep.inputs.privateDnsEnabled, true);
                assert.equal((ep.inputs.subnetIds as string[]).length, 3);
                assert.deepEqual(statements(ep.inputs.policy)[0]!.Principal, { AWS: `arn:aws:iam::${MOCK_ACCOUNT_ID}:root` });
            }
            const s3 = byService.get("com.amazonaws.eu-west-1.s3")!;
            assert.equal(s3.inputs.vpcEndpointType, "Gateway");
            assert.equal((s3.inputs.routeTableIds as string[]).length, 3);
            const policy = statements(s3.inputs.policy);
            assert.deepEqual(policy[0]!.Condition, { StringEquals: { "s3:ResourceAccount": MOCK_ACCOUNT_ID } });
            for (const s of policy) assert.notEqual(s.Principal, "*");
        });

        it("adds optional tiers and extra endpoints on request", async () => {
            const c = await capture(() => new ml.MlPrivateNetwork("net", {
                availabilityZones: ["a1", "a2"],
                endpointTiers: { customImages: false, recommended: false, featureStore: true, privateUi: true },
                extraInterfaceEndpoints: ["athena"],
            }));
            const names = c.ofType(T.endpoint).map((e) => String(e.inputs.serviceName)).sort();
            assert.deepEqual(names, [
                "aws.sagemaker.eu-west-1.notebook", "aws.sagemaker.eu-west-1.studio", "com.amazonaws.eu-west-1.athena",
                "com.amazonaws.eu-west-1.logs", "com.amazonaws.eu-west-1.s3", "com.amazonaws.eu-west-1.sagemaker.api",
                "com.amazonaws.eu-west-1.sagemaker.featurestore-runtime", "com.amazonaws.eu-west-1.sagemaker.runtime",
                "com.amazonaws.eu-west-1.sts",
            ]);
        });

        it("escape hatch: inspected egress routes through the NAT and tags the route tables with the reason", async () => {
            const c = await capture(() => new ml.MlPrivateNetwork("net", {
                availabilityZones: ["a1", "a2"],
                inspectedEgress: { natGatewayId: "nat-0abc", reason: "package mirror not yet available, CHG-1234" },
            }));
            for (const rt of c.ofType(T.routeTable)) {
                assert.deepEqual(rt.inputs.routes, [{ cidrBlock: "0.0.0.0/0", natGatewayId: "nat-0abc" }]);
                assert.equal((rt.inputs.tags as Record<string, string>)[EXCEPTION_TAG], "package mirror not yet available, CHG-1234");
            }
        });

        it("rejects fewer than 2 AZs, bad CIDRs and escape hatches without a reason", async () => {
            await rejects(() => new ml.MlPrivateNetwork("n", { availabilityZones: ["a1"] }), /MlPrivateNetwork: invalid input `availabilityZones`: needs at least 2 distinct/);
            await rejects(() => new ml.MlPrivateNetwork("n", { availabilityZones: ["a1", "a1"] }), /at least 2 distinct/);
            await rejects(() => new ml.MlPrivateNetwork("n", { availabilityZones: ["a1", "a2"], cidrBlock: "10.0.0.0/20" }), /`subnetCidrs`: must be given/);
            await rejects(() => new ml.MlPrivateNetwork("n", { availabilityZones: ["a1", "a2"], cidrBlock: "nope" }), /`cidrBlock`: "nope" is not an IPv4 CIDR/);
            await rejects(() => new ml.MlPrivateNetwork("n", { availabilityZones: ["a1", "a2"], subnetCidrs: ["10.40.0.0/20"] }), /one CIDR per availability zone/);
            await rejects(() => new ml.MlPrivateNetwork("n", { availabilityZones: ["a1", "a2"], inspectedEgress: { natGatewayId: "nat-1", reason: "" } }), /`inspectedEgress.reason`: an escape hatch needs a written reason/);
            await rejects(() => new ml.MlPrivateNetwork("n", { availabilityZones: ["a1", "a2"], extraInterfaceEndpoints: ["com.amazonaws.x/../"] }), /`extraInterfaceEndpoints`/);
        });
    });

    describe("remaining AWS overrides", () => {
        it("network: CIDRs, external read-only objects, flow-log retention, tags", async () => {
            const c = await capture(() => new ml.MlPrivateNetwork("net", {
                availabilityZones: ["a1", "a2"], cidrBlock: "10.9.0.0/20", subnetCidrs: ["10.9.0.0/24", "10.9.1.0/24"],
                externalReadOnlyObjectArns: ["arn:aws:s3:::vendor-models/*"], flowLogRetentionDays: 90, tags: { team: "ml" },
            }));
            assert.equal(c.one(T.vpc).inputs.cidrBlock, "10.9.0.0/20");
            assert.deepEqual(c.ofType(T.subnet).map((s) => s.inputs.cidrBlock), ["10.9.0.0/24", "10.9.1.0/24"]);
            const s3 = c.ofType(T.endpoint).find((e) => String(e.inputs.serviceName).endsWith(".s3"))!;
            assert.ok((statements(s3.inputs.policy)[1]!.Resource as string[]).includes("arn:aws:s3:::vendor-models/*"));
            assert.equal(c.one("aws:cloudwatch/logGroup:LogGroup").inputs.retentionInDays, 90);
            assert.equal((c.one(T.vpc).inputs.tags as Record<string, string>).team, "ml");
        });

        it("key: alias and description; bucket: extra endpoints and explicit name", async () => {
            const c = await capture(() => {
                const network = new ml.MlPrivateNetwork("net", { availabilityZones: ["a1", "a2"] });
                const key = new ml.MlKmsKey("key", { alias: "ml/data", description: "ML data" });
                new ml.LockedMlBucket("data", { dataClass: "training-data", environment: "dev", key, network, extraVpceIds: ["vpce-0other"], bucketName: "acme-ml-training" });
            });
            assert.equal(c.one(T.alias).inputs.name, "alias/ml/data");
            assert.equal(c.one(T.key).inputs.description, "ML data");
            assert.equal(c.one(T.bucket).inputs.bucket, "acme-ml-training");
            const deny = statements(c.one(T.bucketPolicy).inputs.policy).find((s) => s.Sid === "DenyDataAccessOutsideVpcEndpoints")!;
            assert.deepEqual(deny.Condition!.StringNotEquals, { "aws:SourceVpce": ["net-s3-id", "vpce-0other"] });
        });

        it("role: name and permissions boundary; repository: name and expiry; Studio: names, images, lifecycle, per-user role; endpoint: environment", async () => {
            const c = await capture(() => {
                const p = awsPlatform("dev");
                const analyst = new ml.SageMakerExecutionRole("analyst", {
                    key: p.key, network: p.network, roleName: "ml-analyst", permissionsBoundary: "arn:aws:iam::111122223333:policy/ml-boundary", studioSourceIdentity: true,
                });
                new ml.ModelImageRepository("images2", { key: p.key, repositoryName: "team/serving", untaggedExpiryDays: 3 });
                const s = new ml.SecureStudioDomain("s2", {
                    network: p.network, key: p.key, defaultRole: p.role, domainName: "research", defaultInstanceType: "ml.t3.large",
                    lifecycleConfigArns: ["arn:aws:sagemaker:eu-west-1:111122223333:studio-lifecycle-config/idle"],
                });
                s.addUserProfile({ userProfileName: "carol", ssoUserName: "carol@example.com", executionRole: analyst });
                new ml.SecureModelEndpoint("ep3", {
                    environment: "dev", network: p.network, key: p.key, role: p.role, repository: p.repository, imageDigest: DIGEST,
                    modelBucket: p.artifacts, modelDataKey: "m.tar.gz", environmentVariables: { LOG_LEVEL: "info" },
                });
            });
            const role = c.one(T.role, "analyst-role");
            assert.equal(role.inputs.name, "ml-analyst");
            assert.equal(role.inputs.permissionsBoundary, "arn:aws:iam::111122223333:policy/ml-boundary");
            assert.equal(c.one(T.repo, "images2-repo").inputs.name, "team/serving");
            assert.match(String(c.one("aws:ecr/lifecyclePolicy:LifecyclePolicy", "images2-lifecycle").inputs.policy), /"countNumber":3/);
            const d = c.one(T.domain, "s2-domain");
            assert.equal(d.inputs.domainName, "research");
            const jl = (d.inputs.defaultUserSettings as Record<string, any>).jupyterLabAppSettings;
            assert.deepEqual(jl.defaultResourceSpec, { instanceType: "ml.t3.large" });
            assert.deepEqual(jl.lifecycleConfigArns, ["arn:aws:sagemaker:eu-west-1:111122223333:studio-lifecycle-config/idle"]);
            const u = c.one(T.userProfile, "s2-user-carol");
            assert.ok(c.dependsThrough(u, "userSettings", role));
            assert.deepEqual((c.one(T.model, "ep3-model").inputs.primaryContainer as Record<string, any>).environment, { LOG_LEVEL: "info" });
        });
    });

    describe("MlKmsKey", () => {
        it("is a rotating, symmetric, single-region key with a 30-day window, an explicit policy and protect", async () => {
            const c = await capture(() => new ml.MlKmsKey("k"));
            const children = assertChildrenOf(c, "mlguard:aws:MlKmsKey", "k");
            const key = c.one(T.key);
            assert.equal(key.inputs.enableKeyRotation, true);
            assert.equal(key.inputs.rotationPeriodInDays, 365);
            assert.equal(key.inputs.deletionWindowInDays, 30);
            assert.equal(key.inputs.keyUsage, "ENCRYPT_DECRYPT");
            assert.equal(key.inputs.customerMasterKeySpec, "SYMMETRIC_DEFAULT");
            assert.equal(key.inputs.multiRegion, false);
            assert.equal(key.inputs.bypassPolicyLockoutSafetyCheck, false);
            const policy = statements(key.inputs.policy);
            assert.deepEqual(policy.map((s) => s.Sid), ["AccountRootForIamDelegation"]);
            assert.deepEqual(policy[0]!.Principal, { AWS: `arn:aws:iam::${MOCK_ACCOUNT_ID}:root` });
            assert.equal(c.one(T.alias).inputs.name, "alias/k");
            assert.ok(children.every((r) => r.protect), "children inherit protect");
            assert.ok(c.resources.find((r) => r.type === "mlguard:aws:MlKmsKey")!.protect);
        });

        it("separates administrators (no decrypt) from users (ViaService, grants for AWS resources)", async () => {
            const c = await capture(() => new ml.MlKmsKey("k", {
                administratorArns: ["arn:aws:iam::111122223333:role/kms-admin"],
                userArns: ["arn:aws:iam::111122223333:role/other"],
                viaServices: ["sagemaker", "s3"],
                rotationPeriodInDays: 90,
            }));
            const key = c.one(T.key);
            assert.equal(key.inputs.rotationPeriodInDays, 90);
            const [, admins, users, grants] = statements(key.inputs.policy);
            assert.ok(!actions(admins!).some((a) => /Decrypt|Encrypt|GenerateDataKey/.test(a)));
            assert.deepEqual(users!.Condition, { StringEquals: { "kms:ViaService": ["sagemaker.eu-west-1.amazonaws.com", "s3.eu-west-1.amazonaws.com"] } });
            assert.deepEqual(grants!.Condition, { Bool: { "kms:GrantIsForAWSResource": "true" } });
        });

        it("protect can be overridden through resource options", async () => {
            const c = await capture(() => new ml.MlKmsKey("k", {}, { protect: false }));
            assert.equal(c.one(T.key).protect, false);
        });

        it("rejects rotation outside 90-365 days, empty ViaService lists and AWS-reserved aliases", async () => {
            await rejects(() => new ml.MlKmsKey("k", { rotationPeriodInDays: 400 }), /MlKmsKey: invalid input `rotationPeriodInDays`: must be an integer from 90 to 365/);
            await rejects(() => new ml.MlKmsKey("k", { rotationPeriodInDays: 30 }), /from 90 to 365/);
            await rejects(() => new ml.MlKmsKey("k", { viaServices: [] }), /`viaServices`: must name at least one service/);
            await rejects(() => new ml.MlKmsKey("k", { alias: "aws/s3" }), /`alias`: the alias\/aws\/ prefix is reserved/);
        });
    });

    describe("LockedMlBucket", () => {
        const base = () => {
            const network = new ml.MlPrivateNetwork("net", { availabilityZones: ["a1", "a2"] });
            const key = new ml.MlKmsKey("key");
            return { network, key };
        };

        it("locks, versions, encrypts with the CMK, blocks public access and disables ACLs", async () => {
            const c = await capture(() => new ml.LockedMlBucket("data", { dataClass: "training-data", environment: "prod", ...base() }));
            const children = assertChildrenOf(c, "mlguard:aws:LockedMlBucket", "data");
            const bucket = c.one(T.bucket);
            assert.equal(bucket.inputs.bucket, "data-dev-111122223333-eu-west-1");
            assert.equal(bucket.inputs.objectLockEnabled, true);
            assert.equal(bucket.inputs.forceDestroy, false);
            assert.equal((bucket.inputs.tags as Record<string, string>)["ml-data-class"], "training-data");
            assert.deepEqual(c.one(T.versioning).inputs.versioningConfiguration, { status: "Enabled" });
            const lock = c.one(T.lock);
            assert.deepEqual(lock.inputs.rule, { defaultRetention: { mode: "COMPLIANCE", days: 30 } });
            assert.ok(c.dependsThrough(lock, "bucket", bucket));
            const sse = c.one(T.sse);
            const rule = (sse.inputs.rules as Array<Record<string, any>>)[0]!;
            assert.equal(rule.applyServerSideEncryptionByDefault.sseAlgorithm, "aws:kms");
            assert.ok(c.dependsThrough(sse, "rules", c.one(T.key)));
            assert.equal(rule.bucketKeyEnabled, true);
            const pab = c.one(T.pab);
            for (const flag of ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"]) assert.equal(pab.inputs[flag], true, flag);
            assert.deepEqual(c.one(T.ownership).inputs.rule, { objectOwnership: "BucketOwnerEnforced" });
            assert.ok(children.every((r) => r.protect));
        });

        it("enforces TLS, the bucket key and the VPC endpoint in its bucket policy", async () => {
            const c = await capture(() => new ml.LockedMlBucket("data", {
                dataClass: "model-artifacts", environment: "prod", administratorArns: ["arn:aws:iam::111122223333:role/breakglass"], ...base(),
            }));
            const policy = statements(c.one(T.bucketPolicy).inputs.policy);
            assert.deepEqual(policy[0]!.Resource, ["arn:aws:s3:::data-dev-111122223333-eu-west-1", "arn:aws:s3:::data-dev-111122223333-eu-west-1/*"]);
            const bySid = new Map(policy.map((s) => [s.Sid, s]));
            assert.deepEqual(bySid.get("DenyInsecureTransport")!.Condition, { Bool: { "aws:SecureTransport": "false" } });
            assert.deepEqual(bySid.get("DenyDataAccessOutsideVpcEndpoints")!.Condition, {
                StringNotEquals: { "aws:SourceVpce": ["net-s3-id"] },
                ArnNotLike: { "aws:PrincipalArn": ["arn:aws:iam::111122223333:role/breakglass"] },
            });
            assert.match(String(bySid.get("DenyUploadsWithAnotherKey")!.Condition!.StringNotEqualsIfExists!["s3:x-amz-server-side-encryption-aws-kms-key-id"]), /^arn:aws:kms:/);
            assert.ok(bySid.has("DenyGovernanceBypass"));
            assert.ok(bySid.has("DenyLockChangesExceptAdministrators"));
            assert.ok(policy.every((s) => s.Effect === "Deny"));
            assert.deepEqual(c.one(T.lock).inputs.rule, { defaultRetention: { mode: "COMPLIANCE", days: 365 } });
        });

        it("outside prod defaults to GOVERNANCE, accepts short retention and is not retained on delete", async () => {
            const c = await capture(() => new ml.LockedMlBucket("data", { dataClass: "training-data", environment: "dev", retentionDays: 3, ...base() }));
            assert.deepEqual(c.one(T.lock).inputs.rule, { defaultRetention: { mode: "GOVERNANCE", days: 3 } });
            const c2 = await capture(() => new ml.LockedMlBucket("data", { dataClass: "training-data", environment: "dev", mode: "COMPLIANCE", ...base() }));
            assert.deepEqual(c2.one(T.lock).inputs.rule, { defaultRetention: { mode: "COMPLIANCE", days: 30 } });
        });

        it("adds access logging on request", async () => {
            const c = await capture(() => new ml.LockedMlBucket("data", { dataClass: "training-data", environment: "dev", accessLogBucket: "logs-bucket", ...base() }));
            assert.equal(c.one("aws:s3/bucketLogging:BucketLogging").inputs.targetBucket, "logs-bucket");
        });

        it("rejects GOVERNANCE in prod, retention below the floor and unknown data classes", async () => {
            await rejects(() => new ml.LockedMlBucket("d", { dataClass: "training-data", environment: "prod", mode: "GOVERNANCE", ...base() }), /LockedMlBucket: invalid input `mode`: must be COMPLIANCE in prod/);
            await rejects(() => new ml.LockedMlBucket("d", { dataClass: "training-data", environment: "prod", retentionDays: 7, ...base() }), /`retentionDays`: must be a whole number of days ≥ 30 in prod \(got 7\)/);
            await rejects(() => new ml.LockedMlBucket("d", { dataClass: "training-data", environment: "dev", retentionDays: 0, ...base() }), /≥ 1 \(got 0\)/);
            await rejects(() => new ml.LockedMlBucket("d", { dataClass: "scratch" as ml.MlDataClass, environment: "dev", ...base() }), /`dataClass`/);
            await rejects(() => new ml.LockedMlBucket("d", { dataClass: "training-data", environment: "dev", mode: "OFF" as ml.ObjectLockMode, ...base() }), /`mode`: must be "GOVERNANCE" or "COMPLIANCE"/);
            await rejects(() => new ml.LockedMlBucket("Data", { dataClass: "training-data", environment: "dev", ...base() }), /`bucketName`: is required: "Data-dev" \(name-stack\) cannot prefix a bucket name/);
            await rejects(() => new ml.LockedMlBucket("d", { dataClass: "training-data", environment: "dev", bucketName: "No_Such", ...base() }), /`bucketName`: "No_Such" is not a valid S3 bucket name/);
        });
    });

    describe("SageMakerExecutionRole", () => {
        it("is trusted only by SageMaker in this account, PassRole only on itself, with guardrail denies", async () => {
            const c = await platform();
            assertChildrenOf(c, "mlguard:aws:SageMakerExecutionRole", "ml-exec");
            const role = c.one(T.role, "ml-exec-role");
            const [trust] = statements(role.inputs.assumeRolePolicy);
            assert.deepEqual(trust!.Principal, { Service: "sagemaker.amazonaws.com" });
            assert.deepEqual(trust!.Action, ["sts:AssumeRole", "sts:SetSourceIdentity"]);
            assert.deepEqual(trust!.Condition, { StringEquals: { "aws:SourceAccount": MOCK_ACCOUNT_ID } });
            const policy = statements(c.one(T.rolePolicy, "ml-exec-policy").inputs.policy);
            const allows = policy.filter((s) => s.Effect === "Allow");
            for (const s of allows) {
                for (const a of actions(s)) assert.ok(a !== "*" && !/^[a-z0-9-]+:\*$/.test(a), `no wildcard action (${a})`);
            }
            const pass = allows.find((s) => actions(s).includes("iam:PassRole"))!;
            assert.deepEqual(pass.Resource, [`arn:aws:iam::${MOCK_ACCOUNT_ID}:role/ml-exec-dev`]);
            assert.equal(role.inputs.name, "ml-exec-dev");
            assert.deepEqual(pass.Condition, { StringEquals: { "iam:PassedToService": "sagemaker.amazonaws.com" } });
            assert.ok(!allows.some((s) => actions(s).some((a) => /DeleteObject|PutObjectRetention|BypassGovernance/.test(a))), "no delete or retention actions");
            const denies = new Map(policy.filter((s) => s.Effect === "Deny").map((s) => [s.Sid, s]));
            assert.deepEqual(denies.get("DenyJobsOutsideVpc")!.Condition, { Null: { "sagemaker:VpcSubnets": "true" } });
            assert.ok(denies.has("DenyJobsWithoutVolumeKey") && denies.has("DenyOpenNotebooks") && denies.has("DenyRootNotebooks"));
            assert.ok(allows.some((s) => s.Sid === "StudioAppsAndSpaces"), "a Studio role may run Studio apps");
            assert.equal(c.ofType(T.attachment).length, 0, "no managed policies attached");
        });

        it("accepts scratch buckets and validated extra statements", async () => {
            const c = await capture(() => {
                const network = new ml.MlPrivateNetwork("net", { availabilityZones: ["a1", "a2"] });
                const key = new ml.MlKmsKey("key");
                return new ml.SageMakerExecutionRole("r", {
                    key, network, scratchBucketArns: ["arn:aws:s3:::scratch"],
                    extraStatements: [{ Effect: "Allow", Action: ["athena:StartQueryExecution"], Resource: "arn:aws:athena:eu-west-1:111122223333:workgroup/ml" }],
                });
            });
            const policy = statements(c.one(T.rolePolicy, "r-policy").inputs.policy);
            assert.ok(policy.some((s) => s.Sid === "ScratchBuckets" && actions(s).includes("s3:DeleteObject")));
            assert.ok(policy.some((s) => actions(s).includes("athena:StartQueryExecution")));
            const [trust] = statements(c.one(T.role, "r-role").inputs.assumeRolePolicy);
            assert.deepEqual(trust!.Action, ["sts:AssumeRole"]);
            assert.ok(!policy.some((s) => s.Sid === "StudioAppsAndSpaces"), "no Studio permissions for a non-Studio role");
        });

        it("rejects wildcard, NotAction, PassRole and decrypt-everything extra statements", async () => {
            const make = (s: ml.ExtraStatement) => () => {
                const network = new ml.MlPrivateNetwork("net", { availabilityZones: ["a1", "a2"] });
                const key = new ml.MlKmsKey("key");
                return new ml.SageMakerExecutionRole("r", { key, network, extraStatements: [s] });
            };
            await rejects(make({ Effect: "Allow", Action: "*", Resource: "*" }), /SageMakerExecutionRole: invalid input `extraStatements\[0\]`: action "\*" is a wildcard/);
            await rejects(make({ Effect: "Allow", Action: "s3:*", Resource: "*" }), /"s3:\*" is a wildcard over a whole service/);
            await rejects(make({ Effect: "Allow", Action: "iam:PassRole", Resource: "*" }), /iam:PassRole is granted only on the role itself/);
            await rejects(make({ Effect: "Allow", Action: "*:*", Resource: "*" }), /"\*:\*" is a wildcard/);
            await rejects(make({ Effect: "Allow", Action: "iam:P*", Resource: "*" }), /iam:PassRole is granted only on the role itself/);
            await rejects(make({ Effect: "Allow", Action: "kms:De*", Resource: "*" }), /kms:Decrypt on Resource "\*"/);
            await rejects(make({ Effect: "Allow", Action: "kms:Decrypt", Resource: "*" }), /kms:Decrypt on Resource "\*"/);
            await rejects(make({ Effect: "Allow", Action: "iam:AttachRolePolicy", Resource: "*" }), /can escalate privileges/);
            await rejects(() => {
                const network = new ml.MlPrivateNetwork("net", { availabilityZones: ["a1", "a2"] });
                return new ml.SageMakerExecutionRole("r", { key: new ml.MlKmsKey("key"), network, roleName: "x".repeat(65) });
            }, /SageMakerExecutionRole: invalid input `roleName`/);
            await rejects(make({ Effect: "Allow", NotAction: "s3:GetObject", Resource: "*" } as unknown as ml.ExtraStatement), /NotAction/);
        });

        it("rejects extra statements that open an escalation path the analyzer knows, across statements", async () => {
            const make = (...extraStatements: ml.ExtraStatement[]) => () => {
                const network = new ml.MlPrivateNetwork("net", { availabilityZones: ["a1", "a2"] });
                return new ml.SageMakerExecutionRole("r", { key: new ml.MlKmsKey("key"), network, extraStatements });
            };
            await rejects(make({ Effect: "Allow", Action: "lambda:UpdateFunctionCode", Resource: "*" }), /privilege-escalation paths: lambda-update-code \(lambda:UpdateFunctionCode in extraStatements\[0\]\)/);
            await rejects(
                make(
                    { Effect: "Allow", Action: "sagemaker:UpdateNotebookInstanceLifecycleConfig", Resource: "*" },
                    { Effect: "Allow", Action: "sagemaker:Start*", Resource: "arn:aws:sagemaker:eu-west-1:111122223333:notebook-instance/*" },
                ),
                /sagemaker-lifecycle-config .*extraStatements\[0\].*extraStatements\[1\]/,
            );
            // An unconditioned Deny among the extra statements closes the path.
            const ok = await capture(make({ Effect: "Allow", Action: "lambda:Update*", Resource: "*" }, { Effect: "Deny", Action: "lambda:UpdateFunctionCode", Resource: "*" }));
            assert.ok(ok.one(T.role, "r-role"));
            assert.deepEqual(ml.extraStatementEscalations([{ Effect: "Allow", Action: "athena:StartQueryExecution", Resource: "*" }]), []);
        });
    });

    describe("ModelImageRepository", () => {
        it("is immutable, scanned on push and KMS-encrypted with the CMK", async () => {
            const c = await capture(() => new ml.ModelImageRepository("img", { key: new ml.MlKmsKey("key"), pullPrincipalArns: ["arn:aws:iam::444455556666:role/deploy"] }));
            assertChildrenOf(c, "mlguard:aws:ModelImageRepository", "img");
            const repo = c.one(T.repo);
            assert.equal(repo.inputs.imageTagMutability, "IMMUTABLE");
            assert.deepEqual(repo.inputs.imageScanningConfiguration, { scanOnPush: true });
            const enc = (repo.inputs.encryptionConfigurations as Array<Record<string, string>>)[0]!;
            assert.equal(enc.encryptionType, "KMS");
            assert.ok(c.dependsThrough(repo, "encryptionConfigurations", c.one(T.key)));
            const [pull] = statements(c.one(T.repoPolicy).inputs.policy);
            assert.deepEqual(pull!.Principal, { AWS: ["arn:aws:iam::444455556666:role/deploy"] });
        });

        it("rejects wildcard pullers and tag references", async () => {
            await rejects(() => new ml.ModelImageRepository("img", { key: new ml.MlKmsKey("key"), pullPrincipalArns: ["*"] }), /ModelImageRepository: invalid input `pullPrincipalArns`: "\*" is not a principal ARN/);
            await rejects(() => new ml.ModelImageRepository("img", { key: new ml.MlKmsKey("key") }).imageUri("latest"), /`digest`: "latest" is not an image digest/);
        });
    });

    describe("SecureNotebookInstance", () => {
        it("has no direct internet, no root, the CMK, a private subnet, the workload SG, IMDSv2 and AL2023", async () => {
            const c = await platform();
            assertChildrenOf(c, "mlguard:aws:SecureNotebookInstance", "research");
            const nb = c.one(T.notebook);
            assert.equal(nb.inputs.directInternetAccess, "Disabled");
            assert.equal(nb.inputs.rootAccess, "Disabled");
            assert.ok(c.dependsThrough(nb, "kmsKeyId", c.one(T.key, "ml-key-key")));
            assert.ok(c.dependsThrough(nb, "subnetId", c.one(T.subnet, "ml-net-private-eu-west-1a")));
            assert.ok(c.dependsThrough(nb, "securityGroups", c.one(T.sg, "ml-net-workloads-sg")));
            assert.ok(c.dependsThrough(nb, "roleArn", c.one(T.role, "ml-exec-role")));
            assert.deepEqual(nb.inputs.instanceMetadataServiceConfiguration, { minimumInstanceMetadataServiceVersion: "2" });
            assert.equal(nb.inputs.platformIdentifier, "notebook-al2023-v1");
        });

        it("overrides: subnet, instance type, volume, lifecycle scripts and code repositories", async () => {
            const c = await capture(() => {
                const p = awsPlatform();
                return new ml.SecureNotebookInstance("nb2", {
                    network: p.network, key: p.key, role: p.role, subnetIndex: 1, instanceType: "ml.m5.xlarge", volumeSizeInGb: 50,
                    lifecycle: { onStart: "echo idle-stop" }, defaultCodeRepository: "https://git.example.com/ml/research.git",
                });
            });
            const nb = c.one(T.notebook, "nb2-notebook");
            assert.equal(nb.inputs.instanceType, "ml.m5.xlarge");
            assert.equal(nb.inputs.volumeSize, 50);
            assert.ok(c.dependsThrough(nb, "subnetId", c.one(T.subnet, "ml-net-private-eu-west-1b")));
            assert.equal(c.one(T.lifecycle).inputs.onStart, Buffer.from("echo idle-stop").toString("base64"));
            assert.equal(nb.inputs.defaultCodeRepository, "https://git.example.com/ml/research.git");
            assert.equal(nb.inputs.directInternetAccess, "Disabled");
        });

        it("rejects subnets outside the network, unsupported platforms and credentialed Git URLs", async () => {
            const nb = (extra: Partial<ml.SecureNotebookInstanceArgs>) => () => {
                const p = awsPlatform("dev");
                return new ml.SecureNotebookInstance("nb2", { network: p.network, key: p.key, role: p.role, ...extra });
            };
            await rejects(nb({ subnetIndex: 2 }), /SecureNotebookInstance: invalid input `subnetIndex`: must pick one of the network's 2 private subnets/);
            await rejects(nb({ platformIdentifier: "notebook-al2-v1" as ml.NotebookPlatform }), /`platformIdentifier`: "notebook-al2-v1" is not a supported platform/);
            await rejects(nb({ defaultCodeRepository: "https://bob:hunter2@git.example.com/x.git" }), /URL embeds credentials/);
            await rejects(nb({ additionalCodeRepositories: ["http://git.example.com/x.git"] }), /must use https/);
            await rejects(nb({ volumeSizeInGb: 2 }), /`volumeSizeInGb`/);
        });
    });

    describe("SecureStudioDomain", () => {
        it("offers private spaces only, owned by a user profile of the domain", async () => {
            const c = await platform();
            const space = c.one("aws:sagemaker/space:Space");
            assert.equal(space.name, "studio-space-alice-lab");
            assert.deepEqual(space.inputs.spaceSharingSettings, { sharingType: "Private" });
            assert.ok(c.dependsThrough(space, "domainId", c.one(T.domain)));
            assert.ok(c.dependsThrough(space, "ownershipSettings", c.one(T.userProfile)));
            await rejects(() => {
                const p = awsPlatform("dev");
                return p.studio.addPrivateSpace({ spaceName: "bad name", owner: p.user });
            }, /spaceName/);
        });

        it("is VpcOnly in private subnets with the CMK, SGs everywhere, no sharing, no Docker, per-user identity", async () => {
            const c = await platform();
            assertChildrenOf(c, "mlguard:aws:SecureStudioDomain", "studio");
            const d = c.one(T.domain);
            const sg = c.one(T.sg, "ml-net-workloads-sg");
            assert.equal(d.inputs.appNetworkAccessType, "VpcOnly");
            assert.equal(d.inputs.authMode, "SSO");
            assert.ok(c.dependsThrough(d, "kmsKeyId", c.one(T.key, "ml-key-key")));
            assert.ok(c.dependsThrough(d, "subnetIds", c.one(T.subnet, "ml-net-private-eu-west-1a")));
            assert.ok(c.dependsThrough(d, "subnetIds", c.one(T.subnet, "ml-net-private-eu-west-1b")));
            const dus = d.inputs.defaultUserSettings as Record<string, any>;
            assert.deepEqual(dus.securityGroups, ["ml-net-workloads-sg-id"]);
            assert.deepEqual(dus.sharingSettings, { notebookOutputOption: "Disabled" });
            const ds = d.inputs.domainSettings as Record<string, any>;
            assert.deepEqual(ds.securityGroupIds, ["ml-net-workloads-sg-id"]);
            assert.equal(ds.executionRoleIdentityConfig, "USER_PROFILE_NAME");
            assert.deepEqual(ds.dockerSettings, { enableDockerAccess: "DISABLED" });
            assert.deepEqual(d.inputs.retentionPolicy, { homeEfsFileSystem: "Retain" });
            assert.ok(c.dependsThrough(d, "defaultUserSettings", sg));
            const u = c.one(T.userProfile);
            assert.equal(u.name, "studio-user-alice");
            assert.equal(u.parent, c.resources.find((r) => r.type === "mlguard:aws:SecureStudioDomain")!.urn);
            const us = u.inputs.userSettings as Record<string, any>;
            assert.deepEqual(us.securityGroups, ["ml-net-workloads-sg-id"]);
            assert.deepEqual(us.sharingSettings, { notebookOutputOption: "Disabled" });
            assert.equal(u.inputs.singleSignOnUserValue, "alice@example.com");
        });

        it("IAM auth mode: user profiles need no SSO identity", async () => {
            const c = await capture(() => {
                const p = awsPlatform("dev");
                const s = new ml.SecureStudioDomain("s2", { network: p.network, key: p.key, defaultRole: p.role, authMode: "IAM", idleTimeoutInMinutes: 60 });
                s.addUserProfile({ userProfileName: "bob" });
            });
            assert.equal(c.one(T.domain, "s2-domain").inputs.authMode, "IAM");
            assert.equal(c.one(T.userProfile, "s2-user-bob").inputs.singleSignOnUserValue, undefined);
        });

        it("rejects roles without source identity, SSO users without a name and bad idle timeouts", async () => {
            const studio = (extra: Partial<ml.SecureStudioDomainArgs>, roleSourceIdentity = true) => () => {
                const network = new ml.MlPrivateNetwork("net", { availabilityZones: ["a1", "a2"] });
                const key = new ml.MlKmsKey("key");
                const role = new ml.SageMakerExecutionRole("r", { key, network, studioSourceIdentity: roleSourceIdentity });
                return new ml.SecureStudioDomain("s", { network, key, defaultRole: role, ...extra });
            };
            await rejects(studio({}, false), /SecureStudioDomain: invalid input `defaultRole`: the role must be created with `studioSourceIdentity: true`/);
            await rejects(() => (studio({})() as ml.SecureStudioDomain).addUserProfile({ userProfileName: "carol" }), /`ssoUserName`: user profile "carol" needs the IAM Identity Center user name/);
            await rejects(studio({ idleTimeoutInMinutes: 5 }), /`idleTimeoutInMinutes`/);
            await rejects(studio({ authMode: "NONE" as "SSO" }), /`authMode`/);
        });
    });

    describe("SecureFeatureGroup", () => {
        it("encrypts the online and offline stores with the CMK and keeps the offline store in the locked training bucket", async () => {
            const c = await platform();
            assertChildrenOf(c, "mlguard:aws:SecureFeatureGroup", "customers");
            const group = c.one("aws:sagemaker/featureGroup:FeatureGroup");
            const online = group.inputs.onlineStoreConfig as Record<string, any>;
            assert.equal(online.enableOnlineStore, true);
            assert.equal(online.storageType, "Standard");
            assert.ok(c.dependsThrough(group, "onlineStoreConfig", c.one(T.key, "ml-key-key")));
            assert.ok(c.dependsThrough(group, "offlineStoreConfig", c.one(T.key, "ml-key-key")));
            assert.ok(c.dependsThrough(group, "offlineStoreConfig", c.one(T.bucket, "training-bucket")));
            const offline = (group.inputs.offlineStoreConfig as Record<string, any>).s3StorageConfig;
            assert.match(offline.s3Uri, /^s3:\/\/training-.*\/feature-store\/customers$/);
        });

        const group = (extra: Partial<ml.SecureFeatureGroupArgs>) => () => {
            const p = awsPlatform("dev");
            return new ml.SecureFeatureGroup("fg2", {
                key: p.key, role: p.role, offlineBucket: p.trainingData, recordIdentifierFeatureName: "id", eventTimeFeatureName: "ts",
                features: [{ name: "id", type: "String" }, { name: "ts", type: "String" }], ...extra,
            });
        };

        it("offline only when online is off", async () => {
            const c = await capture(group({ online: false }));
            const fg = c.resources.find((r) => r.name === "fg2-feature-group")!;
            assert.equal(fg.inputs.onlineStoreConfig, undefined);
            assert.ok(fg.inputs.offlineStoreConfig);
        });

        it("rejects inputs that would weaken or break it", async () => {
            const p = () => awsPlatform("dev");
            await rejects(group({ recordIdentifierFeatureName: "missing" }), /recordIdentifierFeatureName.*not one of the features/);
            await rejects(group({ features: [{ name: "id", type: "String" }, { name: "id", type: "String" }, { name: "ts", type: "String" }] }), /defined twice/);
            await rejects(group({ offlinePrefix: "/abs" }), /offlinePrefix/);
            await rejects(() => {
                const x = p();
                return new ml.SecureFeatureGroup("fg3", {
                    key: x.key, role: x.role, offlineBucket: x.artifacts, recordIdentifierFeatureName: "id", eventTimeFeatureName: "ts",
                    features: [{ name: "id", type: "String" }, { name: "ts", type: "String" }],
                });
            }, /training-data/);
        });
    });

    describe("SecureMonitoringSchedule", () => {
        it("encrypts traffic, volume and output, isolates the job in the private subnets and schedules it by name", async () => {
            const c = await platform();
            assertChildrenOf(c, "mlguard:aws:SecureMonitoringSchedule", "churn-quality");
            const def = c.one("aws:sagemaker/dataQualityJobDefinition:DataQualityJobDefinition");
            const net = def.inputs.networkConfig as Record<string, any>;
            assert.equal(net.enableInterContainerTrafficEncryption, true);
            assert.equal(net.enableNetworkIsolation, true);
            assert.equal(net.vpcConfig.subnets.length, 2);
            assert.ok(c.dependsThrough(def, "jobResources", c.one(T.key, "ml-key-key")));
            assert.ok(c.dependsThrough(def, "dataQualityJobOutputConfig", c.one(T.key, "ml-key-key")));
            assert.ok(c.dependsThrough(def, "dataQualityJobOutputConfig", c.one(T.bucket, "artifacts-bucket")));
            const schedule = c.one("aws:sagemaker/monitoringSchedule:MonitoringSchedule");
            assert.ok(c.dependsThrough(schedule, "monitoringScheduleConfig", def));
        });

        it("rejects a non-ECR analyzer image, a bad prefix and a non-cron schedule", async () => {
            const make = (extra: Partial<ml.SecureMonitoringScheduleArgs>) => () => {
                const p = awsPlatform("dev");
                return new ml.SecureMonitoringSchedule("m2", {
                    network: p.network, key: p.key, role: p.role, endpointName: "churn", outputBucket: p.artifacts,
                    analyzerImageUri: "468650794304.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-model-monitor-analyzer", ...extra,
                });
            };
            await rejects(make({ analyzerImageUri: "docker.io/acme/analyzer:latest" }), /analyzerImageUri/);
            await rejects(make({ outputPrefix: "/x" }), /outputPrefix/);
            await rejects(make({ scheduleExpression: "rate(1 hour)" }), /scheduleExpression/);
        });
    });

    describe("SecureModelEndpoint", () => {
        it("isolates the model in the VPC, pins the image by digest, reads from the locked bucket, encrypts with the CMK", async () => {
            const c = await platform();
            assertChildrenOf(c, "mlguard:aws:SecureModelEndpoint", "churn");
            const model = c.one(T.model);
            assert.equal(model.inputs.enableNetworkIsolation, true);
            const pc = model.inputs.primaryContainer as Record<string, any>;
            assert.equal(pc.image, `111122223333.dkr.ecr.eu-west-1.amazonaws.com/inference@${DIGEST}`);
            assert.equal(pc.modelDataUrl, "s3://artifacts-dev-111122223333-eu-west-1/churn/v1/model.tar.gz");
            assert.ok(c.dependsThrough(model, "primaryContainer", c.one(T.repo)));
            assert.ok(c.dependsThrough(model, "primaryContainer", c.one(T.bucket, "artifacts-bucket")));
            const vpc = model.inputs.vpcConfig as Record<string, string[]>;
            assert.equal(vpc.subnets!.length, 2);
            assert.deepEqual(vpc.securityGroupIds, ["ml-net-workloads-sg-id"]);
            const cfg = c.one(T.endpointConfig);
            assert.ok(c.dependsThrough(cfg, "kmsKeyArn", c.one(T.key, "ml-key-key")));
            const variant = (cfg.inputs.productionVariants as Array<Record<string, unknown>>)[0]!;
            assert.equal(variant.initialInstanceCount, 2);
            assert.equal(cfg.inputs.dataCaptureConfig, undefined);
            assert.ok(c.dependsThrough(c.one(T.smEndpoint), "endpointConfigName", cfg));
        });

        const endpoint = (extra: Partial<ml.SecureModelEndpointArgs>, environment: "prod" | "dev" = "prod") => () => {
            const p = awsPlatform(environment);
            return new ml.SecureModelEndpoint("ep2", {
                environment, network: p.network, key: p.key, role: p.role, repository: p.repository, imageDigest: DIGEST,
                modelBucket: p.artifacts, modelDataKey: "m/1.tar.gz", ...extra,
            });
        };

        it("overrides: data capture (encrypted, into a locked bucket), NVMe instance types, instance count outside prod", async () => {
            const c2 = await capture(() => {
                const p = awsPlatform("dev");
                new ml.SecureModelEndpoint("ep2", {
                    environment: "dev", network: p.network, key: p.key, role: p.role, repository: p.repository, imageDigest: DIGEST,
                    modelBucket: p.artifacts, modelDataKey: "m/1.tar.gz", initialInstanceCount: 1, instanceType: "ml.g5.xlarge",
                    dataCapture: { bucket: p.artifacts, samplingPercentage: 20 },
                });
            });
            const cfg = c2.one(T.endpointConfig, "ep2-config");
            assert.equal(cfg.inputs.kmsKeyArn, undefined, "NVMe instance storage cannot take a KMS key");
            const dc = cfg.inputs.dataCaptureConfig as Record<string, unknown>;
            assert.equal(dc.enableCapture, true);
            assert.equal(dc.initialSamplingPercentage, 20);
            assert.match(String(dc.kmsKeyId), /^arn:aws:kms:/);
            assert.equal(dc.destinationS3Uri, "s3://artifacts-dev-111122223333-eu-west-1/data-capture/ep2");
            assert.equal((cfg.inputs.productionVariants as Array<Record<string, unknown>>)[0]!.initialInstanceCount, 1);
        });

        it("escape hatch: allowContainerEgress turns isolation off and tags the model with the reason", async () => {
            const c = await capture(endpoint({ allowContainerEgress: { reason: "calls the feature API in-VPC, RISK-77" } }));
            const model = c.one(T.model, "ep2-model");
            assert.equal(model.inputs.enableNetworkIsolation, false);
            assert.equal((model.inputs.tags as Record<string, string>)[EXCEPTION_TAG], "calls the feature API in-VPC, RISK-77");
            assert.ok(model.inputs.vpcConfig, "still in the VPC");
        });

        it("rejects a single instance in prod, training-data buckets, bad digests and reasonless escape hatches", async () => {
            await rejects(endpoint({ initialInstanceCount: 1 }), /SecureModelEndpoint: invalid input `initialInstanceCount`: must be a whole number ≥ 2 in prod/);
            await rejects(() => {
                const p = awsPlatform();
                return new ml.SecureModelEndpoint("e", {
                    environment: "prod", network: p.network, key: p.key, role: p.role, repository: p.repository, imageDigest: DIGEST,
                    modelBucket: p.trainingData, modelDataKey: "m.tar.gz",
                });
            }, /`modelBucket`: must be a LockedMlBucket with dataClass "model-artifacts"/);
            await rejects(endpoint({ imageDigest: "v1" }), /ModelImageRepository: invalid input `digest`/);
            await rejects(endpoint({ allowContainerEgress: { reason: " " } }), /`allowContainerEgress.reason`/);
            await rejects(endpoint({ modelDataKey: "/abs" }), /`modelDataKey`/);
        });
    });
});
