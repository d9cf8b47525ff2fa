import * as assert from "node:assert/strict";
import { gcp as mg, MlguardComponentError } from "../../components";
import { Capture, capturePulumi, MOCK_GCP_PROJECT_NUMBER } from "../support/pulumi-capture";
import { GCP_NETWORK, GCP_PROJECT, GCP_REGION, GCP_SUBNET, gcpPlatform } from "./fixtures";

const T = {
    keyRing: "gcp:kms/keyRing:KeyRing",
    cryptoKey: "gcp:kms/cryptoKey:CryptoKey",
    keyMember: "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember",
    ringMember: "gcp:kms/keyRingIAMMember:KeyRingIAMMember",
    identity: "gcp:projects/serviceIdentity:ServiceIdentity",
    bucket: "gcp:storage/bucket:Bucket",
    bucketMember: "gcp:storage/bucketIAMMember:BucketIAMMember",
    sa: "gcp:serviceaccount/account:Account",
    saMember: "gcp:serviceaccount/iAMMember:IAMMember",
    projectMember: "gcp:projects/iAMMember:IAMMember",
    workbench: "gcp:workbench/instance:Instance",
    endpoint: "gcp:vertex/aiEndpoint:AiEndpoint",
    dataset: "gcp:vertex/aiDataset:AiDataset",
    onlineStore: "gcp:vertex/aiFeatureOnlineStore:AiFeatureOnlineStore",
    featureStore: "gcp:vertex/aiFeatureStore:AiFeatureStore",
    metadata: "gcp:vertex/aiMetadataStore:AiMetadataStore",
    tensorboard: "gcp:vertex/aiTensorboard:AiTensorboard",
    perimeter: "gcp:accesscontextmanager/servicePerimeter:ServicePerimeter",
    zone: "gcp:dns/managedZone:ManagedZone",
    record: "gcp:dns/recordSet:RecordSet",
    audit: "gcp:projects/iAMAuditConfig:IAMAuditConfig",
};

async function capture(program: () => unknown, preview = false): Promise<Capture> {
    return new Capture(await capturePulumi(program, { preview }));
}

/** The default platform (update mode), captured once: tests only read it. */
let cachedPlatform: Promise<Capture> | undefined;
function platform(): Promise<Capture> {
    return (cachedPlatform ??= capture(() => gcpPlatform()));
}

async function rejects(program: () => unknown, pattern: RegExp) {
    await assert.rejects(capturePulumi(program), (err: unknown) => {
        assert.ok(err instanceof MlguardComponentError, `expected MlguardComponentError, got ${String(err)}`);
        assert.match(err.message, pattern);
        return true;
    });
}

function assertChildrenOf(c: Capture, componentType: string, name: string) {
    const component = c.resources.find((r) => r.type === componentType && r.name === name);
    assert.ok(component, `component ${componentType} ${name}`);
    const children = c.resources.filter((r) => r.parent === component.urn);
    assert.ok(children.length > 0);
    for (const child of children) assert.ok(child.name.startsWith(`${name}-`), `${child.name} prefixed with ${name}-`);
    return { component, children };
}

const key = (extra: Partial<mg.VertexCmekKeyArgs> = {}) => new mg.VertexCmekKey("k", { project: GCP_PROJECT, region: GCP_REGION, ...extra });

describe("GCP components", () => {
    describe("VertexCmekKey", () => {
        it("is a regional, 90-day rotating key with a 30-day destroy delay, protected, granted to the four service agents", async () => {
            const c = await capture(() => key());
            const { component, children } = assertChildrenOf(c, "mlguard:gcp:VertexCmekKey", "k");
            assert.ok(component.protect && children.every((r) => r.protect));
            assert.equal(c.one(T.keyRing).inputs.location, GCP_REGION);
            const ck = c.one(T.cryptoKey);
            assert.equal(ck.inputs.rotationPeriod, "7776000s");
            assert.equal(ck.inputs.purpose, "ENCRYPT_DECRYPT");
            assert.equal(ck.inputs.destroyScheduledDuration, "2592000s");
            assert.deepEqual(ck.inputs.versionTemplate, { algorithm: "GOOGLE_SYMMETRIC_ENCRYPTION", protectionLevel: "SOFTWARE" });
            assert.ok(c.dependsThrough(ck, "keyRing", c.one(T.keyRing)));
            const members = c.ofType(T.keyMember).map((m) => m.inputs.member).sort();
            assert.deepEqual(members, [
                `serviceAccount:service-${MOCK_GCP_PROJECT_NUMBER}@compute-system.iam.gserviceaccount.com`,
                `serviceAccount:service-${MOCK_GCP_PROJECT_NUMBER}@gcp-sa-aiplatform.iam.gserviceaccount.com`,
                `serviceAccount:service-${MOCK_GCP_PROJECT_NUMBER}@gcp-sa-notebooks.iam.gserviceaccount.com`,
                `serviceAccount:service-${MOCK_GCP_PROJECT_NUMBER}@gs-project-accounts.iam.gserviceaccount.com`,
            ]);
            for (const m of c.ofType(T.keyMember)) {
                assert.equal(m.inputs.role, "roles/cloudkms.cryptoKeyEncrypterDecrypter");
                assert.ok(c.dependsThrough(m, "cryptoKeyId", ck));
            }
            assert.deepEqual(c.ofType(T.identity).map((i) => i.inputs.service).sort(), ["aiplatform.googleapis.com", "notebooks.googleapis.com"]);
            const vertexGrant = c.one(T.keyMember, "k-aiplatform-encrypter");
            assert.ok(vertexGrant.dependencies.includes(c.one(T.identity, "k-aiplatform-agent").urn), "the grant waits for the agent to exist");
        });

        it("overrides: rotation, HSM, agent subset, extra encrypters, separate ring admins", async () => {
            const c = await capture(() => key({
                rotationDays: 30, hsm: true, serviceAgents: ["aiplatform"],
                extraEncrypterMembers: ["serviceAccount:pipeline@ml.iam.gserviceaccount.com"], keyRingAdmins: ["group:kms-admins@example.com"],
            }));
            const ck = c.one(T.cryptoKey);
            assert.equal(ck.inputs.rotationPeriod, "2592000s");
            assert.equal((ck.inputs.versionTemplate as Record<string, string>).protectionLevel, "HSM");
            assert.equal(c.ofType(T.keyMember).length, 2);
            const admin = c.one(T.ringMember);
            assert.equal(admin.inputs.role, "roles/cloudkms.admin");
            assert.equal(admin.inputs.member, "group:kms-admins@example.com");
        });

        it("rejects global keys, slow rotation, human or public encrypters and admins who also encrypt", async () => {
            await rejects(() => key({ region: "global" }), /VertexCmekKey: invalid input `region`: must be a Vertex AI region/);
            await rejects(() => key({ rotationDays: 365 }), /`rotationDays`: must be a whole number of days from 1 to 90 \(got 365\)/);
            await rejects(() => key({ extraEncrypterMembers: ["allUsers"] }), /`extraEncrypterMembers`: "allUsers" is not a service account/);
            await rejects(() => key({ extraEncrypterMembers: ["user:bob@example.com"] }), /is not a service account/);
            await rejects(() => key({ extraEncrypterMembers: ["serviceAccount:x@p.iam.gserviceaccount.com"], keyRingAdmins: ["serviceAccount:x@p.iam.gserviceaccount.com"] }), /`keyRingAdmins`: .* separate duties/);
            await rejects(() => key({ project: "" }), /`project`: is required/);
        });
    });

    describe("LockedModelBucket", () => {
        it("prod: locked retention, UBLA, PAP enforced, CMEK only, soft delete, no force-destroy, least-privilege IAM", async () => {
            const c = await capture(() => new mg.LockedModelBucket("models", {
                project: GCP_PROJECT, dataClass: "model-artifacts", environment: "prod", key: key(),
                writers: ["serviceAccount:pipeline@p.iam.gserviceaccount.com"], readers: ["serviceAccount:serving@p.iam.gserviceaccount.com"],
            }));
            const { component } = assertChildrenOf(c, "mlguard:gcp:LockedModelBucket", "models");
            assert.ok(component.protect);
            const b = c.one(T.bucket);
            assert.equal(b.inputs.location, "EUROPE-WEST4");
            assert.equal(b.inputs.uniformBucketLevelAccess, true);
            assert.equal(b.inputs.publicAccessPrevention, "enforced");
            assert.deepEqual(b.inputs.retentionPolicy, { retentionPeriod: String(365 * 86400), isLocked: true });
            assert.deepEqual(b.inputs.softDeletePolicy, { retentionDurationSeconds: 604800 });
            assert.equal(b.inputs.forceDestroy, false);
            const enc = b.inputs.encryption as Record<string, any>;
            assert.ok(c.dependsThrough(b, "encryption", c.one(T.cryptoKey)));
            assert.equal(enc.googleManagedEncryptionEnforcementConfig.restrictionMode, "FullyRestricted");
            assert.equal(enc.customerSuppliedEncryptionEnforcementConfig.restrictionMode, "FullyRestricted");
            assert.ok(c.ofType(T.keyMember).every((g) => b.dependencies.includes(g.urn)), "created after the service-agent grants");
            assert.deepEqual(c.ofType(T.bucketMember).map((m) => m.inputs.role).sort(), ["roles/storage.objectCreator", "roles/storage.objectViewer"]);
        });

        it("outside prod the retention is unlocked unless asked, and may be short", async () => {
            const c = await capture(() => new mg.LockedModelBucket("d", { project: GCP_PROJECT, dataClass: "training-data", environment: "dev", key: key(), retentionDays: 2 }));
            assert.deepEqual(c.one(T.bucket).inputs.retentionPolicy, { retentionPeriod: String(2 * 86400), isLocked: false });
            const c2 = await capture(() => new mg.LockedModelBucket("d", { project: GCP_PROJECT, dataClass: "training-data", environment: "dev", key: key(), lockRetention: true, logBucket: "logs" }));
            assert.equal((c2.one(T.bucket).inputs.retentionPolicy as Record<string, unknown>).isLocked, true);
            assert.deepEqual(c2.one(T.bucket).inputs.logging, { logBucket: "logs" });
        });

        it("rejects unlocked prod buckets, retention below the floor and public members", async () => {
            const b = (extra: Partial<mg.LockedModelBucketArgs>) => () => new mg.LockedModelBucket("d", { project: GCP_PROJECT, dataClass: "training-data", environment: "prod", key: key(), ...extra });
            await rejects(b({ lockRetention: false }), /LockedModelBucket: invalid input `lockRetention`: cannot be false in prod/);
            await rejects(b({ retentionDays: 10 }), /`retentionDays`: must be a whole number of days ≥ 30 in prod \(got 10\)/);
            await rejects(b({ readers: ["allUsers"] }), /"allUsers" is a public member/);
            await rejects(b({ dataClass: "tmp" as mg.ModelDataClass }), /`dataClass`/);
        });
    });

    describe("SecureWorkbenchInstance", () => {
        it("no public IP, CMEK disks, Shielded VM, dedicated SA, single owner, hardened Jupyter", async () => {
            const c = await platform();
            assertChildrenOf(c, "mlguard:gcp:SecureWorkbenchInstance", "research");
            const wb = c.one(T.workbench);
            const g = wb.inputs.gceSetup as Record<string, any>;
            assert.equal(g.disablePublicIp, true);
            assert.equal(g.enableIpForwarding, false);
            assert.deepEqual(g.networkInterfaces, [{ network: GCP_NETWORK, subnet: GCP_SUBNET }]);
            for (const disk of [g.bootDisk, g.dataDisks]) {
                assert.equal(disk.diskEncryption, "CMEK");
                assert.match(disk.kmsKey, /\/locations\/europe-west4\/keyRings\/.*\/cryptoKeys\//);
            }
            assert.deepEqual(g.shieldedInstanceConfig, { enableSecureBoot: true, enableVtpm: true, enableIntegrityMonitoring: true });
            assert.deepEqual(g.serviceAccounts, [{ email: "research-workbench@ml-research-prod.iam.gserviceaccount.com" }]);
            assert.ok(wb.dependencies.includes(c.one(T.sa).urn), "the instance waits for its account");
            assert.equal(g.metadata["notebook-disable-root"], "true");
            assert.equal(g.metadata["notebook-disable-downloads"], "true");
            assert.equal(g.metadata["notebook-disable-nbconvert"], "true");
            assert.equal(g.metadata["notebook-disable-terminal"], "true");
            assert.equal(g.metadata["notebook-upgrade-schedule"], "0 3 * * SUN");
            assert.equal(g.metadata["idle-timeout-seconds"], "10800");
            assert.deepEqual(wb.inputs.instanceOwners, ["alice@example.com"]);
            assert.equal(wb.inputs.enableDeletionProtection, true);
            const actAs = c.one(T.saMember);
            assert.equal(actAs.inputs.role, "roles/iam.serviceAccountUser");
            assert.equal(actAs.inputs.member, "user:alice@example.com");
            assert.equal(actAs.inputs.serviceAccountId, "projects/ml-research-prod/serviceAccounts/research-workbench@ml-research-prod.iam.gserviceaccount.com");
            assert.ok(actAs.dependencies.includes(c.one(T.sa).urn));
            assert.ok(c.ofType(T.projectMember).every((m) => m.inputs.member === "serviceAccount:research-workbench@ml-research-prod.iam.gserviceaccount.com"));
            const projectRoles = c.ofType(T.projectMember).map((m) => m.inputs.role);
            assert.deepEqual(projectRoles, ["roles/aiplatform.user"]);
            assert.deepEqual(c.ofType(T.bucketMember).filter((m) => m.name.startsWith("research-")).map((m) => m.inputs.role).sort(), [
                "roles/storage.objectCreator", "roles/storage.objectViewer", "roles/storage.objectViewer",
            ]);
        });

        it("overrides: terminal, idle timeout, machine type, disk sizes, confidential VM", async () => {
            const c = await capture(() => new mg.SecureWorkbenchInstance("wb", {
                project: GCP_PROJECT, zone: "europe-west4-b", key: key(), network: GCP_NETWORK, subnet: GCP_SUBNET, owner: "bob@example.com",
                allowTerminal: true, idleTimeoutSeconds: 3600, machineType: "n2d-standard-4", bootDiskSizeGb: 150, dataDiskSizeGb: 500, confidentialCompute: true,
            }));
            const g = c.one(T.workbench).inputs.gceSetup as Record<string, any>;
            assert.equal(g.metadata["notebook-disable-terminal"], "false");
            assert.equal(g.metadata["notebook-disable-root"], "true");
            assert.equal(g.metadata["idle-timeout-seconds"], "3600");
            assert.equal(g.machineType, "n2d-standard-4");
            assert.equal(g.bootDisk.diskSizeGb, "150");
            assert.equal(g.dataDisks.diskSizeGb, "500");
            assert.deepEqual(g.confidentialInstanceConfig, { confidentialInstanceType: "SEV" });
        });

        it("rejects a zone outside the key's region, shared owners, no auto-upgrade", async () => {
            const wb = (extra: Partial<mg.SecureWorkbenchInstanceArgs>) => () => new mg.SecureWorkbenchInstance("wb1", {
                project: GCP_PROJECT, zone: "europe-west4-a", key: key(), network: GCP_NETWORK, subnet: GCP_SUBNET, owner: "bob@example.com", ...extra,
            });
            await rejects(wb({ zone: "us-central1-a" }), /SecureWorkbenchInstance: invalid input `zone`: "us-central1" differs from the CMEK key's region "europe-west4"/);
            await rejects(wb({ zone: "europe-west4" }), /`zone`: "europe-west4" is not a zone/);
            await rejects(wb({ owner: "group:ml@example.com" }), /`owner`: must be one user's e-mail address/);
            await rejects(wb({ upgradeSchedule: "never" }), /`upgradeSchedule`/);
            await rejects(wb({ idleTimeoutSeconds: 60 }), /`idleTimeoutSeconds`/);
            await rejects(() => new mg.SecureWorkbenchInstance("9lives", {
                project: GCP_PROJECT, zone: "europe-west4-a", key: key(), network: GCP_NETWORK, subnet: GCP_SUBNET, owner: "bob@example.com",
            }), /`name`: "9lives" gives the service-account id/);
        });
    });

    describe("PrivateVertexEndpoint", () => {
        it("PSC with the project allowlisted, CMEK in the same region, created after the grants", async () => {
            const c = await platform();
            assertChildrenOf(c, "mlguard:gcp:PrivateVertexEndpoint", "churn");
            const ep = c.one(T.endpoint);
            assert.deepEqual(ep.inputs.privateServiceConnectConfig, { enablePrivateServiceConnect: true, projectAllowlists: [GCP_PROJECT] });
            assert.equal(ep.inputs.network, undefined);
            assert.equal(ep.inputs.dedicatedEndpointEnabled, undefined);
            assert.ok(c.dependsThrough(ep, "encryptionSpec", c.one(T.cryptoKey)));
            assert.match(String(ep.inputs.name), /^[1-9]\d{9}$/);
            assert.ok(c.ofType(T.keyMember).every((g) => ep.dependencies.includes(g.urn)));
        });

        it("overrides: peering instead of PSC, PSC automation in a consumer network, explicit id", async () => {
            const c = await capture(() => new mg.PrivateVertexEndpoint("ep", {
                project: GCP_PROJECT, region: GCP_REGION, key: key(), endpointId: "42",
                connectivity: { kind: "peering", network: "projects/123456789012/global/networks/ml-vpc" },
            }));
            const ep = c.one(T.endpoint);
            assert.equal(ep.inputs.network, "projects/123456789012/global/networks/ml-vpc");
            assert.equal(ep.inputs.privateServiceConnectConfig, undefined);
            assert.equal(ep.inputs.name, "42");
            const c2 = await capture(() => new mg.PrivateVertexEndpoint("ep", {
                project: GCP_PROJECT, region: GCP_REGION, key: key(), connectivity: { kind: "psc", projectAllowlist: ["consumer-a"], consumerNetwork: GCP_NETWORK },
            }));
            assert.deepEqual(c2.one(T.endpoint).inputs.privateServiceConnectConfig, {
                enablePrivateServiceConnect: true, projectAllowlists: ["consumer-a"], pscAutomationConfigs: [{ projectId: GCP_PROJECT, network: GCP_NETWORK }],
            });
        });

        it("rejects a key in another region, empty allowlists and non-numeric network projects", async () => {
            const ep = (extra: Partial<mg.PrivateVertexEndpointArgs>) => () => new mg.PrivateVertexEndpoint("ep", { project: GCP_PROJECT, region: GCP_REGION, key: key(), ...extra });
            await rejects(ep({ region: "us-central1" }), /PrivateVertexEndpoint: invalid input `region`: "us-central1" differs from the CMEK key's region "europe-west4"/);
            await rejects(ep({ connectivity: { kind: "psc", projectAllowlist: [] } }), /`connectivity.projectAllowlist`: must list the consumer projects/);
            await rejects(ep({ connectivity: { kind: "peering", network: "projects/my-proj/global/networks/x" } }), /`connectivity.network`/);
            await rejects(ep({ endpointId: "0123" }), /`endpointId`/);
            await rejects(ep({ connectivity: { kind: "public" } as unknown as mg.PscConnectivity }), /`connectivity`: kind must be "psc" or "peering"/);
        });
    });

    describe("VertexDataStores", () => {
        it("every store CMEK-encrypted in the key's region; the online store PSC-only; metadata store named default", async () => {
            const c = await platform();
            assertChildrenOf(c, "mlguard:gcp:VertexDataStores", "features");
            const ck = c.one(T.cryptoKey);
            for (const t of [T.dataset, T.onlineStore, T.metadata, T.tensorboard]) {
                const r = c.one(t);
                assert.ok(c.dependsThrough(r, "encryptionSpec", ck), `${t} uses the CMEK key`);
                assert.equal(r.inputs.region, GCP_REGION);
            }
            assert.equal(c.ofType(T.featureStore).length, 0, "legacy feature store is opt-in");
            const os = c.one(T.onlineStore);
            assert.deepEqual(os.inputs.dedicatedServingEndpoint, { privateServiceConnectConfig: { enablePrivateServiceConnect: true, projectAllowlists: [GCP_PROJECT] } });
            assert.equal(os.inputs.forceDestroy, false);
            assert.equal(c.one(T.metadata).inputs.name, "default");
        });

        it("overrides: store selection", async () => {
            const c = await capture(() => new mg.VertexDataStores("s", {
                project: GCP_PROJECT, region: GCP_REGION, key: key(),
                stores: { dataset: false, featureOnlineStore: false, legacyFeatureStore: true, metadataStore: false, tensorboard: false },
            }));
            assert.deepEqual(c.resources.filter((r) => r.type.startsWith("gcp:vertex/")).map((r) => r.type), [T.featureStore]);
            assert.equal(c.one(T.featureStore).inputs.forceDestroy, false);
        });

        it("rejects another region and wildcard allowlists", async () => {
            await rejects(() => new mg.VertexDataStores("s", { project: GCP_PROJECT, region: "us-east1", key: key() }), /VertexDataStores: invalid input `region`: "us-east1" differs/);
            await rejects(() => new mg.VertexDataStores("s", { project: GCP_PROJECT, region: GCP_REGION, key: key(), projectAllowlist: ["*"] }), /`projectAllowlist`/);
        });
    });

    describe("VertexPerimeter", () => {
        it("enforced, regular, restricting the ML services for the ML project numbers, VPC access restricted", async () => {
            const c = await platform();
            const { component } = assertChildrenOf(c, "mlguard:gcp:VertexPerimeter", "ml-perimeter");
            assert.ok(component.protect);
            const p = c.one(T.perimeter);
            assert.equal(p.inputs.perimeterType, "PERIMETER_TYPE_REGULAR");
            assert.equal(p.inputs.name, "accessPolicies/123456/servicePerimeters/ml_perimeter");
            assert.equal(p.inputs.spec, undefined);
            const status = p.inputs.status as Record<string, any>;
            assert.deepEqual(status.resources, ["projects/123456789012"]);
            for (const s of ["aiplatform.googleapis.com", "notebooks.googleapis.com", "storage.googleapis.com"]) assert.ok(status.restrictedServices.includes(s));
            assert.deepEqual(status.vpcAccessibleServices, { enableRestriction: true, allowedServices: ["RESTRICTED-SERVICES"] });
            assert.equal(status.ingressPolicies, undefined);
        });

        it("overrides: dry-run outside prod, named ingress identities, extra services, restricted DNS", async () => {
            const c = await capture(() => new mg.VertexPerimeter("vp", {
                accessPolicy: "accessPolicies/9", projectNumbers: ["1"], environment: "dev", mode: "dry-run",
                ingressIdentities: ["group:ml-admins@example.com"], extraRestrictedServices: ["bigtable.googleapis.com"],
                dnsNetworks: [GCP_NETWORK], dnsProject: GCP_PROJECT,
            }));
            const p = c.one(T.perimeter);
            assert.equal(p.inputs.status, undefined);
            assert.equal(p.inputs.useExplicitDryRunSpec, true);
            const spec = p.inputs.spec as Record<string, any>;
            assert.ok(spec.restrictedServices.includes("bigtable.googleapis.com"));
            const ingress = spec.ingressPolicies[0];
            assert.deepEqual(ingress.ingressFrom.identities, ["group:ml-admins@example.com"]);
            assert.equal(ingress.ingressFrom.identityType, undefined);
            assert.deepEqual(ingress.ingressTo.resources, ["projects/1"]);
            assert.ok(ingress.ingressTo.operations.every((o: { serviceName: string }) => o.serviceName !== "*"));
            assert.equal(c.one(T.zone).inputs.dnsName, "googleapis.com.");
            assert.deepEqual(c.one(T.record, "vp-wildcard-cname").inputs.rrdatas, ["restricted.googleapis.com."]);
            assert.deepEqual(c.one(T.record, "vp-restricted-a").inputs.rrdatas, ["199.36.153.4", "199.36.153.5", "199.36.153.6", "199.36.153.7"]);
        });

        it("rejects dry-run in prod, project ids instead of numbers, wildcard identities", async () => {
            const vp = (extra: Partial<mg.VertexPerimeterArgs>) => () => new mg.VertexPerimeter("vp", { accessPolicy: "9", projectNumbers: ["1"], environment: "prod", ...extra });
            await rejects(vp({ mode: "dry-run" }), /VertexPerimeter: invalid input `mode`: must be enforced in prod/);
            await rejects(vp({ projectNumbers: ["ml-research-prod"] }), /`projectNumbers`: "ml-research-prod" is not a project number/);
            await rejects(vp({ ingressIdentities: ["allUsers"] }), /`ingressIdentities`/);
            await rejects(vp({ ingressIdentities: ["user:*@example.com"] }), /`ingressIdentities`/);
            await rejects(vp({ accessPolicy: "my-policy" }), /`accessPolicy`/);
            await rejects(vp({ dnsNetworks: [GCP_NETWORK] }), /`dnsProject`: is required with dnsNetworks/);
        });
    });

    describe("remaining GCP overrides", () => {
        it("key: workload project and names; bucket: explicit name; Workbench: upgrade schedule; stores: prefix and allowlist; perimeter: access levels", async () => {
            const c = await capture(() => {
                const k = new mg.VertexCmekKey("k", { project: "ml-keys", workloadProject: GCP_PROJECT, region: GCP_REGION, keyRingName: "ml", keyName: "vertex" });
                new mg.LockedModelBucket("b", { project: GCP_PROJECT, dataClass: "training-data", environment: "dev", key: k, bucketName: "acme-ml-training" });
                new mg.SecureWorkbenchInstance("wb-two", {
                    project: GCP_PROJECT, zone: "europe-west4-c", key: k, network: GCP_NETWORK, subnet: GCP_SUBNET, owner: "dana@example.com", upgradeSchedule: "30 2 * * MON",
                });
                new mg.VertexDataStores("s", { project: GCP_PROJECT, region: GCP_REGION, key: k, storePrefix: "team_a", projectAllowlist: ["consumer-b"] });
                new mg.VertexPerimeter("vp", { accessPolicy: "9", projectNumbers: ["1"], environment: "prod", accessLevels: ["accessPolicies/9/accessLevels/corp"] });
            });
            assert.equal(c.one(T.keyRing).inputs.project, "ml-keys");
            assert.equal(c.one(T.keyMember, "k-aiplatform-encrypter").inputs.cryptoKeyId, "projects/ml-keys/locations/europe-west4/keyRings/ml/cryptoKeys/vertex");
            assert.equal(c.one(T.identity, "k-aiplatform-agent").inputs.project, GCP_PROJECT);
            assert.equal(c.one(T.bucket).inputs.name, "acme-ml-training");
            assert.equal((c.one(T.workbench).inputs.gceSetup as Record<string, any>).metadata["notebook-upgrade-schedule"], "30 2 * * MON");
            const os = c.one(T.onlineStore);
            assert.equal(os.inputs.name, "team_a_online");
            assert.deepEqual((os.inputs.dedicatedServingEndpoint as Record<string, any>).privateServiceConnectConfig.projectAllowlists, ["consumer-b"]);
            assert.deepEqual((c.one(T.perimeter).inputs.status as Record<string, any>).accessLevels, ["accessPolicies/9/accessLevels/corp"]);
        });
    });

    describe("VertexAuditConfig", () => {
        it("ADMIN_READ, DATA_READ and DATA_WRITE for Vertex AI, Workbench, Storage and KMS, no exemptions", async () => {
            const c = await platform();
            assertChildrenOf(c, "mlguard:gcp:VertexAuditConfig", "audit");
            const configs = c.ofType(T.audit);
            assert.deepEqual(configs.map((a) => a.inputs.service).sort(), ["aiplatform.googleapis.com", "cloudkms.googleapis.com", "notebooks.googleapis.com", "storage.googleapis.com"]);
            for (const a of configs) {
                assert.equal(a.inputs.project, GCP_PROJECT);
                assert.deepEqual(a.inputs.auditLogConfigs, [{ logType: "ADMIN_READ" }, { logType: "DATA_READ" }, { logType: "DATA_WRITE" }]);
            }
        });

        it("the service list can grow, never shrink", async () => {
            const c = await capture(() => new mg.VertexAuditConfig("a", { project: GCP_PROJECT, extraServices: ["bigquery.googleapis.com"] }));
            assert.equal(c.ofType(T.audit).length, 5);
            await rejects(() => new mg.VertexAuditConfig("a", { project: GCP_PROJECT, extraServices: ["*"] }), /VertexAuditConfig: invalid input `extraServices`/);
            await rejects(() => new mg.VertexAuditConfig("a", { project: "" }), /`project`: is required/);
        });
    });
});
