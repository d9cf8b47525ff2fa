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
import type * as ssoadmin from "@pulumi/aws/ssoadmin";
import type * as ecr from "@pulumi/aws/ecr";
import type * as workbench from "@pulumi/gcp/workbench";
import type * as storage from "@pulumi/gcp/storage";
import type * as gkms from "@pulumi/gcp/kms";
import type * as projects from "@pulumi/gcp/projects";
import type * as organizations from "@pulumi/gcp/organizations";
import type * as folder from "@pulumi/gcp/folder";
import type * as serviceaccount from "@pulumi/gcp/serviceaccount";
import type * as compute from "@pulumi/gcp/compute";
import type * as vertex from "@pulumi/gcp/vertex";
import type * as colab from "@pulumi/gcp/colab";
import type * as notebooks from "@pulumi/gcp/notebooks";
import type * as accesscontextmanager from "@pulumi/gcp/accesscontextmanager";
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
    sagemakerCodeRepository: aws<sagemaker.CodeRepositoryArgs>(
        "sagemaker.CodeRepository", "aws:sagemaker/codeRepository:CodeRepository", "aws_sagemaker_code_repository"),
    sagemakerDomain: aws<sagemaker.DomainArgs>("sagemaker.Domain", "aws:sagemaker/domain:Domain", "aws_sagemaker_domain"),
    sagemakerUserProfile: aws<sagemaker.UserProfileArgs>(
        "sagemaker.UserProfile", "aws:sagemaker/userProfile:UserProfile", "aws_sagemaker_user_profile"),
    sagemakerSpace: aws<sagemaker.SpaceArgs>("sagemaker.Space", "aws:sagemaker/space:Space", "aws_sagemaker_space"),
    sagemakerApp: aws<sagemaker.AppArgs>("sagemaker.App", "aws:sagemaker/app:App", "aws_sagemaker_app"),
    sagemakerModel: aws<sagemaker.ModelArgs>("sagemaker.Model", "aws:sagemaker/model:Model", "aws_sagemaker_model"),
    sagemakerEndpointConfiguration: aws<sagemaker.EndpointConfigurationArgs>(
        "sagemaker.EndpointConfiguration", "aws:sagemaker/endpointConfiguration:EndpointConfiguration",
        "aws_sagemaker_endpoint_configuration"),
    sagemakerFeatureGroup: aws<sagemaker.FeatureGroupArgs>(
        "sagemaker.FeatureGroup", "aws:sagemaker/featureGroup:FeatureGroup", "aws_sagemaker_feature_group"),
    sagemakerDataQualityJobDefinition: aws<sagemaker.DataQualityJobDefinitionArgs>(
        "sagemaker.DataQualityJobDefinition", "aws:sagemaker/dataQualityJobDefinition:DataQualityJobDefinition",
        "aws_sagemaker_data_quality_job_definition"),
    sagemakerMonitoringSchedule: aws<sagemaker.MonitoringScheduleArgs>(
        "sagemaker.MonitoringSchedule", "aws:sagemaker/monitoringSchedule:MonitoringSchedule", "aws_sagemaker_monitoring_schedule"),
    sagemakerTrainingJob: aws<sagemaker.TrainingJobArgs>(
        "sagemaker.TrainingJob", "aws:sagemaker/trainingJob:TrainingJob", "aws_sagemaker_training_job"),
    sagemakerFlowDefinition: aws<sagemaker.FlowDefinitionArgs>(
        "sagemaker.FlowDefinition", "aws:sagemaker/flowDefinition:FlowDefinition", "aws_sagemaker_flow_definition"),

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
    ecrRepository: aws<ecr.RepositoryArgs>("ecr.Repository", "aws:ecr/repository:Repository", "aws_ecr_repository"),

    iamPolicy: aws<iam.PolicyArgs>("iam.Policy", "aws:iam/policy:Policy", "aws_iam_policy"),
    iamRolePolicy: aws<iam.RolePolicyArgs>("iam.RolePolicy", "aws:iam/rolePolicy:RolePolicy", "aws_iam_role_policy"),
    iamUserPolicy: aws<iam.UserPolicyArgs>("iam.UserPolicy", "aws:iam/userPolicy:UserPolicy", "aws_iam_user_policy"),
    iamGroupPolicy: aws<iam.GroupPolicyArgs>("iam.GroupPolicy", "aws:iam/groupPolicy:GroupPolicy", "aws_iam_group_policy"),
    iamRole: aws<iam.RoleArgs>("iam.Role", "aws:iam/role:Role", "aws_iam_role"),
    iamUser: aws<iam.UserArgs>("iam.User", "aws:iam/user:User", "aws_iam_user"),
    iamGroup: aws<iam.GroupArgs>("iam.Group", "aws:iam/group:Group", "aws_iam_group"),
    iamRolePolicyAttachment: aws<iam.RolePolicyAttachmentArgs>(
        "iam.RolePolicyAttachment", "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "aws_iam_role_policy_attachment"),
    iamUserPolicyAttachment: aws<iam.UserPolicyAttachmentArgs>(
        "iam.UserPolicyAttachment", "aws:iam/userPolicyAttachment:UserPolicyAttachment", "aws_iam_user_policy_attachment"),
    iamGroupPolicyAttachment: aws<iam.GroupPolicyAttachmentArgs>(
        "iam.GroupPolicyAttachment", "aws:iam/groupPolicyAttachment:GroupPolicyAttachment", "aws_iam_group_policy_attachment"),
    iamPolicyAttachment: aws<iam.PolicyAttachmentArgs>("iam.PolicyAttachment", "aws:iam/policyAttachment:PolicyAttachment", "aws_iam_policy_attachment"),
    iamRolePolicyAttachmentsExclusive: aws<iam.RolePolicyAttachmentsExclusiveArgs>(
        "iam.RolePolicyAttachmentsExclusive", "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive",
        "aws_iam_role_policy_attachments_exclusive"),
    iamUserPolicyAttachmentsExclusive: aws<iam.UserPolicyAttachmentsExclusiveArgs>(
        "iam.UserPolicyAttachmentsExclusive", "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive",
        "aws_iam_user_policy_attachments_exclusive"),
    iamGroupPolicyAttachmentsExclusive: aws<iam.GroupPolicyAttachmentsExclusiveArgs>(
        "iam.GroupPolicyAttachmentsExclusive", "aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive",
        "aws_iam_group_policy_attachments_exclusive"),
    ssoadminPermissionSetInlinePolicy: aws<ssoadmin.PermissionSetInlinePolicyArgs>(
        "ssoadmin.PermissionSetInlinePolicy", "aws:ssoadmin/permissionSetInlinePolicy:PermissionSetInlinePolicy",
        "aws_ssoadmin_permission_set_inline_policy"),
    iamEcrRepositoryPolicy: aws<ecr.RepositoryPolicyArgs>(
        "ecr.RepositoryPolicy", "aws:ecr/repositoryPolicy:RepositoryPolicy", "aws_ecr_repository_policy"),
    iamSagemakerModelPackageGroupPolicy: aws<sagemaker.ModelPackageGroupPolicyArgs>(
        "sagemaker.ModelPackageGroupPolicy", "aws:sagemaker/modelPackageGroupPolicy:ModelPackageGroupPolicy",
        "aws_sagemaker_model_package_group_policy"),

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

    kmsKeyRing: gcp<gkms.KeyRingArgs>("kms.KeyRing", "gcp:kms/keyRing:KeyRing", "google_kms_key_ring"),
    computeNetwork: gcp<compute.NetworkArgs>("compute.Network", "gcp:compute/network:Network", "google_compute_network"),
    computeSubnetwork: gcp<compute.SubnetworkArgs>(
        "compute.Subnetwork", "gcp:compute/subnetwork:Subnetwork", "google_compute_subnetwork"),
    storageManagedFolderIamMember: gcp<storage.ManagedFolderIamMemberArgs>(
        "storage.ManagedFolderIamMember", "gcp:storage/managedFolderIamMember:ManagedFolderIamMember", "google_storage_managed_folder_iam_member"),
    storageManagedFolderIamBinding: gcp<storage.ManagedFolderIamBindingArgs>(
        "storage.ManagedFolderIamBinding", "gcp:storage/managedFolderIamBinding:ManagedFolderIamBinding", "google_storage_managed_folder_iam_binding"),
    storageManagedFolderIamPolicy: gcp<storage.ManagedFolderIamPolicyArgs>(
        "storage.ManagedFolderIamPolicy", "gcp:storage/managedFolderIamPolicy:ManagedFolderIamPolicy", "google_storage_managed_folder_iam_policy"),
    workbenchInstanceIamMember: gcp<workbench.InstanceIamMemberArgs>(
        "workbench.InstanceIamMember", "gcp:workbench/instanceIamMember:InstanceIamMember", "google_workbench_instance_iam_member"),
    workbenchInstanceIamBinding: gcp<workbench.InstanceIamBindingArgs>(
        "workbench.InstanceIamBinding", "gcp:workbench/instanceIamBinding:InstanceIamBinding", "google_workbench_instance_iam_binding"),
    workbenchInstanceIamPolicy: gcp<workbench.InstanceIamPolicyArgs>(
        "workbench.InstanceIamPolicy", "gcp:workbench/instanceIamPolicy:InstanceIamPolicy", "google_workbench_instance_iam_policy"),
    notebooksInstanceIamMember: gcp<notebooks.InstanceIamMemberArgs>(
        "notebooks.InstanceIamMember", "gcp:notebooks/instanceIamMember:InstanceIamMember", "google_notebooks_instance_iam_member"),
    notebooksInstanceIamBinding: gcp<notebooks.InstanceIamBindingArgs>(
        "notebooks.InstanceIamBinding", "gcp:notebooks/instanceIamBinding:InstanceIamBinding", "google_notebooks_instance_iam_binding"),
    notebooksInstanceIamPolicy: gcp<notebooks.InstanceIamPolicyArgs>(
        "notebooks.InstanceIamPolicy", "gcp:notebooks/instanceIamPolicy:InstanceIamPolicy", "google_notebooks_instance_iam_policy"),
    notebooksRuntimeIamMember: gcp<notebooks.RuntimeIamMemberArgs>(
        "notebooks.RuntimeIamMember", "gcp:notebooks/runtimeIamMember:RuntimeIamMember", "google_notebooks_runtime_iam_member"),
    notebooksRuntimeIamBinding: gcp<notebooks.RuntimeIamBindingArgs>(
        "notebooks.RuntimeIamBinding", "gcp:notebooks/runtimeIamBinding:RuntimeIamBinding", "google_notebooks_runtime_iam_binding"),
    notebooksRuntimeIamPolicy: gcp<notebooks.RuntimeIamPolicyArgs>(
        "notebooks.RuntimeIamPolicy", "gcp:notebooks/runtimeIamPolicy:RuntimeIamPolicy", "google_notebooks_runtime_iam_policy"),
    colabRuntimeTemplateIamMember: gcp<colab.RuntimeTemplateIamMemberArgs>(
        "colab.RuntimeTemplateIamMember", "gcp:colab/runtimeTemplateIamMember:RuntimeTemplateIamMember", "google_colab_runtime_template_iam_member"),
    colabRuntimeTemplateIamBinding: gcp<colab.RuntimeTemplateIamBindingArgs>(
        "colab.RuntimeTemplateIamBinding", "gcp:colab/runtimeTemplateIamBinding:RuntimeTemplateIamBinding", "google_colab_runtime_template_iam_binding"),
    colabRuntimeTemplateIamPolicy: gcp<colab.RuntimeTemplateIamPolicyArgs>(
        "colab.RuntimeTemplateIamPolicy", "gcp:colab/runtimeTemplateIamPolicy:RuntimeTemplateIamPolicy", "google_colab_runtime_template_iam_policy"),
    vertexEndpointIamMember: gcp<vertex.AiEndpointIamMemberArgs>(
        "vertex.AiEndpointIamMember", "gcp:vertex/aiEndpointIamMember:AiEndpointIamMember", "google_vertex_ai_endpoint_iam_member"),
    vertexEndpointIamBinding: gcp<vertex.AiEndpointIamBindingArgs>(
        "vertex.AiEndpointIamBinding", "gcp:vertex/aiEndpointIamBinding:AiEndpointIamBinding", "google_vertex_ai_endpoint_iam_binding"),
    vertexEndpointIamPolicy: gcp<vertex.AiEndpointIamPolicyArgs>(
        "vertex.AiEndpointIamPolicy", "gcp:vertex/aiEndpointIamPolicy:AiEndpointIamPolicy", "google_vertex_ai_endpoint_iam_policy"),
    vertexFeatureGroupIamMember: gcp<vertex.AiFeatureGroupIamMemberArgs>(
        "vertex.AiFeatureGroupIamMember", "gcp:vertex/aiFeatureGroupIamMember:AiFeatureGroupIamMember", "google_vertex_ai_feature_group_iam_member"),
    vertexFeatureGroupIamBinding: gcp<vertex.AiFeatureGroupIamBindingArgs>(
        "vertex.AiFeatureGroupIamBinding", "gcp:vertex/aiFeatureGroupIamBinding:AiFeatureGroupIamBinding", "google_vertex_ai_feature_group_iam_binding"),
    vertexFeatureGroupIamPolicy: gcp<vertex.AiFeatureGroupIamPolicyArgs>(
        "vertex.AiFeatureGroupIamPolicy", "gcp:vertex/aiFeatureGroupIamPolicy:AiFeatureGroupIamPolicy", "google_vertex_ai_feature_group_iam_policy"),
    vertexFeatureOnlineStoreIamMember: gcp<vertex.AiFeatureOnlineStoreIamMemberArgs>(
        "vertex.AiFeatureOnlineStoreIamMember", "gcp:vertex/aiFeatureOnlineStoreIamMember:AiFeatureOnlineStoreIamMember", "google_vertex_ai_feature_online_store_iam_member"),
    vertexFeatureOnlineStoreIamBinding: gcp<vertex.AiFeatureOnlineStoreIamBindingArgs>(
        "vertex.AiFeatureOnlineStoreIamBinding", "gcp:vertex/aiFeatureOnlineStoreIamBinding:AiFeatureOnlineStoreIamBinding", "google_vertex_ai_feature_online_store_iam_binding"),
    vertexFeatureOnlineStoreIamPolicy: gcp<vertex.AiFeatureOnlineStoreIamPolicyArgs>(
        "vertex.AiFeatureOnlineStoreIamPolicy", "gcp:vertex/aiFeatureOnlineStoreIamPolicy:AiFeatureOnlineStoreIamPolicy", "google_vertex_ai_feature_online_store_iam_policy"),
    vertexFeatureOnlineStoreFeatureviewIamMember: gcp<vertex.AiFeatureOnlineStoreFeatureviewIamMemberArgs>(
        "vertex.AiFeatureOnlineStoreFeatureviewIamMember", "gcp:vertex/aiFeatureOnlineStoreFeatureviewIamMember:AiFeatureOnlineStoreFeatureviewIamMember", "google_vertex_ai_feature_online_store_featureview_iam_member"),
    vertexFeatureOnlineStoreFeatureviewIamBinding: gcp<vertex.AiFeatureOnlineStoreFeatureviewIamBindingArgs>(
        "vertex.AiFeatureOnlineStoreFeatureviewIamBinding", "gcp:vertex/aiFeatureOnlineStoreFeatureviewIamBinding:AiFeatureOnlineStoreFeatureviewIamBinding", "google_vertex_ai_feature_online_store_featureview_iam_binding"),
    vertexFeatureOnlineStoreFeatureviewIamPolicy: gcp<vertex.AiFeatureOnlineStoreFeatureviewIamPolicyArgs>(
        "vertex.AiFeatureOnlineStoreFeatureviewIamPolicy", "gcp:vertex/aiFeatureOnlineStoreFeatureviewIamPolicy:AiFeatureOnlineStoreFeatureviewIamPolicy", "google_vertex_ai_feature_online_store_featureview_iam_policy"),
    vertexFeatureStoreIamMember: gcp<vertex.AiFeatureStoreIamMemberArgs>(
        "vertex.AiFeatureStoreIamMember", "gcp:vertex/aiFeatureStoreIamMember:AiFeatureStoreIamMember", "google_vertex_ai_featurestore_iam_member"),
    vertexFeatureStoreIamBinding: gcp<vertex.AiFeatureStoreIamBindingArgs>(
        "vertex.AiFeatureStoreIamBinding", "gcp:vertex/aiFeatureStoreIamBinding:AiFeatureStoreIamBinding", "google_vertex_ai_featurestore_iam_binding"),
    vertexFeatureStoreIamPolicy: gcp<vertex.AiFeatureStoreIamPolicyArgs>(
        "vertex.AiFeatureStoreIamPolicy", "gcp:vertex/aiFeatureStoreIamPolicy:AiFeatureStoreIamPolicy", "google_vertex_ai_featurestore_iam_policy"),
    vertexFeatureStoreEntityTypeIamMember: gcp<vertex.AiFeatureStoreEntityTypeIamMemberArgs>(
        "vertex.AiFeatureStoreEntityTypeIamMember", "gcp:vertex/aiFeatureStoreEntityTypeIamMember:AiFeatureStoreEntityTypeIamMember", "google_vertex_ai_featurestore_entitytype_iam_member"),
    vertexFeatureStoreEntityTypeIamBinding: gcp<vertex.AiFeatureStoreEntityTypeIamBindingArgs>(
        "vertex.AiFeatureStoreEntityTypeIamBinding", "gcp:vertex/aiFeatureStoreEntityTypeIamBinding:AiFeatureStoreEntityTypeIamBinding", "google_vertex_ai_featurestore_entitytype_iam_binding"),
    vertexFeatureStoreEntityTypeIamPolicy: gcp<vertex.AiFeatureStoreEntityTypeIamPolicyArgs>(
        "vertex.AiFeatureStoreEntityTypeIamPolicy", "gcp:vertex/aiFeatureStoreEntityTypeIamPolicy:AiFeatureStoreEntityTypeIamPolicy", "google_vertex_ai_featurestore_entitytype_iam_policy"),
    vertexReasoningEngineIamMember: gcp<vertex.AiReasoningEngineIamMemberArgs>(
        "vertex.AiReasoningEngineIamMember", "gcp:vertex/aiReasoningEngineIamMember:AiReasoningEngineIamMember", "google_vertex_ai_reasoning_engine_iam_member"),
    vertexReasoningEngineIamBinding: gcp<vertex.AiReasoningEngineIamBindingArgs>(
        "vertex.AiReasoningEngineIamBinding", "gcp:vertex/aiReasoningEngineIamBinding:AiReasoningEngineIamBinding", "google_vertex_ai_reasoning_engine_iam_binding"),
    vertexReasoningEngineIamPolicy: gcp<vertex.AiReasoningEngineIamPolicyArgs>(
        "vertex.AiReasoningEngineIamPolicy", "gcp:vertex/aiReasoningEngineIamPolicy:AiReasoningEngineIamPolicy", "google_vertex_ai_reasoning_engine_iam_policy"),

    // S3, KMS, ECR and network controls (issue 13), and the ML resources the bucket scope reads.
    s3BucketVersioning: aws<s3.BucketVersioningArgs>(
        "s3.BucketVersioning", "aws:s3/bucketVersioning:BucketVersioning", "aws_s3_bucket_versioning"),
    s3BucketVersioningV2: aws<s3.BucketVersioningV2Args>(
        "s3.BucketVersioningV2", "aws:s3/bucketVersioningV2:BucketVersioningV2", "aws_s3_bucket_versioning"),
    s3PublicAccessBlock: aws<s3.BucketPublicAccessBlockArgs>(
        "s3.BucketPublicAccessBlock", "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "aws_s3_bucket_public_access_block"),
    s3AccountPublicAccessBlock: aws<s3.AccountPublicAccessBlockArgs>(
        "s3.AccountPublicAccessBlock", "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock", "aws_s3_account_public_access_block"),
    s3OwnershipControls: aws<s3.BucketOwnershipControlsArgs>(
        "s3.BucketOwnershipControls", "aws:s3/bucketOwnershipControls:BucketOwnershipControls", "aws_s3_bucket_ownership_controls"),
    s3BucketAcl: aws<s3.BucketAclArgs>("s3.BucketAcl", "aws:s3/bucketAcl:BucketAcl", "aws_s3_bucket_acl"),
    s3BucketAclV2: aws<s3.BucketAclV2Args>("s3.BucketAclV2", "aws:s3/bucketAclV2:BucketAclV2", "aws_s3_bucket_acl"),
    s3BucketPolicy: aws<s3.BucketPolicyArgs>("s3.BucketPolicy", "aws:s3/bucketPolicy:BucketPolicy", "aws_s3_bucket_policy"),
    s3BucketLogging: aws<s3.BucketLoggingArgs>("s3.BucketLogging", "aws:s3/bucketLogging:BucketLogging", "aws_s3_bucket_logging"),
    s3BucketLoggingV2: aws<s3.BucketLoggingV2Args>("s3.BucketLoggingV2", "aws:s3/bucketLoggingV2:BucketLoggingV2", "aws_s3_bucket_logging"),
    kmsKeyPolicy: aws<kms.KeyPolicyArgs>("kms.KeyPolicy", "aws:kms/keyPolicy:KeyPolicy", "aws_kms_key_policy"),
    kmsAlias: aws<kms.AliasArgs>("kms.Alias", "aws:kms/alias:Alias", "aws_kms_alias"),
    ecrRegistryScanningConfiguration: aws<ecr.RegistryScanningConfigurationArgs>(
        "ecr.RegistryScanningConfiguration", "aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration",
        "aws_ecr_registry_scanning_configuration"),
    ec2VpcEndpoint: aws<ec2.VpcEndpointArgs>("ec2.VpcEndpoint", "aws:ec2/vpcEndpoint:VpcEndpoint", "aws_vpc_endpoint"),
    ec2VpcEndpointPolicy: aws<ec2.VpcEndpointPolicyArgs>(
        "ec2.VpcEndpointPolicy", "aws:ec2/vpcEndpointPolicy:VpcEndpointPolicy", "aws_vpc_endpoint_policy"),
    serviceAccount: gcp<serviceaccount.AccountArgs>("serviceaccount.Account", "gcp:serviceaccount/account:Account", "google_service_account"),
    serviceAccountKey: gcp<serviceaccount.KeyArgs>("serviceaccount.Key", "gcp:serviceaccount/key:Key", "google_service_account_key"),
    notebooksInstance: gcp<notebooks.InstanceArgs>("notebooks.Instance", "gcp:notebooks/instance:Instance", "google_notebooks_instance"),
    notebooksRuntime: gcp<notebooks.RuntimeArgs>("notebooks.Runtime", "gcp:notebooks/runtime:Runtime", "google_notebooks_runtime"),
    colabRuntimeTemplate: gcp<colab.RuntimeTemplateArgs>(
        "colab.RuntimeTemplate", "gcp:colab/runtimeTemplate:RuntimeTemplate", "google_colab_runtime_template"),
    vertexDataset: gcp<vertex.AiDatasetArgs>("vertex.AiDataset", "gcp:vertex/aiDataset:AiDataset", "google_vertex_ai_dataset"),
    vertexEndpoint: gcp<vertex.AiEndpointArgs>("vertex.AiEndpoint", "gcp:vertex/aiEndpoint:AiEndpoint", "google_vertex_ai_endpoint"),
    vertexEvaluationMetric: gcp<vertex.AiEvaluationMetricArgs>(
        "vertex.AiEvaluationMetric", "gcp:vertex/aiEvaluationMetric:AiEvaluationMetric", "google_vertex_ai_evaluation_metric"),
    vertexFeatureOnlineStore: gcp<vertex.AiFeatureOnlineStoreArgs>(
        "vertex.AiFeatureOnlineStore", "gcp:vertex/aiFeatureOnlineStore:AiFeatureOnlineStore", "google_vertex_ai_feature_online_store"),
    vertexFeatureStore: gcp<vertex.AiFeatureStoreArgs>(
        "vertex.AiFeatureStore", "gcp:vertex/aiFeatureStore:AiFeatureStore", "google_vertex_ai_featurestore"),
    vertexIndex: gcp<vertex.AiIndexArgs>("vertex.AiIndex", "gcp:vertex/aiIndex:AiIndex", "google_vertex_ai_index"),
    vertexIndexEndpoint: gcp<vertex.AiIndexEndpointArgs>(
        "vertex.AiIndexEndpoint", "gcp:vertex/aiIndexEndpoint:AiIndexEndpoint", "google_vertex_ai_index_endpoint"),
    vertexMetadataStore: gcp<vertex.AiMetadataStoreArgs>(
        "vertex.AiMetadataStore", "gcp:vertex/aiMetadataStore:AiMetadataStore", "google_vertex_ai_metadata_store"),
    vertexPersistentResource: gcp<vertex.AiPersistentResourceArgs>(
        "vertex.AiPersistentResource", "gcp:vertex/aiPersistentResource:AiPersistentResource", "google_vertex_ai_persistent_resource"),
    vertexReasoningEngine: gcp<vertex.AiReasoningEngineArgs>(
        "vertex.AiReasoningEngine", "gcp:vertex/aiReasoningEngine:AiReasoningEngine", "google_vertex_ai_reasoning_engine"),
    vertexTensorboard: gcp<vertex.AiTensorboardArgs>("vertex.AiTensorboard", "gcp:vertex/aiTensorboard:AiTensorboard", "google_vertex_ai_tensorboard"),
    storageBucketAccessControl: gcp<storage.BucketAccessControlArgs>(
        "storage.BucketAccessControl", "gcp:storage/bucketAccessControl:BucketAccessControl", "google_storage_bucket_access_control"),
    storageDefaultObjectAccessControl: gcp<storage.DefaultObjectAccessControlArgs>(
        "storage.DefaultObjectAccessControl", "gcp:storage/defaultObjectAccessControl:DefaultObjectAccessControl", "google_storage_default_object_access_control"),
    storageObjectAccessControl: gcp<storage.ObjectAccessControlArgs>(
        "storage.ObjectAccessControl", "gcp:storage/objectAccessControl:ObjectAccessControl", "google_storage_object_access_control"),
    storageBucketAcl: gcp<storage.BucketACLArgs>("storage.BucketACL", "gcp:storage/bucketACL:BucketACL", "google_storage_bucket_acl"),
    storageDefaultObjectAcl: gcp<storage.DefaultObjectACLArgs>(
        "storage.DefaultObjectACL", "gcp:storage/defaultObjectACL:DefaultObjectACL", "google_storage_default_object_acl"),
    storageObjectAcl: gcp<storage.ObjectACLArgs>("storage.ObjectACL", "gcp:storage/objectACL:ObjectACL", "google_storage_object_acl"),
    servicePerimeter: gcp<accesscontextmanager.ServicePerimeterArgs>(
        "accesscontextmanager.ServicePerimeter", "gcp:accesscontextmanager/servicePerimeter:ServicePerimeter",
        "google_access_context_manager_service_perimeter"),
    servicePerimeters: gcp<accesscontextmanager.ServicePerimetersArgs>(
        "accesscontextmanager.ServicePerimeters", "gcp:accesscontextmanager/servicePerimeters:ServicePerimeters",
        "google_access_context_manager_service_perimeters"),
    servicePerimeterResource: gcp<accesscontextmanager.ServicePerimeterResourceArgs>(
        "accesscontextmanager.ServicePerimeterResource", "gcp:accesscontextmanager/servicePerimeterResource:ServicePerimeterResource",
        "google_access_context_manager_service_perimeter_resource"),
    projectIamAuditConfig: gcp<projects.IAMAuditConfigArgs>(
        "projects.IAMAuditConfig", "gcp:projects/iAMAuditConfig:IAMAuditConfig", "google_project_iam_audit_config"),
    folderIamAuditConfig: gcp<folder.IamAuditConfigArgs>(
        "folder.IamAuditConfig", "gcp:folder/iamAuditConfig:IamAuditConfig", "google_folder_iam_audit_config"),
    organizationIamAuditConfig: gcp<organizations.IamAuditConfigArgs>(
        "organizations.IamAuditConfig", "gcp:organizations/iamAuditConfig:IamAuditConfig", "google_organization_iam_audit_config"),
    project: gcp<organizations.ProjectArgs>("organizations.Project", "gcp:organizations/project:Project", "google_project"),
    projectServiceIdentity: gcp<projects.ServiceIdentityArgs>(
        "projects.ServiceIdentity", "gcp:projects/serviceIdentity:ServiceIdentity", "google_project_service_identity"),
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
