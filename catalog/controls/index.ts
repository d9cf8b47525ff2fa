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
    awsSubnetNoPublicIp,
    awsVpcEndpointsForMl,
    awsVpcEndpointPolicyRestricted,
    awsMlSubnetEgressReviewed,
];
