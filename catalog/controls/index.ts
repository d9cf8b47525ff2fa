import type { AnyControl } from "../control";
import awsSagemakerNotebookNoDirectInternet from "./aws-sagemaker-notebook-no-direct-internet";
import gcpGcsCmek from "./gcp-gcs-cmek";
import gcpGcsRetentionLocked from "./gcp-gcs-retention-locked";
import gcpIamNoBasicRoles from "./gcp-iam-no-basic-roles";
import gcpIamNoPublicMembers from "./gcp-iam-no-public-members";
import gcpKmsKeyRotation from "./gcp-kms-key-rotation";

/** Every control in the catalog, one line each. */
export const allControls: readonly AnyControl[] = [
    awsSagemakerNotebookNoDirectInternet,
    gcpGcsCmek,
    gcpGcsRetentionLocked,
    gcpIamNoBasicRoles,
    gcpIamNoPublicMembers,
    gcpKmsKeyRotation,
];
