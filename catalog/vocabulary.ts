/**
 * Terraform names → the Pulumi vocabulary controls are written in. Attribute and block names are
 * snake_case → camelCase; the exceptions are repeatable blocks that the Pulumi bridge pluralises
 * (`route` → `routes`). The tables below list those, per Terraform type, keyed by the dotted block
 * path (`lifecycle_rule.transition`). The Pulumi `*Args` property name is the truth: a test checks
 * every entry against the installed SDK's type declarations.
 */

/** Renames that apply to a Terraform type's blocks, keyed by dotted Terraform block path. */
export const pluralRenames: Readonly<Record<string, Readonly<Record<string, string>>>> = {
    aws_route_table: { route: "routes" },
    aws_default_route_table: { route: "routes" },
    aws_s3_bucket: {
        lifecycle_rule: "lifecycleRules",
        "lifecycle_rule.transition": "transitions",
        "lifecycle_rule.noncurrent_version_transition": "noncurrentVersionTransitions",
        cors_rule: "corsRules",
        grant: "grants",
    },
    aws_s3_bucket_server_side_encryption_configuration: { rule: "rules" },
    aws_s3_bucket_lifecycle_configuration: {
        rule: "rules",
        "rule.transition": "transitions",
        "rule.noncurrent_version_transition": "noncurrentVersionTransitions",
    },
    aws_s3_bucket_replication_configuration: { rule: "rules" },
    // aws_s3_bucket_object_lock_configuration.rule is MaxItems = 1: Pulumi keeps it as the object `rule`.
    aws_iam_role: { inline_policy: "inlinePolicies" },
    aws_ecr_repository: {
        encryption_configuration: "encryptionConfigurations",
        image_tag_mutability_exclusion_filter: "imageTagMutabilityExclusionFilters",
    },
    aws_sagemaker_model: { container: "containers" },
    aws_sagemaker_domain: {
        "default_user_settings.custom_file_system_config": "customFileSystemConfigs",
        "default_space_settings.custom_file_system_config": "customFileSystemConfigs",
    },
    aws_sagemaker_feature_group: { feature_definition: "featureDefinitions" },
    aws_s3_bucket_acl: { "access_control_policy.grant": "grants" },
    aws_ecr_registry_scanning_configuration: { rule: "rules", "rule.repository_filter": "repositoryFilters" },
    google_project_iam_audit_config: { audit_log_config: "auditLogConfigs" },
    google_folder_iam_audit_config: { audit_log_config: "auditLogConfigs" },
    google_organization_iam_audit_config: { audit_log_config: "auditLogConfigs" },
    google_storage_bucket: { lifecycle_rule: "lifecycleRules" },
    google_compute_firewall: { allow: "allows", deny: "denies" },
    google_vertex_ai_endpoint: { "private_service_connect_config.project_allowlist": "projectAllowlists" },
    google_vertex_ai_index_endpoint: { "private_service_connect_config.project_allowlist": "projectAllowlists" },
    google_vertex_ai_feature_online_store: { "dedicated_serving_endpoint.private_service_connect_config.project_allowlist": "projectAllowlists" },
    google_storage_bucket_acl: { role_entity: "roleEntities" },
    google_storage_default_object_acl: { role_entity: "roleEntities" },
    google_storage_object_acl: { role_entity: "roleEntities" },
};

/** Where to find each renamed type's `*Args` interface in the SDK (for the vocabulary test). */
export const renameSdkTypes: Readonly<Record<string, { file: string; args: string }>> = {
    aws_route_table: { file: "@pulumi/aws/ec2/routeTable.d.ts", args: "RouteTableArgs" },
    aws_default_route_table: { file: "@pulumi/aws/ec2/defaultRouteTable.d.ts", args: "DefaultRouteTableArgs" },
    aws_s3_bucket: { file: "@pulumi/aws/s3/bucket.d.ts", args: "BucketArgs" },
    aws_s3_bucket_server_side_encryption_configuration: {
        file: "@pulumi/aws/s3/bucketServerSideEncryptionConfiguration.d.ts",
        args: "BucketServerSideEncryptionConfigurationArgs",
    },
    aws_s3_bucket_lifecycle_configuration: { file: "@pulumi/aws/s3/bucketLifecycleConfiguration.d.ts", args: "BucketLifecycleConfigurationArgs" },
    aws_s3_bucket_replication_configuration: { file: "@pulumi/aws/s3/bucketReplicationConfig.d.ts", args: "BucketReplicationConfigArgs" },
    aws_iam_role: { file: "@pulumi/aws/iam/role.d.ts", args: "RoleArgs" },
    aws_ecr_repository: { file: "@pulumi/aws/ecr/repository.d.ts", args: "RepositoryArgs" },
    aws_sagemaker_model: { file: "@pulumi/aws/sagemaker/model.d.ts", args: "ModelArgs" },
    aws_sagemaker_domain: { file: "@pulumi/aws/sagemaker/domain.d.ts", args: "DomainArgs" },
    aws_sagemaker_feature_group: { file: "@pulumi/aws/sagemaker/featureGroup.d.ts", args: "FeatureGroupArgs" },
    aws_s3_bucket_acl: { file: "@pulumi/aws/s3/bucketAcl.d.ts", args: "BucketAclArgs" },
    aws_ecr_registry_scanning_configuration: { file: "@pulumi/aws/ecr/registryScanningConfiguration.d.ts", args: "RegistryScanningConfigurationArgs" },
    google_project_iam_audit_config: { file: "@pulumi/gcp/projects/iamauditConfig.d.ts", args: "IAMAuditConfigArgs" },
    google_folder_iam_audit_config: { file: "@pulumi/gcp/folder/iamAuditConfig.d.ts", args: "IamAuditConfigArgs" },
    google_organization_iam_audit_config: { file: "@pulumi/gcp/organizations/iamAuditConfig.d.ts", args: "IamAuditConfigArgs" },
    google_storage_bucket: { file: "@pulumi/gcp/storage/bucket.d.ts", args: "BucketArgs" },
    google_compute_firewall: { file: "@pulumi/gcp/compute/firewall.d.ts", args: "FirewallArgs" },
    google_vertex_ai_endpoint: { file: "@pulumi/gcp/vertex/aiEndpoint.d.ts", args: "AiEndpointArgs" },
    google_vertex_ai_index_endpoint: { file: "@pulumi/gcp/vertex/aiIndexEndpoint.d.ts", args: "AiIndexEndpointArgs" },
    google_vertex_ai_feature_online_store: { file: "@pulumi/gcp/vertex/aiFeatureOnlineStore.d.ts", args: "AiFeatureOnlineStoreArgs" },
    google_storage_bucket_acl: { file: "@pulumi/gcp/storage/bucketACL.d.ts", args: "BucketACLArgs" },
    google_storage_default_object_acl: { file: "@pulumi/gcp/storage/defaultObjectACL.d.ts", args: "DefaultObjectACLArgs" },
    google_storage_object_acl: { file: "@pulumi/gcp/storage/objectACL.d.ts", args: "ObjectACLArgs" },
};

const camelCache = new Map<string, string>();

/** `direct_internet_access` → `directInternetAccess`. */
export function camelCase(name: string): string {
    let c = camelCache.get(name);
    if (c === undefined) {
        c = name.replace(/_+([a-zA-Z0-9])/g, (_m, ch: string) => ch.toUpperCase());
        if (camelCache.size < 10_000) camelCache.set(name, c);
    }
    return c;
}

/**
 * The Pulumi property name of a Terraform attribute or block: `tfPath` is the dotted Terraform path
 * of enclosing blocks (`""` at the top level of the resource).
 */
export function pulumiName(terraformType: string, tfPath: string, name: string): string {
    const renames = pluralRenames[terraformType];
    if (renames) {
        const renamed = renames[tfPath === "" ? name : `${tfPath}.${name}`];
        if (renamed) return renamed;
    }
    return camelCase(name);
}
