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
import gcpGcsCmek from "./gcp-gcs-cmek";
import gcpGcsRetentionLocked from "./gcp-gcs-retention-locked";
import gcpIamNoBasicRoles from "./gcp-iam-no-basic-roles";
import gcpIamNoPublicMembers from "./gcp-iam-no-public-members";
import gcpKmsKeyRotation from "./gcp-kms-key-rotation";
import gcpWorkbenchCmekDisks from "./gcp-workbench-cmek-disks";
import gcpWorkbenchNoPublicIp from "./gcp-workbench-no-public-ip";
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
    gcpKmsSeparationOfDuties,
];
