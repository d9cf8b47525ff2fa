import type { AnyControl } from "../control";
import awsIamNoAdminWildcard from "./aws-iam-no-admin-wildcard";
import awsIamPassroleScoped from "./aws-iam-passrole-scoped";
import awsKmsKeyRotation from "./aws-kms-key-rotation";
import awsMlSubnetPrivateRoute from "./aws-ml-subnet-private-route";
import awsS3KmsEncrypted from "./aws-s3-kms-encrypted";
import awsS3ObjectLockEnabled from "./aws-s3-object-lock-enabled";
import awsSagemakerNotebookInVpc from "./aws-sagemaker-notebook-in-vpc";
import awsSagemakerNotebookKmsEncrypted from "./aws-sagemaker-notebook-kms-encrypted";
import awsSagemakerNotebookNoDirectInternet from "./aws-sagemaker-notebook-no-direct-internet";
import awsSagemakerNotebookNoRootAccess from "./aws-sagemaker-notebook-no-root-access";
import awsSagemakerNotebookImdsv2 from "./aws-sagemaker-notebook-imdsv2";
import awsSagemakerNotebookSupportedPlatform from "./aws-sagemaker-notebook-supported-platform";
import awsSagemakerCodeRepositoryTrusted from "./aws-sagemaker-code-repository-trusted";
import awsSagemakerModelNetworkIsolation from "./aws-sagemaker-model-network-isolation";
import awsSagemakerEndpointConfigKmsEncrypted from "./aws-sagemaker-endpoint-config-kms-encrypted";
import awsSagemakerEndpointConfigCaptureKmsEncrypted from "./aws-sagemaker-endpoint-config-capture-kms-encrypted";
import awsSagemakerEndpointConfigMultiInstance from "./aws-sagemaker-endpoint-config-multi-instance";
import awsSagemakerModelInVpc from "./aws-sagemaker-model-in-vpc";
import awsSagemakerDomainVpcOnly from "./aws-sagemaker-domain-vpc-only";
import awsSagemakerDomainKmsEncrypted from "./aws-sagemaker-domain-kms-encrypted";
import awsSagemakerStudioSecurityGroups from "./aws-sagemaker-studio-security-groups";
import awsSagemakerStudioSharingRestricted from "./aws-sagemaker-studio-sharing-restricted";
import awsSagemakerStudioHardened from "./aws-sagemaker-studio-hardened";
import awsSagemakerFeatureGroupKmsEncrypted from "./aws-sagemaker-feature-group-kms-encrypted";
import awsSagemakerMonitoringTrafficEncrypted from "./aws-sagemaker-monitoring-traffic-encrypted";
import awsSagemakerMonitoringNetworkIsolation from "./aws-sagemaker-monitoring-network-isolation";
import awsSagemakerMonitoringKmsAndVpc from "./aws-sagemaker-monitoring-kms-and-vpc";
import awsSagemakerTrainingJobHardened from "./aws-sagemaker-training-job-hardened";
import awsSagemakerModelTrustedSources from "./aws-sagemaker-model-trusted-sources";
import gcpGcsCmek from "./gcp-gcs-cmek";
import gcpGcsRetentionLocked from "./gcp-gcs-retention-locked";
import gcpIamNoBasicRoles from "./gcp-iam-no-basic-roles";
import gcpIamNoPublicMembers from "./gcp-iam-no-public-members";
import gcpKmsKeyRotation from "./gcp-kms-key-rotation";
import gcpWorkbenchCmekDisks from "./gcp-workbench-cmek-disks";
import gcpWorkbenchNoPublicIp from "./gcp-workbench-no-public-ip";

/** Every control in the catalog, one line each. */
export const allControls: readonly AnyControl[] = [
    awsSagemakerNotebookNoDirectInternet,
    awsSagemakerNotebookInVpc,
    awsSagemakerNotebookNoRootAccess,
    awsSagemakerNotebookKmsEncrypted,
    awsMlSubnetPrivateRoute,
    awsS3ObjectLockEnabled,
    awsS3KmsEncrypted,
    awsKmsKeyRotation,
    awsIamNoAdminWildcard,
    awsIamPassroleScoped,
    gcpGcsCmek,
    gcpGcsRetentionLocked,
    gcpIamNoBasicRoles,
    gcpIamNoPublicMembers,
    gcpKmsKeyRotation,
    gcpWorkbenchCmekDisks,
    gcpWorkbenchNoPublicIp,
    awsSagemakerNotebookImdsv2,
    awsSagemakerNotebookSupportedPlatform,
    awsSagemakerCodeRepositoryTrusted,
    awsSagemakerModelNetworkIsolation,
    awsSagemakerEndpointConfigKmsEncrypted,
    awsSagemakerEndpointConfigCaptureKmsEncrypted,
    awsSagemakerEndpointConfigMultiInstance,
    awsSagemakerModelInVpc,
    awsSagemakerDomainVpcOnly,
    awsSagemakerDomainKmsEncrypted,
    awsSagemakerStudioSecurityGroups,
    awsSagemakerStudioSharingRestricted,
    awsSagemakerStudioHardened,
    awsSagemakerFeatureGroupKmsEncrypted,
    awsSagemakerMonitoringTrafficEncrypted,
    awsSagemakerMonitoringNetworkIsolation,
    awsSagemakerMonitoringKmsAndVpc,
    awsSagemakerTrainingJobHardened,
    awsSagemakerModelTrustedSources,
];
