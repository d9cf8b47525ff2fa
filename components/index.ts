/**
 * Secure-by-default Pulumi components for SageMaker and Vertex AI:
 * `import { aws, gcp } from "mlguard/components"`.
 *
 * Each cloud's components load on first use of `aws` or `gcp`, so an AWS-only program works
 * without `@pulumi/gcp` installed (and the reverse); `mlguard/components/aws` and
 * `mlguard/components/gcp` import one cloud directly.
 */

// Used only inside the ambient namespaces below, so TypeScript elides both imports from the JS.
import * as AwsComponents from "./aws";
import * as GcpComponents from "./gcp";

export { MlguardComponentError, EXCEPTION_TAG, type EscapeHatch, type Environment } from "./errors";

/*
 * The clouds as namespaces, for types (`aws.MlKmsKeyArgs`) and values alike: each name aliases the
 * cloud module's export, and the getters below supply the values at run time. Nothing here is
 * emitted, so neither SDK is loaded until used. test/components/lazy-root.test.ts checks that the
 * lists match the cloud modules' exports.
 */
/** The AWS components (`@pulumi/aws` required). */
export declare namespace aws {
    export import MlEndpointTiers = AwsComponents.MlEndpointTiers;
    export import InspectedEgress = AwsComponents.InspectedEgress;
    export import MlPrivateNetworkArgs = AwsComponents.MlPrivateNetworkArgs;
    export import MlPrivateNetwork = AwsComponents.MlPrivateNetwork;
    export import DEFAULT_VIA_SERVICES = AwsComponents.DEFAULT_VIA_SERVICES;
    export import MlKmsKeyArgs = AwsComponents.MlKmsKeyArgs;
    export import MlKmsKey = AwsComponents.MlKmsKey;
    export import MlDataClass = AwsComponents.MlDataClass;
    export import ObjectLockMode = AwsComponents.ObjectLockMode;
    export import DEFAULT_RETENTION_DAYS = AwsComponents.DEFAULT_RETENTION_DAYS;
    export import PROD_MIN_RETENTION_DAYS = AwsComponents.PROD_MIN_RETENTION_DAYS;
    export import LockedMlBucketArgs = AwsComponents.LockedMlBucketArgs;
    export import LockedMlBucket = AwsComponents.LockedMlBucket;
    export import extraStatementProblem = AwsComponents.extraStatementProblem;
    export import extraStatementEscalations = AwsComponents.extraStatementEscalations;
    export import ExtraStatement = AwsComponents.ExtraStatement;
    export import SageMakerExecutionRoleArgs = AwsComponents.SageMakerExecutionRoleArgs;
    export import SageMakerExecutionRole = AwsComponents.SageMakerExecutionRole;
    export import ModelImageRepositoryArgs = AwsComponents.ModelImageRepositoryArgs;
    export import ModelImageRepository = AwsComponents.ModelImageRepository;
    export import codeRepositoryProblem = AwsComponents.codeRepositoryProblem;
    export import NotebookPlatform = AwsComponents.NotebookPlatform;
    export import SUPPORTED_NOTEBOOK_PLATFORMS = AwsComponents.SUPPORTED_NOTEBOOK_PLATFORMS;
    export import NotebookLifecycle = AwsComponents.NotebookLifecycle;
    export import SecureNotebookInstanceArgs = AwsComponents.SecureNotebookInstanceArgs;
    export import SecureNotebookInstance = AwsComponents.SecureNotebookInstance;
    export import SecureStudioDomainArgs = AwsComponents.SecureStudioDomainArgs;
    export import StudioUserProfileArgs = AwsComponents.StudioUserProfileArgs;
    export import SecureStudioDomain = AwsComponents.SecureStudioDomain;
    export import hasNvmeInstanceStorage = AwsComponents.hasNvmeInstanceStorage;
    export import DataCaptureArgs = AwsComponents.DataCaptureArgs;
    export import SecureModelEndpointArgs = AwsComponents.SecureModelEndpointArgs;
    export import SecureModelEndpoint = AwsComponents.SecureModelEndpoint;
    export import FeatureType = AwsComponents.FeatureType;
    export import FeatureDefinition = AwsComponents.FeatureDefinition;
    export import SecureFeatureGroupArgs = AwsComponents.SecureFeatureGroupArgs;
    export import SecureFeatureGroup = AwsComponents.SecureFeatureGroup;
    export import SecureMonitoringScheduleArgs = AwsComponents.SecureMonitoringScheduleArgs;
    export import SecureMonitoringSchedule = AwsComponents.SecureMonitoringSchedule;
}
/** The GCP components (`@pulumi/gcp` required). */
export declare namespace gcp {
    export import ServiceAgent = GcpComponents.ServiceAgent;
    export import ALL_SERVICE_AGENTS = GcpComponents.ALL_SERVICE_AGENTS;
    export import VertexCmekKeyArgs = GcpComponents.VertexCmekKeyArgs;
    export import VertexCmekKey = GcpComponents.VertexCmekKey;
    export import ModelDataClass = GcpComponents.ModelDataClass;
    export import DEFAULT_GCS_RETENTION_DAYS = GcpComponents.DEFAULT_GCS_RETENTION_DAYS;
    export import PROD_MIN_GCS_RETENTION_DAYS = GcpComponents.PROD_MIN_GCS_RETENTION_DAYS;
    export import LockedModelBucketArgs = GcpComponents.LockedModelBucketArgs;
    export import LockedModelBucket = GcpComponents.LockedModelBucket;
    export import SecureWorkbenchInstanceArgs = GcpComponents.SecureWorkbenchInstanceArgs;
    export import SecureWorkbenchInstance = GcpComponents.SecureWorkbenchInstance;
    export import numericId = GcpComponents.numericId;
    export import PscConnectivity = GcpComponents.PscConnectivity;
    export import PeeringConnectivity = GcpComponents.PeeringConnectivity;
    export import PrivateVertexEndpointArgs = GcpComponents.PrivateVertexEndpointArgs;
    export import PrivateVertexEndpoint = GcpComponents.PrivateVertexEndpoint;
    export import VertexStoreSelection = GcpComponents.VertexStoreSelection;
    export import VertexDataStoresArgs = GcpComponents.VertexDataStoresArgs;
    export import VertexDataStores = GcpComponents.VertexDataStores;
    export import CORE_RESTRICTED_SERVICES = GcpComponents.CORE_RESTRICTED_SERVICES;
    export import RESTRICTED_VIP = GcpComponents.RESTRICTED_VIP;
    export import VertexPerimeterArgs = GcpComponents.VertexPerimeterArgs;
    export import VertexPerimeter = GcpComponents.VertexPerimeter;
    export import AUDITED_SERVICES = GcpComponents.AUDITED_SERVICES;
    export import VertexAuditConfigArgs = GcpComponents.VertexAuditConfigArgs;
    export import VertexAuditConfig = GcpComponents.VertexAuditConfig;
}

function lazyCloud(name: "aws" | "gcp", load: () => unknown): void {
    let loaded: unknown;
    Object.defineProperty(exports, name, {
        enumerable: true,
        get() {
            if (loaded !== undefined) return loaded;
            try {
                loaded = load();
            } catch (err) {
                const code = (err as { code?: string }).code;
                if (code === "MODULE_NOT_FOUND" && String((err as Error).message).includes(`@pulumi/${name}`)) {
                    throw new Error(`mlguard/components: the ${name.toUpperCase()} components need @pulumi/${name}; install it with \`npm install @pulumi/${name}\``, { cause: err });
                }
                throw err;
            }
            return loaded;
        },
    });
}

/* eslint-disable @typescript-eslint/no-require-imports */
lazyCloud("aws", () => require("./aws"));
lazyCloud("gcp", () => require("./gcp"));
/* eslint-enable @typescript-eslint/no-require-imports */
