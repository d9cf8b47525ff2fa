import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { EXCEPTION_TAG, type EscapeHatch, MlguardComponentError, requireReason } from "../errors";

const COMPONENT = "MlPrivateNetwork";

/** Optional endpoint tiers (controls.md §5, #6-#16). The required tier (#1-#5) is always created. */
export interface MlEndpointTiers {
    /** ECR API + Docker registry endpoints for custom images (#6, #7). Default `true`. */
    customImages?: boolean;
    /** KMS, CloudWatch metrics and SSM (#8-#10). Default `true`. */
    recommended?: boolean;
    /** Feature Store runtime (#12). Default `false`. */
    featureStore?: boolean;
    /** Secrets Manager, for private Git credentials (#13). Default `false`. */
    secretsManager?: boolean;
    /** Service Catalog, for SageMaker Projects (#11). Default `false`. */
    serviceCatalog?: boolean;
    /** Inbound notebook / Studio UI over PrivateLink (#15, #16). Default `false`. */
    privateUi?: boolean;
}

/** Egress to the internet through an inspecting NAT / firewall: an explicit, reviewed exception. */
export interface InspectedEgress extends EscapeHatch {
    /** The NAT gateway (in an inspected, public subnet you own) that the default route points at. */
    natGatewayId: pulumi.Input<string>;
}

export interface MlPrivateNetworkArgs {
    /** VPC CIDR; a /16 when `subnetCidrs` is not given. Default `10.40.0.0/16`. */
    cidrBlock?: string;
    /** At least two distinct AZs; one private subnet is created in each. */
    availabilityZones: string[];
    /** One CIDR per AZ; default: consecutive /20s carved from a /16 `cidrBlock`. */
    subnetCidrs?: string[];
    endpointTiers?: MlEndpointTiers;
    /** Extra interface endpoints, as service-name suffixes after `com.amazonaws.<region>.` (e.g. `athena`). */
    extraInterfaceEndpoints?: string[];
    /**
     * S3 buckets outside this account the S3 gateway endpoint may read (object ARNs, e.g.
     * `arn:aws:s3:::vendor-models/*`). The endpoint policy otherwise admits only this account's buckets
     * and the ECR layer bucket: it can be narrowed or extended by name, never opened.
     */
    externalReadOnlyObjectArns?: pulumi.Input<string>[];
    /** Flow-log retention in days. Default 365. */
    flowLogRetentionDays?: number;
    /**
     * Escape hatch: route the subnets' default route through an inspected NAT. Requires a reason,
     * which is written to the route tables' `mlguard:exception` tag.
     */
    inspectedEgress?: InspectedEgress;
    tags?: Record<string, string>;
}

function parseCidr(cidr: string): [number, number, number, number, number] | undefined {
    const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
    if (!m) return undefined;
    const parts = m.slice(1).map(Number) as [number, number, number, number, number];
    if (parts.slice(0, 4).some((p) => p > 255) || parts[4] > 32) return undefined;
    return parts;
}

/**
 * A VPC for ML workloads with no path to the internet: private subnets in ≥2 AZs whose route tables
 * have no internet or NAT gateway route, the VPC endpoints SageMaker needs (private DNS on), a
 * closed default security group, and VPC flow logs.
 */
export class MlPrivateNetwork extends pulumi.ComponentResource {
    public static readonly __pulumiType = "mlguard:aws:MlPrivateNetwork";

    public readonly vpc: aws.ec2.Vpc;
    public readonly vpcId: pulumi.Output<string>;
    public readonly cidrBlock: string;
    public readonly availabilityZones: readonly string[];
    /** The private subnets, one per AZ, in the order of `availabilityZones`. */
    public readonly subnets: aws.ec2.Subnet[];
    public readonly subnetIds: pulumi.Output<string>[];
    public readonly routeTables: aws.ec2.RouteTable[];
    /** Security group for ML workloads (notebooks, Studio apps, models): HTTPS to endpoints, self traffic. */
    public readonly workloadSecurityGroup: aws.ec2.SecurityGroup;
    public readonly workloadSecurityGroupId: pulumi.Output<string>;
    public readonly endpointSecurityGroupId: pulumi.Output<string>;
    public readonly s3Endpoint: aws.ec2.VpcEndpoint;
    /** The S3 gateway endpoint id, for `aws:SourceVpce` bucket-policy conditions. */
    public readonly s3EndpointId: pulumi.Output<string>;
    public readonly interfaceEndpoints: Record<string, aws.ec2.VpcEndpoint>;
    public readonly region: pulumi.Output<string>;
    public readonly accountId: pulumi.Output<string>;
    /** `true` when the `inspectedEgress` escape hatch is in use. */
    public readonly hasInspectedEgress: boolean;

    constructor(name: string, args: MlPrivateNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
        super(MlPrivateNetwork.__pulumiType, name, {}, opts);
        const azs = args.availabilityZones ?? [];
        if (new Set(azs).size < 2) {
            throw new MlguardComponentError(COMPONENT, "availabilityZones", `needs at least 2 distinct availability zones (got ${azs.length === 0 ? "none" : azs.join(", ")}); SageMaker and interface endpoints need subnets in two AZs`);
        }
        const cidrBlock = args.cidrBlock ?? "10.40.0.0/16";
        const vpcCidr = parseCidr(cidrBlock);
        if (!vpcCidr) throw new MlguardComponentError(COMPONENT, "cidrBlock", `"${cidrBlock}" is not an IPv4 CIDR block`);
        let subnetCidrs = args.subnetCidrs;
        if (subnetCidrs === undefined) {
            if (vpcCidr[4] !== 16) {
                throw new MlguardComponentError(COMPONENT, "subnetCidrs", "must be given when `cidrBlock` is not a /16 (subnets are carved as /20s from a /16 only)");
            }
            subnetCidrs = azs.map((_, i) => `${vpcCidr[0]}.${vpcCidr[1]}.${i * 16}.0/20`);
        }
        if (subnetCidrs.length !== azs.length) {
            throw new MlguardComponentError(COMPONENT, "subnetCidrs", `needs one CIDR per availability zone (${azs.length}), got ${subnetCidrs.length}`);
        }
        for (const c of subnetCidrs) {
            if (!parseCidr(c)) throw new MlguardComponentError(COMPONENT, "subnetCidrs", `"${c}" is not an IPv4 CIDR block`);
        }
        const egressReason = requireReason(COMPONENT, "inspectedEgress", args.inspectedEgress);
        this.hasInspectedEgress = egressReason !== undefined;
        this.cidrBlock = cidrBlock;
        this.availabilityZones = [...azs];

        const tags = { ...(args.tags ?? {}), "mlguard:component": COMPONENT };
        const region = aws.getRegionOutput({}, { parent: this }).region;
        const accountId = aws.getCallerIdentityOutput({}, { parent: this }).accountId;
        this.region = region;
        this.accountId = accountId;

        this.vpc = new aws.ec2.Vpc(`${name}-vpc`, {
            cidrBlock,
            // Both are needed for private DNS on interface endpoints.
            enableDnsSupport: true,
            enableDnsHostnames: true,
            tags: { ...tags, Name: `${name}-vpc` },
        }, { parent: this });
        this.vpcId = this.vpc.id;

        // Removes every rule from the VPC's default security group (CIS 5.4 / EC2.2).
        new aws.ec2.DefaultSecurityGroup(`${name}-default-sg`, { vpcId: this.vpc.id, tags }, { parent: this });

        const routeTags = egressReason ? { ...tags, [EXCEPTION_TAG]: egressReason } : tags;
        this.subnets = [];
        this.routeTables = [];
        azs.forEach((az, i) => {
            const subnet = new aws.ec2.Subnet(`${name}-private-${az}`, {
                vpcId: this.vpc.id,
                availabilityZone: az,
                cidrBlock: subnetCidrs![i]!,
                mapPublicIpOnLaunch: false,
                assignIpv6AddressOnCreation: false,
                tags: { ...tags, Name: `${name}-private-${az}`, "mlguard:subnet-tier": "private" },
            }, { parent: this });
            const routeTable = new aws.ec2.RouteTable(`${name}-rt-${az}`, {
                vpcId: this.vpc.id,
                // No internet or NAT gateway route: only the VPC-local route and the S3 gateway endpoint.
                routes: args.inspectedEgress ? [{ cidrBlock: "0.0.0.0/0", natGatewayId: args.inspectedEgress.natGatewayId }] : [],
                tags: { ...routeTags, Name: `${name}-rt-${az}` },
            }, { parent: this });
            new aws.ec2.RouteTableAssociation(`${name}-rta-${az}`, { subnetId: subnet.id, routeTableId: routeTable.id }, { parent: this });
            this.subnets.push(subnet);
            this.routeTables.push(routeTable);
        });
        this.subnetIds = this.subnets.map((s) => s.id);

        const endpointSg = new aws.ec2.SecurityGroup(`${name}-endpoints-sg`, {
            vpcId: this.vpc.id,
            description: "HTTPS from inside the VPC to the interface endpoints",
            ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: [cidrBlock], description: "HTTPS from the VPC" }],
            egress: [],
            tags,
        }, { parent: this });
        this.endpointSecurityGroupId = endpointSg.id;

        this.s3Endpoint = new aws.ec2.VpcEndpoint(`${name}-s3`, {
            vpcId: this.vpc.id,
            serviceName: pulumi.interpolate`com.amazonaws.${region}.s3`,
            vpcEndpointType: "Gateway",
            routeTableIds: this.routeTables.map((rt) => rt.id),
            policy: pulumi.jsonStringify({
                Version: "2012-10-17",
                Statement: [
                    {
                        Sid: "OwnAccountBuckets",
                        Effect: "Allow",
                        Principal: { AWS: pulumi.interpolate`arn:aws:iam::${accountId}:root` },
                        Action: ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject", "s3:ListBucket", "s3:ListBucketVersions", "s3:GetBucketLocation", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"],
                        Resource: ["arn:aws:s3:::*", "arn:aws:s3:::*/*"],
                        Condition: { StringEquals: { "s3:ResourceAccount": accountId } },
                    },
                    {
                        Sid: "EcrImageLayers",
                        Effect: "Allow",
                        Principal: { AWS: pulumi.interpolate`arn:aws:iam::${accountId}:root` },
                        Action: ["s3:GetObject"],
                        Resource: [pulumi.interpolate`arn:aws:s3:::prod-${region}-starport-layer-bucket/*`, ...(args.externalReadOnlyObjectArns ?? [])],
                    },
                ],
            }),
            tags: { ...tags, Name: `${name}-s3` },
        }, { parent: this });
        this.s3EndpointId = this.s3Endpoint.id;

        const workloadSg = new aws.ec2.SecurityGroup(`${name}-workloads-sg`, {
            vpcId: this.vpc.id,
            description: "ML workloads: HTTPS to the VPC endpoints and S3, traffic between ML apps (Studio)",
            ingress: [
                // Studio: NFS to the EFS home directories and 8192-65535 between apps; both within the group.
                { protocol: "tcp", fromPort: 2049, toPort: 2049, self: true, description: "NFS between Studio apps and EFS" },
                { protocol: "tcp", fromPort: 8192, toPort: 65535, self: true, description: "Studio app-to-app traffic" },
            ],
            egress: [
                { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: [cidrBlock], description: "HTTPS to interface endpoints" },
                { protocol: "tcp", fromPort: 443, toPort: 443, prefixListIds: [this.s3Endpoint.prefixListId], description: "HTTPS to S3 via the gateway endpoint" },
                { protocol: "tcp", fromPort: 2049, toPort: 2049, self: true, description: "NFS between Studio apps and EFS" },
                { protocol: "tcp", fromPort: 8192, toPort: 65535, self: true, description: "Studio app-to-app traffic" },
            ],
            tags,
        }, { parent: this });
        this.workloadSecurityGroup = workloadSg;
        this.workloadSecurityGroupId = workloadSg.id;

        const tiers = args.endpointTiers ?? {};
        const services = ["sagemaker.api", "sagemaker.runtime", "sts", "logs"];
        if (tiers.customImages ?? true) services.push("ecr.api", "ecr.dkr");
        if (tiers.recommended ?? true) services.push("kms", "monitoring", "ssm");
        if (tiers.featureStore) services.push("sagemaker.featurestore-runtime");
        if (tiers.secretsManager) services.push("secretsmanager");
        if (tiers.serviceCatalog) services.push("servicecatalog");
        for (const extra of args.extraInterfaceEndpoints ?? []) {
            if (!/^[a-z0-9.-]+$/.test(extra)) {
                throw new MlguardComponentError(COMPONENT, "extraInterfaceEndpoints", `"${extra}" is not a service-name suffix such as "athena"`);
            }
            if (!services.includes(extra)) services.push(extra);
        }
        const serviceNames: Record<string, pulumi.Output<string>> = {};
        for (const s of services) serviceNames[s] = pulumi.interpolate`com.amazonaws.${region}.${s}`;
        if (tiers.privateUi) {
            serviceNames.notebook = pulumi.interpolate`aws.sagemaker.${region}.notebook`;
            serviceNames.studio = pulumi.interpolate`aws.sagemaker.${region}.studio`;
        }
        this.interfaceEndpoints = {};
        for (const [service, serviceName] of Object.entries(serviceNames)) {
            const id = service.replace(/[^a-z0-9]+/g, "-");
            this.interfaceEndpoints[service] = new aws.ec2.VpcEndpoint(`${name}-${id}`, {
                vpcId: this.vpc.id,
                serviceName,
                vpcEndpointType: "Interface",
                privateDnsEnabled: true,
                subnetIds: this.subnetIds,
                securityGroupIds: [endpointSg.id],
                // Only this account's principals may use the endpoint: stolen credentials of another
                // account cannot be used through it to move data out.
                policy: pulumi.jsonStringify({
                    Version: "2012-10-17",
                    Statement: [{
                        Sid: "OwnAccountPrincipalsOnly",
                        Effect: "Allow",
                        Principal: { AWS: pulumi.interpolate`arn:aws:iam::${accountId}:root` },
                        Action: "*",
                        Resource: "*",
                    }],
                }),
                tags: { ...tags, Name: `${name}-${id}` },
            }, { parent: this });
        }

        const logGroup = new aws.cloudwatch.LogGroup(`${name}-flow-logs`, {
            retentionInDays: args.flowLogRetentionDays ?? 365,
            tags,
        }, { parent: this });
        const flowLogRole = new aws.iam.Role(`${name}-flow-logs-role`, {
            description: `Delivers VPC flow logs of ${name} to CloudWatch Logs`,
            assumeRolePolicy: {
                Version: "2012-10-17",
                Statement: [{
                    Effect: "Allow",
                    Principal: { Service: "vpc-flow-logs.amazonaws.com" },
                    Action: "sts:AssumeRole",
                    Condition: { StringEquals: { "aws:SourceAccount": accountId } },
                }],
            },
            tags,
        }, { parent: this });
        new aws.iam.RolePolicy(`${name}-flow-logs-policy`, {
            role: flowLogRole.id,
            policy: {
                Version: "2012-10-17",
                Statement: [{
                    Effect: "Allow",
                    Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogGroups", "logs:DescribeLogStreams"],
                    Resource: [logGroup.arn, pulumi.interpolate`${logGroup.arn}:*`],
                }],
            },
        }, { parent: this });
        new aws.ec2.FlowLog(`${name}-flow-log`, {
            vpcId: this.vpc.id,
            trafficType: "ALL",
            logDestinationType: "cloud-watch-logs",
            logDestination: logGroup.arn,
            iamRoleArn: flowLogRole.arn,
            tags,
        }, { parent: this });

        this.registerOutputs({
            vpcId: this.vpcId,
            subnetIds: this.subnetIds,
            workloadSecurityGroupId: this.workloadSecurityGroupId,
            endpointSecurityGroupId: this.endpointSecurityGroupId,
            s3EndpointId: this.s3EndpointId,
        });
    }
}
