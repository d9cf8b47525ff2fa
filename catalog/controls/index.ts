import type { AnyControl } from "../control";
import awsEcrImmutableTags from "./aws-ecr-immutable-tags";
import awsEcrKmsEncrypted from "./aws-ecr-kms-encrypted";
import awsEcrScanOnPush from "./aws-ecr-scan-on-push";
import awsIamNoAdminWildcard from "./aws-iam-no-admin-wildcard";
import awsIamPassroleScoped from "./aws-iam-passrole-scoped";
import awsKmsKeyPolicyRestricted from "./aws-kms-key-policy-restricted";
import awsKmsKeyRotation from "./aws-kms-key-rotation";
import awsMlCustomerManagedKeys from "./aws-ml-customer-managed-keys";
import awsMlSubnetEgressReviewed from "./aws-ml-subnet-egress-reviewed";
import awsMlSubnetPrivateRoute from "./aws-ml-subnet-private-route";
import awsS3KmsEncrypted from "./aws-s3-kms-encrypted";
import awsS3ObjectLockEnabled from "./aws-s3-object-lock-enabled";
import awsS3ObjectLockRetention from "./aws-s3-object-lock-retention";
import awsS3PublicAccessBlocked from "./aws-s3-public-access-blocked";
import awsS3TlsOnlyPolicy from "./aws-s3-tls-only-policy";
import awsS3VersioningEnabled from "./aws-s3-versioning-enabled";
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
import awsSubnetNoPublicIp from "./aws-subnet-no-public-ip";
import awsVpcEndpointPolicyRestricted from "./aws-vpc-endpoint-policy-restricted";
import awsVpcEndpointsForMl from "./aws-vpc-endpoints-for-ml";
import gcpGcsCmek from "./gcp-gcs-cmek";
import gcpGcsRetentionLocked from "./gcp-gcs-retention-locked";
import gcpIamNoBasicRoles from "./gcp-iam-no-basic-roles";
import gcpIamNoPublicMembers from "./gcp-iam-no-public-members";
import gcpKmsKeyRotation from "./gcp-kms-key-rotation";
import gcpWorkbenchCmekDisks from "./gcp-workbench-cmek-disks";
import gcpWorkbenchNoPublicIp from "./gcp-workbench-no-public-ip";
import awsIamNoServiceWildcard from "./aws-iam-no-service-wildcard";
import awsIamNoKmsDecryptAllKeys from "./aws-iam-no-kms-decrypt-all-keys";
import awsIamSagemakerTrustRestricted from "./aws-iam-sagemaker-trust-restricted";
import awsIamNoBroadManagedPolicies from "./aws-iam-no-broad-managed-policies";
import awsIamNoNotActionAllow from "./aws-iam-no-not-action-allow";
import awsIamTrustNoWildcardPrincipal from "./aws-iam-trust-no-wildcard-principal";
import awsIamNoPrivilegeEscalation from "./aws-iam-no-privilege-escalation";
import gcpWorkbenchNoRootAccess from "./gcp-workbench-no-root-access";
import gcpWorkbenchHardenedJupyter from "./gcp-workbench-hardened-jupyter";
import gcpWorkbenchDedicatedServiceAccount from "./gcp-workbench-dedicated-service-account";
import gcpWorkbenchShieldedVm from "./gcp-workbench-shielded-vm";
import gcpNotebooksLegacyHardened from "./gcp-notebooks-legacy-hardened";
import gcpColabRuntimePrivateCmek from "./gcp-colab-runtime-private-cmek";
import gcpVertexCmek from "./gcp-vertex-cmek";
import gcpVertexPrivateEndpoints from "./gcp-vertex-private-endpoints";
import gcpGcsNoPublicAccess from "./gcp-gcs-no-public-access";
import gcpGcsRecoverable from "./gcp-gcs-recoverable";
import gcpIamNoUserManagedSaKeys from "./gcp-iam-no-user-managed-sa-keys";
import gcpVpcscProtectsMlServices from "./gcp-vpcsc-protects-ml-services";
import gcpVpcscEnforced from "./gcp-vpcsc-enforced";
import gcpVpcscRestricted from "./gcp-vpcsc-restricted";
import gcpAuditLogsVertex from "./gcp-audit-logs-vertex";
import gcpAuditLogsStorageKms from "./gcp-audit-logs-storage-kms";
import gcpKmsSeparationOfDuties from "./gcp-kms-separation-of-duties";
import gcpIamNoProjectSaImpersonation from "./gcp-iam-no-project-sa-impersonation";
import gcpKmsServiceAgentGrants from "./gcp-kms-service-agent-grants";

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
    awsS3VersioningEnabled,
    awsS3PublicAccessBlocked,
    awsS3TlsOnlyPolicy,
    awsS3ObjectLockRetention,
    awsEcrScanOnPush,
    awsEcrImmutableTags,
    awsEcrKmsEncrypted,
    awsKmsKeyPolicyRestricted,
    awsMlCustomerManagedKeys,
    awsIamNoServiceWildcard,
    awsIamNoKmsDecryptAllKeys,
    awsIamSagemakerTrustRestricted,
    awsIamNoBroadManagedPolicies,
    awsIamNoNotActionAllow,
    awsIamTrustNoWildcardPrincipal,
    awsIamNoPrivilegeEscalation,
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
    gcpWorkbenchNoRootAccess,
    gcpWorkbenchHardenedJupyter,
    gcpWorkbenchDedicatedServiceAccount,
    gcpWorkbenchShieldedVm,
    gcpNotebooksLegacyHardened,
    gcpColabRuntimePrivateCmek,
    gcpVertexCmek,
    gcpVertexPrivateEndpoints,
    gcpGcsNoPublicAccess,
    gcpGcsRecoverable,
    gcpIamNoUserManagedSaKeys,
    gcpVpcscProtectsMlServices,
    gcpVpcscEnforced,
    gcpVpcscRestricted,
    gcpAuditLogsVertex,
    gcpAuditLogsStorageKms,
    awsSubnetNoPublicIp,
    awsVpcEndpointsForMl,
    awsVpcEndpointPolicyRestricted,
    awsMlSubnetEgressReviewed,
    gcpKmsSeparationOfDuties,
    gcpIamNoProjectSaImpersonation,
    gcpKmsServiceAgentGrants,
];
