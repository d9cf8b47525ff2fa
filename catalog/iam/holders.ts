import { type ResourceType, types } from "../resource-types";

/** Resources that carry identity-based permission policies (what a principal may do). */
export const PERMISSION_POLICY_HOLDERS: ResourceType[] = [
    types.iamPolicy,
    types.iamRolePolicy,
    types.iamUserPolicy,
    types.iamGroupPolicy,
    types.iamRole,
    types.ssoadminPermissionSetInlinePolicy,
];

/** Resources that carry resource-based policies (who may use the resource). */
export const RESOURCE_POLICY_HOLDERS: ResourceType[] = [
    types.s3BucketPolicy,
    types.kmsKey,
    types.iamEcrRepositoryPolicy,
    types.ec2VpcEndpoint,
    types.iamSagemakerModelPackageGroupPolicy,
];

/** Resources that attach managed policies to principals, by ARN. */
export const POLICY_ATTACHMENTS: ResourceType[] = [
    types.iamRolePolicyAttachment,
    types.iamUserPolicyAttachment,
    types.iamGroupPolicyAttachment,
    types.iamPolicyAttachment,
    types.iamRolePolicyAttachmentsExclusive,
    types.iamUserPolicyAttachmentsExclusive,
    types.iamGroupPolicyAttachmentsExclusive,
];

/** The AWS managed policy name of an ARN (`arn:aws[-partition]:iam::aws:policy/[path/]Name`), or undefined. */
export function awsManagedPolicyName(arn: string): string | undefined {
    const m = /^arn:aws[a-z-]*:iam::aws:policy\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]+)$/.exec(arn.trim());
    return m ? m[1] : undefined;
}

/** True when a trust policy's service principal is SageMaker's (`sagemaker.amazonaws.com`, any partition suffix). */
export function isSageMakerService(id: string): boolean {
    return /^sagemaker\.amazonaws\.com(\.cn)?$/i.test(id.trim());
}
