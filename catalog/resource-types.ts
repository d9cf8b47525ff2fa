/**
 * Resource types the catalog knows, each with its Pulumi token, its Terraform type and the SDK class
 * that owns the token. A test asserts every token equals the class's `__pulumiType`, so a token here
 * is never hand-typed wrongly (`gcp:projects/iAMMember:IAMMember` is the real spelling).
 *
 * The `Args` type parameter is type-only: it lets controls name properties that the compiler checks
 * against the SDK's `*Args` interface without loading the SDK at run time.
 */
import type * as sagemaker from "@pulumi/aws/sagemaker";
import type * as ec2 from "@pulumi/aws/ec2";
import type * as s3 from "@pulumi/aws/s3";
import type * as kms from "@pulumi/aws/kms";
import type * as iam from "@pulumi/aws/iam";
import type * as workbench from "@pulumi/gcp/workbench";
import type * as storage from "@pulumi/gcp/storage";
import type * as gkms from "@pulumi/gcp/kms";
import type * as projects from "@pulumi/gcp/projects";
import type * as organizations from "@pulumi/gcp/organizations";
import type * as folder from "@pulumi/gcp/folder";
import type * as serviceaccount from "@pulumi/gcp/serviceaccount";
import type { CloudProvider } from "./model";

export interface ResourceType<Args = unknown> {
    /** Pulumi type token. */
    token: string;
    /** Terraform resource type. */
    terraform: string;
    /** Where the SDK class lives, e.g. `@pulumi/aws` + `sagemaker.NotebookInstance`. */
    sdk: { package: "@pulumi/aws" | "@pulumi/gcp"; path: string };
    provider: CloudProvider;
    /** Phantom field carrying the SDK's `*Args` type; never set at run time. */
    readonly __args?: Args;
}

function aws<A>(path: string, token: string, terraform: string): ResourceType<A> {
    return { token, terraform, sdk: { package: "@pulumi/aws", path }, provider: "aws" };
}

function gcp<A>(path: string, token: string, terraform: string): ResourceType<A> {
    return { token, terraform, sdk: { package: "@pulumi/gcp", path }, provider: "gcp" };
}

export const types = {
    sagemakerNotebookInstance: aws<sagemaker.NotebookInstanceArgs>(
        "sagemaker.NotebookInstance", "aws:sagemaker/notebookInstance:NotebookInstance", "aws_sagemaker_notebook_instance"),

    ec2Subnet: aws<ec2.SubnetArgs>("ec2.Subnet", "aws:ec2/subnet:Subnet", "aws_subnet"),
    ec2SecurityGroup: aws<ec2.SecurityGroupArgs>("ec2.SecurityGroup", "aws:ec2/securityGroup:SecurityGroup", "aws_security_group"),
    ec2Vpc: aws<ec2.VpcArgs>("ec2.Vpc", "aws:ec2/vpc:Vpc", "aws_vpc"),
    ec2RouteTable: aws<ec2.RouteTableArgs>("ec2.RouteTable", "aws:ec2/routeTable:RouteTable", "aws_route_table"),
    ec2RouteTableAssociation: aws<ec2.RouteTableAssociationArgs>(
        "ec2.RouteTableAssociation", "aws:ec2/routeTableAssociation:RouteTableAssociation", "aws_route_table_association"),
    ec2Route: aws<ec2.RouteArgs>("ec2.Route", "aws:ec2/route:Route", "aws_route"),
    ec2MainRouteTableAssociation: aws<ec2.MainRouteTableAssociationArgs>(
        "ec2.MainRouteTableAssociation", "aws:ec2/mainRouteTableAssociation:MainRouteTableAssociation",
        "aws_main_route_table_association"),
    ec2DefaultRouteTable: aws<ec2.DefaultRouteTableArgs>(
        "ec2.DefaultRouteTable", "aws:ec2/defaultRouteTable:DefaultRouteTable", "aws_default_route_table"),
    ec2InternetGateway: aws<ec2.InternetGatewayArgs>(
        "ec2.InternetGateway", "aws:ec2/internetGateway:InternetGateway", "aws_internet_gateway"),
    ec2NatGateway: aws<ec2.NatGatewayArgs>("ec2.NatGateway", "aws:ec2/natGateway:NatGateway", "aws_nat_gateway"),

    s3Bucket: aws<s3.BucketArgs>("s3.Bucket", "aws:s3/bucket:Bucket", "aws_s3_bucket"),
    s3BucketV2: aws<s3.BucketV2Args>("s3.BucketV2", "aws:s3/bucketV2:BucketV2", "aws_s3_bucket"),
    s3ObjectLockConfiguration: aws<s3.BucketObjectLockConfigurationArgs>(
        "s3.BucketObjectLockConfiguration",
        "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
        "aws_s3_bucket_object_lock_configuration"),
    s3ObjectLockConfigurationV2: aws<s3.BucketObjectLockConfigurationV2Args>(
        "s3.BucketObjectLockConfigurationV2",
        "aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2",
        "aws_s3_bucket_object_lock_configuration"),
    s3SseConfiguration: aws<s3.BucketServerSideEncryptionConfigurationArgs>(
        "s3.BucketServerSideEncryptionConfiguration",
        "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
        "aws_s3_bucket_server_side_encryption_configuration"),
    s3SseConfigurationV2: aws<s3.BucketServerSideEncryptionConfigurationV2Args>(
        "s3.BucketServerSideEncryptionConfigurationV2",
        "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
        "aws_s3_bucket_server_side_encryption_configuration"),

    kmsKey: aws<kms.KeyArgs>("kms.Key", "aws:kms/key:Key", "aws_kms_key"),

    iamPolicy: aws<iam.PolicyArgs>("iam.Policy", "aws:iam/policy:Policy", "aws_iam_policy"),
    iamRolePolicy: aws<iam.RolePolicyArgs>("iam.RolePolicy", "aws:iam/rolePolicy:RolePolicy", "aws_iam_role_policy"),
    iamUserPolicy: aws<iam.UserPolicyArgs>("iam.UserPolicy", "aws:iam/userPolicy:UserPolicy", "aws_iam_user_policy"),
    iamGroupPolicy: aws<iam.GroupPolicyArgs>("iam.GroupPolicy", "aws:iam/groupPolicy:GroupPolicy", "aws_iam_group_policy"),
    iamRole: aws<iam.RoleArgs>("iam.Role", "aws:iam/role:Role", "aws_iam_role"),

    workbenchInstance: gcp<workbench.InstanceArgs>(
        "workbench.Instance", "gcp:workbench/instance:Instance", "google_workbench_instance"),
    storageBucket: gcp<storage.BucketArgs>("storage.Bucket", "gcp:storage/bucket:Bucket", "google_storage_bucket"),
    storageBucketIamMember: gcp<storage.BucketIAMMemberArgs>(
        "storage.BucketIAMMember", "gcp:storage/bucketIAMMember:BucketIAMMember", "google_storage_bucket_iam_member"),
    storageBucketIamBinding: gcp<storage.BucketIAMBindingArgs>(
        "storage.BucketIAMBinding", "gcp:storage/bucketIAMBinding:BucketIAMBinding", "google_storage_bucket_iam_binding"),
    storageBucketIamPolicy: gcp<storage.BucketIAMPolicyArgs>(
        "storage.BucketIAMPolicy", "gcp:storage/bucketIAMPolicy:BucketIAMPolicy", "google_storage_bucket_iam_policy"),
    kmsCryptoKey: gcp<gkms.CryptoKeyArgs>("kms.CryptoKey", "gcp:kms/cryptoKey:CryptoKey", "google_kms_crypto_key"),
    kmsCryptoKeyIamMember: gcp<gkms.CryptoKeyIAMMemberArgs>(
        "kms.CryptoKeyIAMMember", "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember", "google_kms_crypto_key_iam_member"),
    kmsCryptoKeyIamBinding: gcp<gkms.CryptoKeyIAMBindingArgs>(
        "kms.CryptoKeyIAMBinding", "gcp:kms/cryptoKeyIAMBinding:CryptoKeyIAMBinding", "google_kms_crypto_key_iam_binding"),
    kmsCryptoKeyIamPolicy: gcp<gkms.CryptoKeyIAMPolicyArgs>(
        "kms.CryptoKeyIAMPolicy", "gcp:kms/cryptoKeyIAMPolicy:CryptoKeyIAMPolicy", "google_kms_crypto_key_iam_policy"),
    kmsKeyRingIamMember: gcp<gkms.KeyRingIAMMemberArgs>(
        "kms.KeyRingIAMMember", "gcp:kms/keyRingIAMMember:KeyRingIAMMember", "google_kms_key_ring_iam_member"),
    kmsKeyRingIamBinding: gcp<gkms.KeyRingIAMBindingArgs>(
        "kms.KeyRingIAMBinding", "gcp:kms/keyRingIAMBinding:KeyRingIAMBinding", "google_kms_key_ring_iam_binding"),
    kmsKeyRingIamPolicy: gcp<gkms.KeyRingIAMPolicyArgs>(
        "kms.KeyRingIAMPolicy", "gcp:kms/keyRingIAMPolicy:KeyRingIAMPolicy", "google_kms_key_ring_iam_policy"),
    projectIamMember: gcp<projects.IAMMemberArgs>(
        "projects.IAMMember", "gcp:projects/iAMMember:IAMMember", "google_project_iam_member"),
    projectIamBinding: gcp<projects.IAMBindingArgs>(
        "projects.IAMBinding", "gcp:projects/iAMBinding:IAMBinding", "google_project_iam_binding"),
    projectIamPolicy: gcp<projects.IAMPolicyArgs>(
        "projects.IAMPolicy", "gcp:projects/iAMPolicy:IAMPolicy", "google_project_iam_policy"),
    folderIamMember: gcp<folder.IAMMemberArgs>("folder.IAMMember", "gcp:folder/iAMMember:IAMMember", "google_folder_iam_member"),
    folderIamBinding: gcp<folder.IAMBindingArgs>(
        "folder.IAMBinding", "gcp:folder/iAMBinding:IAMBinding", "google_folder_iam_binding"),
    folderIamPolicy: gcp<folder.IAMPolicyArgs>("folder.IAMPolicy", "gcp:folder/iAMPolicy:IAMPolicy", "google_folder_iam_policy"),
    organizationIamMember: gcp<organizations.IAMMemberArgs>(
        "organizations.IAMMember", "gcp:organizations/iAMMember:IAMMember", "google_organization_iam_member"),
    organizationIamBinding: gcp<organizations.IAMBindingArgs>(
        "organizations.IAMBinding", "gcp:organizations/iAMBinding:IAMBinding", "google_organization_iam_binding"),
    organizationIamPolicy: gcp<organizations.IAMPolicyArgs>(
        "organizations.IAMPolicy", "gcp:organizations/iAMPolicy:IAMPolicy", "google_organization_iam_policy"),
    serviceAccountIamMember: gcp<serviceaccount.IAMMemberArgs>(
        "serviceaccount.IAMMember", "gcp:serviceaccount/iAMMember:IAMMember", "google_service_account_iam_member"),
    serviceAccountIamBinding: gcp<serviceaccount.IAMBindingArgs>(
        "serviceaccount.IAMBinding", "gcp:serviceaccount/iAMBinding:IAMBinding", "google_service_account_iam_binding"),
    serviceAccountIamPolicy: gcp<serviceaccount.IAMPolicyArgs>(
        "serviceaccount.IAMPolicy", "gcp:serviceaccount/iAMPolicy:IAMPolicy", "google_service_account_iam_policy"),
} as const;

export type KnownResourceType = (typeof types)[keyof typeof types];

const byToken = new Map<string, ResourceType>(Object.values(types).map((t) => [t.token, t]));

/** The catalog entry for a Pulumi token, if the catalog knows the type. */
export function resourceTypeForToken(token: string): ResourceType | undefined {
    return byToken.get(token);
}

/**
 * Terraform type → Pulumi token. Where two tokens share a Terraform type (a class and its deprecated
 * `V2` alias) the current one wins.
 */
export const tokenForTerraformType: ReadonlyMap<string, string> = (() => {
    const m = new Map<string, string>();
    for (const t of Object.values(types)) {
        if (!m.has(t.terraform)) m.set(t.terraform, t.token);
    }
    return m;
})();
