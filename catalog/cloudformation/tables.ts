/**
 * CloudFormation → neutral view, one entry per resource type, grouped by family. Every
 * CloudFormation property named here is checked by a test against the `@pulumi/aws-native` type
 * declarations (their properties are the CloudFormation names in camelCase), every neutral name
 * against the `@pulumi/aws` `*Args` interface, every token against its SDK class's `__pulumiType`.
 *
 * Properties not listed are named mechanically (`FooBar` → `fooBar`, nested objects too), which is
 * right for most SageMaker settings; a listed property is one whose bridged name, shape or value
 * differs, or that a control reads.
 */
import { types } from "../resource-types";
import type { CfnTypeMapping, PropertySpec } from "./mapping";

const verbatim = (to: string): PropertySpec => ({ to, value: "verbatim" });
const tags: PropertySpec = { to: "tags", value: "tags" };

const ruleCommon: Record<string, PropertySpec> = {
    IpProtocol: "protocol",
    FromPort: "fromPort",
    ToPort: "toPort",
    CidrIp: { to: "cidrBlocks", value: "list" },
    CidrIpv6: { to: "ipv6CidrBlocks", value: "list" },
    Description: "description",
};
const ingressRule: Record<string, PropertySpec> = {
    ...ruleCommon,
    SourceSecurityGroupId: { to: "securityGroups", value: "list" },
    SourcePrefixListId: { to: "prefixListIds", value: "list" },
};
const egressRule: Record<string, PropertySpec> = {
    ...ruleCommon,
    DestinationSecurityGroupId: { to: "securityGroups", value: "list" },
    DestinationPrefixListId: { to: "prefixListIds", value: "list" },
};

const policyAttachments = (policyLink: string) => [
    { property: "Roles", token: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", sdk: "iam.RolePolicyAttachment", link: policyLink, each: { as: "role" } },
    { property: "Users", token: "aws:iam/userPolicyAttachment:UserPolicyAttachment", sdk: "iam.UserPolicyAttachment", link: policyLink, each: { as: "user" } },
    { property: "Groups", token: "aws:iam/groupPolicyAttachment:GroupPolicyAttachment", sdk: "iam.GroupPolicyAttachment", link: policyLink, each: { as: "group" } },
];

/** SageMaker. */
const sagemaker: CfnTypeMapping[] = [
    {
        cfn: "AWS::SageMaker::NotebookInstance",
        token: types.sagemakerNotebookInstance.token,
        sdk: types.sagemakerNotebookInstance.sdk.path,
        awsNative: "sagemaker.NotebookInstance",
        props: {
            NotebookInstanceName: "name",
            DirectInternetAccess: "directInternetAccess",
            SubnetId: "subnetId",
            SecurityGroupIds: "securityGroups",
            KmsKeyId: "kmsKeyId",
            RootAccess: "rootAccess",
            RoleArn: "roleArn",
            InstanceType: "instanceType",
            PlatformIdentifier: "platformIdentifier",
            VolumeSizeInGB: "volumeSize",
            LifecycleConfigName: "lifecycleConfigName",
            DefaultCodeRepository: "defaultCodeRepository",
            AdditionalCodeRepositories: "additionalCodeRepositories",
            InstanceMetadataServiceConfiguration: {
                to: "instanceMetadataServiceConfiguration",
                props: { MinimumInstanceMetadataServiceVersion: "minimumInstanceMetadataServiceVersion" },
            },
            Tags: tags,
        },
        defaults:
            "DirectInternetAccess absent: Enabled; RootAccess absent: Enabled; KmsKeyId absent: AWS-managed key; " +
            "MinimumInstanceMetadataServiceVersion absent: 1 (IMDSv1 allowed). Same as Terraform.",
        ref: "the notebook instance name",
    },
    {
        cfn: "AWS::SageMaker::Domain",
        token: "aws:sagemaker/domain:Domain",
        sdk: "sagemaker.Domain",
        awsNative: "sagemaker.Domain",
        props: {
            DomainName: "domainName",
            AuthMode: "authMode",
            AppNetworkAccessType: "appNetworkAccessType",
            AppSecurityGroupManagement: "appSecurityGroupManagement",
            KmsKeyId: "kmsKeyId",
            SubnetIds: "subnetIds",
            VpcId: "vpcId",
            DefaultUserSettings: "defaultUserSettings",
            DefaultSpaceSettings: "defaultSpaceSettings",
            DomainSettings: "domainSettings",
            Tags: tags,
        },
        defaults: "AppNetworkAccessType absent: PublicInternetOnly; KmsKeyId absent: AWS-managed key for the EFS volume. Same as Terraform.",
    },
    {
        cfn: "AWS::SageMaker::UserProfile",
        token: "aws:sagemaker/userProfile:UserProfile",
        sdk: "sagemaker.UserProfile",
        awsNative: "sagemaker.UserProfile",
        props: { DomainId: "domainId", UserProfileName: "userProfileName", UserSettings: "userSettings", Tags: tags },
        defaults: "UserSettings absent: the domain's DefaultUserSettings apply. Same as Terraform.",
    },
    {
        cfn: "AWS::SageMaker::Space",
        token: "aws:sagemaker/space:Space",
        sdk: "sagemaker.Space",
        awsNative: "sagemaker.Space",
        props: { DomainId: "domainId", SpaceName: "spaceName", SpaceSettings: "spaceSettings", OwnershipSettings: "ownershipSettings", SpaceSharingSettings: "spaceSharingSettings", Tags: tags },
        defaults: "SpaceSettings absent: the domain's DefaultSpaceSettings apply. Same as Terraform.",
    },
    {
        cfn: "AWS::SageMaker::Model",
        token: "aws:sagemaker/model:Model",
        sdk: "sagemaker.Model",
        awsNative: "sagemaker.Model",
        props: {
            ModelName: "name",
            ExecutionRoleArn: "executionRoleArn",
            PrimaryContainer: "primaryContainer",
            Containers: "containers",
            VpcConfig: { to: "vpcConfig", props: { SecurityGroupIds: "securityGroupIds", Subnets: "subnets" } },
            EnableNetworkIsolation: "enableNetworkIsolation",
            Tags: tags,
        },
        defaults: "EnableNetworkIsolation absent: false; VpcConfig absent: the model container runs outside your VPC. Same as Terraform.",
    },
    {
        cfn: "AWS::SageMaker::EndpointConfig",
        token: "aws:sagemaker/endpointConfiguration:EndpointConfiguration",
        sdk: "sagemaker.EndpointConfiguration",
        awsNative: "sagemaker.EndpointConfig",
        props: {
            EndpointConfigName: "name",
            KmsKeyId: "kmsKeyArn",
            ProductionVariants: "productionVariants",
            ShadowProductionVariants: "shadowProductionVariants",
            DataCaptureConfig: { to: "dataCaptureConfig", props: { KmsKeyId: "kmsKeyId", EnableCapture: "enableCapture", DestinationS3Uri: "destinationS3Uri", InitialSamplingPercentage: "initialSamplingPercentage", CaptureOptions: "captureOptions" } },
            AsyncInferenceConfig: "asyncInferenceConfig",
            ExecutionRoleArn: "executionRoleArn",
            Tags: tags,
        },
        defaults: "KmsKeyId absent: the ML storage volume uses an AWS-managed key (Terraform names it kms_key_arn); DataCaptureConfig.EnableCapture absent: true when DataCaptureConfig is given.",
    },
    {
        cfn: "AWS::SageMaker::FeatureGroup",
        token: "aws:sagemaker/featureGroup:FeatureGroup",
        sdk: "sagemaker.FeatureGroup",
        awsNative: "sagemaker.FeatureGroup",
        props: {
            FeatureGroupName: "featureGroupName",
            RoleArn: "roleArn",
            OnlineStoreConfig: "onlineStoreConfig",
            OfflineStoreConfig: "offlineStoreConfig",
            FeatureDefinitions: "featureDefinitions",
            RecordIdentifierFeatureName: "recordIdentifierFeatureName",
            EventTimeFeatureName: "eventTimeFeatureName",
            Tags: tags,
        },
        defaults: "OnlineStoreConfig.SecurityConfig absent: the online store uses an AWS-owned key. Same as Terraform.",
    },
    {
        cfn: "AWS::SageMaker::MonitoringSchedule",
        token: "aws:sagemaker/monitoringSchedule:MonitoringSchedule",
        sdk: "sagemaker.MonitoringSchedule",
        awsNative: "sagemaker.MonitoringSchedule",
        props: { MonitoringScheduleName: "name", MonitoringScheduleConfig: "monitoringScheduleConfig", Tags: tags },
        defaults: "Inline MonitoringJobDefinition: NetworkConfig absent means inter-container traffic is not encrypted.",
    },
    {
        cfn: "AWS::SageMaker::DataQualityJobDefinition",
        token: "aws:sagemaker/dataQualityJobDefinition:DataQualityJobDefinition",
        sdk: "sagemaker.DataQualityJobDefinition",
        awsNative: "sagemaker.DataQualityJobDefinition",
        props: {
            JobDefinitionName: "name",
            RoleArn: "roleArn",
            NetworkConfig: "networkConfig",
            DataQualityJobOutputConfig: "dataQualityJobOutputConfig",
            JobResources: "jobResources",
            DataQualityAppSpecification: "dataQualityAppSpecification",
            DataQualityJobInput: "dataQualityJobInput",
            DataQualityBaselineConfig: "dataQualityBaselineConfig",
            StoppingCondition: "stoppingCondition",
            Tags: tags,
        },
        defaults: "NetworkConfig.EnableInterContainerTrafficEncryption absent: false; output and volume KmsKeyId absent: AWS-managed keys. Same as Terraform.",
    },
    ...(["ModelQuality", "ModelBias", "ModelExplainability"] as const).map((kind): CfnTypeMapping => ({
        cfn: `AWS::SageMaker::${kind}JobDefinition`,
        // No bridged type exists (only awscc / aws-native): the neutral token is the aws-native one.
        token: `aws-native:sagemaker:${kind}JobDefinition`,
        sdk: `sagemaker.${kind}JobDefinition`,
        awsNative: `sagemaker.${kind}JobDefinition`,
        props: { NetworkConfig: "networkConfig", JobResources: "jobResources", RoleArn: "roleArn", Tags: { to: "tags", value: "verbatim" } },
        defaults: "NetworkConfig.EnableInterContainerTrafficEncryption absent: false. Neutral view: the aws-native names, since the bridged providers lack the type.",
    })),
];

/** S3. */
const s3: CfnTypeMapping[] = [
    {
        cfn: "AWS::S3::Bucket",
        token: types.s3Bucket.token,
        sdk: types.s3Bucket.sdk.path,
        awsNative: "s3.Bucket",
        props: {
            BucketName: "bucket",
            ObjectLockEnabled: "objectLockEnabled",
            // The canned ACL, read as the bucket's inline acl (which the ACL checks read with aws.s3.BucketAcl's).
            AccessControl: {
                to: "acl",
                values: {
                    Private: "private",
                    PublicRead: "public-read",
                    PublicReadWrite: "public-read-write",
                    AuthenticatedRead: "authenticated-read",
                    AwsExecRead: "aws-exec-read",
                    BucketOwnerRead: "bucket-owner-read",
                    BucketOwnerFullControl: "bucket-owner-full-control",
                    LogDeliveryWrite: "log-delivery-write",
                },
            },
            Tags: tags,
        },
        split: [
            {
                property: "BucketEncryption",
                token: types.s3SseConfiguration.token,
                sdk: types.s3SseConfiguration.sdk.path,
                link: "bucket",
                props: {
                    ServerSideEncryptionConfiguration: {
                        to: "rules",
                        props: {
                            ServerSideEncryptionByDefault: {
                                to: "applyServerSideEncryptionByDefault",
                                props: { SSEAlgorithm: "sseAlgorithm", KMSMasterKeyID: "kmsMasterKeyId" },
                            },
                            BucketKeyEnabled: "bucketKeyEnabled",
                        },
                    },
                },
            },
            {
                property: "ObjectLockConfiguration",
                token: types.s3ObjectLockConfiguration.token,
                sdk: types.s3ObjectLockConfiguration.sdk.path,
                link: "bucket",
                props: {
                    ObjectLockEnabled: "objectLockEnabled",
                    Rule: { to: "rule", props: { DefaultRetention: { to: "defaultRetention", props: { Mode: "mode", Days: "days", Years: "years" } } } },
                },
            },
            {
                property: "VersioningConfiguration",
                token: "aws:s3/bucketVersioning:BucketVersioning",
                sdk: "s3.BucketVersioning",
                link: "bucket",
                into: "versioningConfiguration",
                props: { Status: "status" },
            },
            {
                property: "PublicAccessBlockConfiguration",
                token: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
                sdk: "s3.BucketPublicAccessBlock",
                link: "bucket",
                props: { BlockPublicAcls: "blockPublicAcls", BlockPublicPolicy: "blockPublicPolicy", IgnorePublicAcls: "ignorePublicAcls", RestrictPublicBuckets: "restrictPublicBuckets" },
            },
            {
                property: "OwnershipControls",
                token: types.s3OwnershipControls.token,
                sdk: types.s3OwnershipControls.sdk.path,
                link: "bucket",
                props: { Rules: { to: "rule", cfnList: true, props: { ObjectOwnership: "objectOwnership" } } },
            },
            {
                property: "LoggingConfiguration",
                token: "aws:s3/bucketLogging:BucketLogging",
                sdk: "s3.BucketLogging",
                link: "bucket",
                props: { DestinationBucketName: "targetBucket", LogFilePrefix: "targetPrefix" },
            },
        ],
        defaults:
            "BucketEncryption absent: SSE-S3 (AES256), as in Terraform. ObjectLockEnabled absent: false. " +
            "Differs from Terraform: the encryption, Object Lock rule, versioning, public access block and logging are " +
            "inline properties here; they are read as the split resources the controls join " +
            "(BucketServerSideEncryptionConfiguration, BucketObjectLockConfiguration, BucketVersioning, BucketPublicAccessBlock, BucketOwnershipControls, BucketLogging). " +
            "AccessControl absent: no canned ACL (private); its values are PascalCase here (PublicRead), kebab-case in Terraform (public-read). " +
            "OwnershipControls absent: BucketOwnerEnforced (ACLs disabled) for buckets created since April 2023, as in Terraform; its Rules is a list here, one rule block in Terraform. " +
            "There is no force_destroy (DeletionPolicy is a resource attribute).",
        ref: "the bucket name",
    },
    {
        cfn: "AWS::S3::BucketPolicy",
        token: "aws:s3/bucketPolicy:BucketPolicy",
        sdk: "s3.BucketPolicy",
        awsNative: "s3.BucketPolicy",
        props: { Bucket: "bucket", PolicyDocument: verbatim("policy") },
        defaults: "The document is an object (Terraform and Pulumi hold a JSON string); the controls read both.",
    },
];

/** KMS. */
const kms: CfnTypeMapping[] = [
    {
        cfn: "AWS::KMS::Key",
        token: types.kmsKey.token,
        sdk: types.kmsKey.sdk.path,
        awsNative: "kms.Key",
        props: {
            Description: "description",
            EnableKeyRotation: "enableKeyRotation",
            RotationPeriodInDays: "rotationPeriodInDays",
            KeySpec: "customerMasterKeySpec",
            KeyUsage: "keyUsage",
            KeyPolicy: verbatim("policy"),
            MultiRegion: "multiRegion",
            PendingWindowInDays: "deletionWindowInDays",
            Enabled: "isEnabled",
            Tags: tags,
        },
        defaults:
            "EnableKeyRotation absent: false; KeySpec absent: SYMMETRIC_DEFAULT; KeyUsage absent: ENCRYPT_DECRYPT; " +
            "KeyPolicy absent: CloudFormation applies the default key policy (account root) — required before 2023, optional now. Same as Terraform otherwise.",
        ref: "the key id",
    },
    {
        cfn: "AWS::KMS::Alias",
        token: "aws:kms/alias:Alias",
        sdk: "kms.Alias",
        awsNative: "kms.Alias",
        props: { AliasName: "name", TargetKeyId: "targetKeyId" },
        defaults: "No defaults that differ from Terraform.",
    },
];

/** ECR. */
const ecr: CfnTypeMapping[] = [
    {
        cfn: "AWS::ECR::Repository",
        token: "aws:ecr/repository:Repository",
        sdk: "ecr.Repository",
        awsNative: "ecr.Repository",
        props: {
            RepositoryName: "name",
            ImageTagMutability: "imageTagMutability",
            ImageScanningConfiguration: { to: "imageScanningConfiguration", props: { ScanOnPush: "scanOnPush" } },
            // A single object in CloudFormation, a repeatable block in Terraform (`encryptionConfigurations`).
            EncryptionConfiguration: { to: "encryptionConfigurations", value: "list", props: { EncryptionType: "encryptionType", KmsKey: "kmsKey" } },
            EmptyOnDelete: "forceDelete",
            Tags: tags,
        },
        split: [
            { property: "RepositoryPolicyText", token: "aws:ecr/repositoryPolicy:RepositoryPolicy", sdk: "ecr.RepositoryPolicy", link: "repository", into: "policy" },
        ],
        defaults:
            "ImageTagMutability absent: MUTABLE; ScanOnPush absent: false; EncryptionType absent: AES256. Same as Terraform. " +
            "Differs: the repository policy is inline (RepositoryPolicyText), read as an aws.ecr.RepositoryPolicy.",
    },
    {
        cfn: "AWS::ECR::RegistryScanningConfiguration",
        token: "aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration",
        sdk: "ecr.RegistryScanningConfiguration",
        awsNative: "ecr.RegistryScanningConfiguration",
        props: {
            ScanType: "scanType",
            Rules: { to: "rules", props: { ScanFrequency: "scanFrequency", RepositoryFilters: { to: "repositoryFilters", props: { Filter: "filter", FilterType: "filterType" } } } },
        },
        defaults: "No registry scanning configuration: BASIC scanning on push only for repositories that enable it. Same as Terraform.",
    },
];

/** EC2 networking. */
const ec2: CfnTypeMapping[] = [
    {
        cfn: "AWS::EC2::VPC",
        token: types.ec2Vpc.token,
        sdk: types.ec2Vpc.sdk.path,
        awsNative: "ec2.Vpc",
        props: { CidrBlock: "cidrBlock", EnableDnsSupport: "enableDnsSupport", EnableDnsHostnames: "enableDnsHostnames", InstanceTenancy: "instanceTenancy", Tags: tags },
        defaults:
            "Differs from Terraform: the VPC's main route table is implicit and holds only the local route; no " +
            "CloudFormation resource can add routes to it or make another table main.",
    },
    {
        cfn: "AWS::EC2::Subnet",
        token: types.ec2Subnet.token,
        sdk: types.ec2Subnet.sdk.path,
        awsNative: "ec2.Subnet",
        props: { VpcId: "vpcId", CidrBlock: "cidrBlock", AvailabilityZone: "availabilityZone", MapPublicIpOnLaunch: "mapPublicIpOnLaunch", Tags: tags },
        defaults: "MapPublicIpOnLaunch absent: false. A subnet without a SubnetRouteTableAssociation uses the VPC's main route table.",
    },
    {
        cfn: "AWS::EC2::RouteTable",
        token: types.ec2RouteTable.token,
        sdk: types.ec2RouteTable.sdk.path,
        awsNative: "ec2.RouteTable",
        props: { VpcId: "vpcId", Tags: tags },
        defaults: "Differs from Terraform: routes are always separate AWS::EC2::Route resources (there is no inline route list).",
    },
    {
        cfn: "AWS::EC2::Route",
        token: types.ec2Route.token,
        sdk: types.ec2Route.sdk.path,
        awsNative: "ec2.Route",
        props: {
            RouteTableId: "routeTableId",
            DestinationCidrBlock: "destinationCidrBlock",
            DestinationIpv6CidrBlock: "destinationIpv6CidrBlock",
            DestinationPrefixListId: "destinationPrefixListId",
            GatewayId: "gatewayId",
            NatGatewayId: "natGatewayId",
            TransitGatewayId: "transitGatewayId",
            VpcEndpointId: "vpcEndpointId",
            VpcPeeringConnectionId: "vpcPeeringConnectionId",
            NetworkInterfaceId: "networkInterfaceId",
            EgressOnlyInternetGatewayId: "egressOnlyGatewayId",
        },
        defaults: "No defaults that differ from Terraform.",
    },
    {
        cfn: "AWS::EC2::SubnetRouteTableAssociation",
        token: types.ec2RouteTableAssociation.token,
        sdk: types.ec2RouteTableAssociation.sdk.path,
        awsNative: "ec2.SubnetRouteTableAssociation",
        props: { SubnetId: "subnetId", RouteTableId: "routeTableId" },
        defaults: "No defaults that differ from Terraform.",
    },
    {
        cfn: "AWS::EC2::InternetGateway",
        token: types.ec2InternetGateway.token,
        sdk: types.ec2InternetGateway.sdk.path,
        awsNative: "ec2.InternetGateway",
        props: { Tags: tags },
        defaults: "Differs from Terraform: the gateway names no VPC; an AWS::EC2::VPCGatewayAttachment attaches it.",
    },
    {
        cfn: "AWS::EC2::VPCGatewayAttachment",
        token: "aws:ec2/internetGatewayAttachment:InternetGatewayAttachment",
        sdk: "ec2.InternetGatewayAttachment",
        awsNative: "ec2.VpcGatewayAttachment",
        props: { VpcId: "vpcId", InternetGatewayId: "internetGatewayId" },
        defaults: "A VPN gateway attachment (VpnGatewayId) reads as an internet gateway attachment without internetGatewayId.",
    },
    {
        cfn: "AWS::EC2::NatGateway",
        token: types.ec2NatGateway.token,
        sdk: types.ec2NatGateway.sdk.path,
        awsNative: "ec2.NatGateway",
        props: { SubnetId: "subnetId", AllocationId: "allocationId", ConnectivityType: "connectivityType", Tags: tags },
        defaults: "ConnectivityType absent: public. Same as Terraform.",
    },
    {
        cfn: "AWS::EC2::SecurityGroup",
        token: types.ec2SecurityGroup.token,
        sdk: types.ec2SecurityGroup.sdk.path,
        awsNative: "ec2.SecurityGroup",
        props: {
            GroupName: "name",
            GroupDescription: "description",
            VpcId: "vpcId",
            SecurityGroupIngress: { to: "ingress", props: ingressRule },
            SecurityGroupEgress: { to: "egress", props: egressRule },
            Tags: tags,
        },
        defaults:
            "Differs from Terraform: SecurityGroupEgress absent means CloudFormation keeps the default allow-all egress rule " +
            "(Terraform removes it when no egress block is given). Each rule holds one CidrIp (read as a one-element cidrBlocks).",
    },
    {
        cfn: "AWS::EC2::VPCEndpoint",
        token: "aws:ec2/vpcEndpoint:VpcEndpoint",
        sdk: "ec2.VpcEndpoint",
        awsNative: "ec2.VpcEndpoint",
        props: {
            VpcId: "vpcId",
            ServiceName: "serviceName",
            VpcEndpointType: "vpcEndpointType",
            PrivateDnsEnabled: "privateDnsEnabled",
            PolicyDocument: verbatim("policy"),
            SubnetIds: "subnetIds",
            SecurityGroupIds: "securityGroupIds",
            RouteTableIds: "routeTableIds",
        },
        defaults: "VpcEndpointType absent: Gateway; PrivateDnsEnabled absent: false; PolicyDocument absent: full access. Same as Terraform.",
    },
];

/** IAM. */
const iam: CfnTypeMapping[] = [
    {
        cfn: "AWS::IAM::Role",
        token: types.iamRole.token,
        sdk: types.iamRole.sdk.path,
        awsNative: "iam.Role",
        props: {
            RoleName: "name",
            Path: "path",
            AssumeRolePolicyDocument: verbatim("assumeRolePolicy"),
            ManagedPolicyArns: "managedPolicyArns",
            PermissionsBoundary: "permissionsBoundary",
            MaxSessionDuration: "maxSessionDuration",
            Description: "description",
            Policies: { to: "inlinePolicies", props: { PolicyName: "name", PolicyDocument: verbatim("policy") } },
            Tags: tags,
        },
        defaults: "Documents are objects (Terraform and Pulumi hold JSON strings); the controls read both. Inline Policies read as inlinePolicies.",
        ref: "the role name",
    },
    {
        cfn: "AWS::IAM::ManagedPolicy",
        token: types.iamPolicy.token,
        sdk: types.iamPolicy.sdk.path,
        awsNative: "iam.ManagedPolicy",
        props: { ManagedPolicyName: "name", Path: "path", Description: "description", PolicyDocument: verbatim("policy") },
        split: policyAttachments("policyArn"),
        defaults: "Differs from Terraform: the policy lists the roles, users and groups it is attached to; each reads as a *PolicyAttachment.",
        ref: "the policy ARN",
    },
    {
        cfn: "AWS::IAM::Policy",
        // An inline policy embedded in each listed principal: read as a policy document plus one attachment per principal.
        token: types.iamPolicy.token,
        sdk: types.iamPolicy.sdk.path,
        awsNative: null,
        props: { PolicyName: "name", PolicyDocument: verbatim("policy") },
        split: policyAttachments("policyArn"),
        defaults:
            "Differs from Terraform: one inline policy embedded in every role, user and group it lists (Terraform has one " +
            "aws_iam_role_policy per role); read as a policy document plus one attachment per principal. No aws-native type.",
    },
    {
        cfn: "AWS::IAM::RolePolicy",
        token: types.iamRolePolicy.token,
        sdk: types.iamRolePolicy.sdk.path,
        awsNative: "iam.RolePolicy",
        props: { RoleName: "role", PolicyName: "name", PolicyDocument: verbatim("policy") },
        defaults: "No defaults that differ from Terraform.",
    },
    {
        cfn: "AWS::IAM::UserPolicy",
        token: types.iamUserPolicy.token,
        sdk: types.iamUserPolicy.sdk.path,
        awsNative: "iam.UserPolicy",
        props: { UserName: "user", PolicyName: "name", PolicyDocument: verbatim("policy") },
        defaults: "No defaults that differ from Terraform.",
    },
    {
        cfn: "AWS::IAM::GroupPolicy",
        token: types.iamGroupPolicy.token,
        sdk: types.iamGroupPolicy.sdk.path,
        awsNative: "iam.GroupPolicy",
        props: { GroupName: "group", PolicyName: "name", PolicyDocument: verbatim("policy") },
        defaults: "No defaults that differ from Terraform.",
    },
];

/** Every mapped CloudFormation type. */
export const cfnTypes: readonly CfnTypeMapping[] = [...sagemaker, ...s3, ...kms, ...ecr, ...ec2, ...iam];

const byCfn = new Map(cfnTypes.map((t) => [t.cfn, t]));

/** The mapping of a CloudFormation type. */
export function cfnMapping(cfnType: string): CfnTypeMapping | undefined {
    return byCfn.get(cfnType);
}

/** `sagemaker.NotebookInstance` → `aws-native:sagemaker:NotebookInstance`. */
export function awsNativeToken(sdk: string): string {
    const dot = sdk.lastIndexOf(".");
    return `aws-native:${sdk.slice(0, dot)}:${sdk.slice(dot + 1)}`;
}

const byAwsNative = new Map(cfnTypes.filter((t) => t.awsNative).map((t) => [awsNativeToken(t.awsNative!), t]));

/** The mapping behind a Pulumi `aws-native` token. */
export function awsNativeMapping(token: string): CfnTypeMapping | undefined {
    return byAwsNative.get(token);
}

/** The CloudFormation types whose neutral token is `token` (the inverse tables). */
export function cfnTypesForToken(token: string): CfnTypeMapping[] {
    return cfnTypes.filter((t) => t.token === token);
}
